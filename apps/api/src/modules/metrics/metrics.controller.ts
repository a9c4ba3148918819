import { Controller, Get, Headers, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/authorize.decorator';
import { MetricsService } from './metrics.service';

/**
 * The Prometheus scrape. Not an account's route: @Public for the accounts' guard, its own bearer
 * token (METRICS_TOKEN) checked by the service; never throttled (a scraper comes every 15 s).
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @ApiBearerAuth('metrics')
  @ApiOperation({
    summary: 'Métriques Prometheus (format texte), avec le jeton METRICS_TOKEN',
    description:
      'Requêtes par route et classe de statut, pool de connexions, file des traitements, avancement des recalculs, boucle d’événements et mémoire. 404 tant que METRICS_TOKEN n’est pas défini.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Format d’exposition texte de Prometheus', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ description: 'Jeton absent ou invalide' })
  @ApiNotFoundResponse({ description: 'Métriques non activées (METRICS_TOKEN non défini)' })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    this.metrics.authorize(authorization);
    const body = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.send(body);
  }
}
