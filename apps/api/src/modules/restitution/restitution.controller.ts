import { Controller, Get, Res, Param, Post, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { DistributionsRecomputeResult, StructurePractices } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors, ApiFileResponse } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { FinessParamPipe } from '../structures/finess-param.pipe';
import { PeerStatisticsService } from '../computation/peer-statistics.service';
import { StructurePracticesResponse } from './dto/practices.response';
import {
  DistributionsRecomputeResultResponse,
  StructureRestitutionResponse,
} from './dto/restitution.response';
import { PracticesService } from './practices.service';
import { RestitutionExportService } from './restitution-export.service';
import { RestitutionService } from './restitution.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('restitutions')
@Controller('campaigns/:year')
export class RestitutionController {
  constructor(
    private readonly distributions: PeerStatisticsService,
    private readonly restitutions: RestitutionService,
    private readonly exports: RestitutionExportService,
    private readonly practices: PracticesService,
  ) {}

  @Post('distributions/recompute')
  @Authorize('campaign.manage')
  @ApiOperation({
    summary:
      'Recalculer les distributions (médiane, déciles) des indicateurs par catégorie et territoire, à partir des saisies validées ou confirmées',
  })
  @ApiCreatedResponse({ type: DistributionsRecomputeResultResponse })
  @ApiErrors(404)
  recompute(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<DistributionsRecomputeResult> {
    return this.distributions.recomputeAs(actor, year);
  }

  @Get('submissions/:finess/restitution')
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Restitution de la structure : ses valeurs, sa position (décile) et les médianes de sa catégorie (national, régional, départemental)',
    description:
      'Réponse JSON (StructureRestitution) avec un ETag : une requête If-None-Match reçoit 304 tant que rien n’a changé. ' +
      'Avant le début de la restitution de la campagne, la structure et son organisme gestionnaire ne reçoivent que ses propres valeurs, provisoires, sans comparaison (stage.peers.available = false, avec la raison et la date) ; l’ARS, le Département et le national reçoivent les distributions, marquées provisoires.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    type: StructureRestitutionResponse,
    description: 'La restitution, avec son ETag',
    headers: {
      ETag: {
        description: 'Version de la réponse, à renvoyer dans If-None-Match',
        schema: { type: 'string' },
      },
    },
  })
  @ApiResponse({
    status: 304,
    description: 'Inchangée depuis la version envoyée dans If-None-Match (sans corps)',
  })
  @ApiErrors(404)
  async restitution(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Res() response: Response,
  ): Promise<void> {
    const body = await this.restitutions.ofStructureJson(actor, year, finess);
    // Bytes made once and kept: Express sends them as they are (304 when the ETag matches).
    response
      .set({
        'Content-Type': 'application/json; charset=utf-8',
        ETag: body.etag,
        'Cache-Control': 'private, no-cache',
      })
      .send(body.json);
  }

  @Get('submissions/:finess/restitution/practices')
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Axes qualitatifs de la restitution (O04 SI, O05 développement durable, O06 stratégie, qualité, réglementation) : les pratiques de la structure et la part des structures similaires qui les ont',
    description:
      'Par pratique : la réponse de la structure (Oui, Non, date) et, par territoire (national, région, département), la part des structures de sa catégorie (saisies validées ou confirmées) qui l’ont ; aucun chiffre sous 5 structures. ' +
      'Avant le début de la restitution, la structure et son organisme gestionnaire ne reçoivent que leurs réponses (peers = null).',
  })
  @ApiOkResponse({ type: StructurePracticesResponse })
  @ApiErrors(404)
  practicesOf(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<StructurePractices> {
    return this.practices.ofStructure(actor, year, finess);
  }

  @Get('submissions/:finess/restitution.pdf')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Restitution de la structure en PDF (A4), pour le dialogue de gestion / CPOM',
    description: 'Les indicateurs, puis les pratiques des axes qualitatifs (O04–O06), comme la page.',
  })
  @ApiFileResponse('pdf', 'La restitution en PDF (restitution-<année>-<FINESS>.pdf)')
  @ApiErrors(404)
  async restitutionPdf(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<StreamableFile> {
    const restitution = await this.restitutions.ofStructure(actor, year, finess);
    const practices = await this.practices.ofStructure(actor, year, finess);
    return new StreamableFile(await this.exports.pdf(restitution, practices), {
      type: 'application/pdf',
      disposition: `attachment; filename="restitution-${year}-${finess}.pdf"`,
    });
  }

  @Get('submissions/:finess/restitution.xlsx')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Restitution de la structure en tableur (XLSX)',
    description: 'Une feuille des indicateurs, une feuille « Pratiques » des axes qualitatifs (O04–O06).',
  })
  @ApiFileResponse('xlsx', 'La restitution en classeur (restitution-<année>-<FINESS>.xlsx)')
  @ApiErrors(404)
  async restitutionXlsx(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<StreamableFile> {
    const restitution = await this.restitutions.ofStructure(actor, year, finess);
    const practices = await this.practices.ofStructure(actor, year, finess);
    return new StreamableFile(await this.exports.xlsx(restitution, practices), {
      type: XLSX,
      disposition: `attachment; filename="restitution-${year}-${finess}.xlsx"`,
    });
  }
}
