import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Liveness of the API and of its database, for load balancers and the ops team. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
