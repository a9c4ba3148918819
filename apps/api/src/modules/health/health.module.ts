import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';

/** Liveness of the API and of its database, for load balancers and the ops team. */
@Module({ controllers: [HealthController], providers: [HealthRepository, HealthService] })
export class HealthModule {}
