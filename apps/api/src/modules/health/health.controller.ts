import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthReport, LivenessReport, ReadinessReport } from '@tdb/contracts';
import { Public } from '../../common/auth/authorize.decorator';
import { HealthResponse, LivenessResponse, ReadinessResponse } from './dto/health.dto';
import { HealthService } from './health.service';

/**
 * Probes for load balancers and orchestrators (docs/operations.md): public, unthrottled, cheap.
 * Kubernetes: livenessProbe on /live (restart a process that no longer answers), readinessProbe
 * on /ready (send traffic only to a process that can serve it).
 */
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

  @Get('live')
  @Public()
  @ApiOperation({
    summary: 'Sonde de vie : le processus répond (sans interroger la base de données)',
  })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessReport {
    return this.health.live();
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary:
      'Sonde de disponibilité : base de données joignable, migrations toutes appliquées, traitements en arrière-plan en état, pas d’arrêt en cours',
  })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'Au moins une vérification échoue' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.health.ready();
    if (report.status !== 'ok') response.status(503);
    return report;
  }
}
