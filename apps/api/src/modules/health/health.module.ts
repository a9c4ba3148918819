import { Module } from '@nestjs/common';
import { ComputationModule } from '../computation/computation.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';

/**
 * Health of the API for load balancers, orchestrators and the ops team: the database round trip
 * (/api/health), liveness (/live) and readiness (/ready, which reads the job worker's state).
 */
@Module({
  imports: [ComputationModule],
  controllers: [HealthController],
  providers: [HealthRepository, HealthService],
})
export class HealthModule {}
