import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthReport } from '@tdb/contracts';
import { Public } from '../../common/auth/authorize.decorator';
import { DATABASE_KIND } from '../../database/database.tokens';

class DatabaseHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['embedded', 'server'] }) kind: 'embedded' | 'server';
  @ApiProperty({ nullable: true, type: Number }) latencyMs: number | null;
}

class HealthResponse implements HealthReport {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: DatabaseHealthResponse }) database: DatabaseHealthResponse;
  @ApiProperty() version: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "État de l'API et de sa base de données" })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const started = performance.now();
    let up: boolean;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 3000);
        }),
      ]);
      up = true;
    } catch {
      up = false;
    } finally {
      clearTimeout(timer);
    }
    if (!up) response.status(503);
    return {
      status: up ? 'ok' : 'error',
      database: {
        status: up ? 'up' : 'down',
        kind: this.databaseKind,
        latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null,
      },
      version: process.env['npm_package_version'] ?? '0.1.0',
    };
  }
}
