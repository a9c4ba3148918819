import { ApiProperty } from '@nestjs/swagger';
import type { HealthReport, LivenessReport, ReadinessReport } from '@tdb/contracts';

export class DatabaseHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['embedded', 'server'] }) kind: 'embedded' | 'server';
  @ApiProperty({ nullable: true, type: Number }) latencyMs: number | null;
}

export class HealthResponse implements HealthReport {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: DatabaseHealthResponse }) database: DatabaseHealthResponse;
  @ApiProperty() version: string;
}

export class LivenessResponse implements LivenessReport {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ description: 'Secondes depuis le démarrage du processus' }) uptimeSeconds: number;
  @ApiProperty() version: string;
}

export class MigrationsReadinessResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ description: 'Migrations connues de cette version du code' }) registered: number;
  @ApiProperty({ description: 'Migrations appliquées à la base' }) applied: number;
  @ApiProperty({ type: [String], description: 'Connues mais pas appliquées : la base est en retard' })
  pending: string[];
  @ApiProperty({
    type: [String],
    description: 'Appliquées mais inconnues de ce code (une version plus récente a migré la base)',
  })
  unknown: string[];
}

export class JobsReadinessResponse {
  @ApiProperty({ enum: ['up', 'down', 'disabled'] }) status: 'up' | 'down' | 'disabled';
  @ApiProperty({ enum: ['pg-boss', 'in-process'] }) runner: 'pg-boss' | 'in-process';
  @ApiProperty({ enum: ['starting', 'running', 'disabled', 'stopping', 'stopped'] })
  state: ReadinessReport['jobs']['state'];
}

export class ReadinessResponse implements ReadinessReport {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({
    description: 'Arrêt en cours (SIGTERM) : le processus finit ses requêtes et n’en prend plus',
  })
  stopping: boolean;
  @ApiProperty({ type: DatabaseHealthResponse }) database: DatabaseHealthResponse;
  @ApiProperty({ type: MigrationsReadinessResponse }) migrations: MigrationsReadinessResponse;
  @ApiProperty({ type: JobsReadinessResponse }) jobs: JobsReadinessResponse;
  @ApiProperty() version: string;
}
