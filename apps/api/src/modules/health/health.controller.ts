import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthReport } from '@tdb/contracts';
import { Public } from '../../common/auth/authorize.decorator';
import { HealthService } from './health.service';

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
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "État de l'API et de sa base de données" })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(503);
    return report;
  }
}
