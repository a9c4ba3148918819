import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  AtypiaDecisionResult,
  AtypiaTableRow,
  AtypiaThread,
  ChangesSinceValidation,
  Paginated,
} from '@tdb/contracts';
import { LeavesActorsUnchanged } from '../../common/auth/actor-cache';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ExportGate } from '../../common/concurrency/export-gate';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors, ApiFileResponse } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { FinessParamPipe } from '../structures/finess-param.pipe';
import { AtypiaDecisionsService } from './atypia-decisions.service';
import { AtypiaReviewService } from './atypia-review.service';
import { AtypiaTableService } from './atypia-table.service';
import {
  AtypiaDecisionBody,
  AtypiaMessageBody,
  AtypiaTableFilters,
  AtypiaTableQuery,
} from './dto/atypia-review.dto';
import {
  AtypiaConflictResponse,
  AtypiaDecisionResultResponse,
  AtypiaTablePageResponse,
  ChangesSinceValidationResponse,
} from './dto/atypia-review.response';
import { AtypiaThreadResponse } from './dto/atypia-thread.response';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `:flagId` parameters: a UUID, refused in French otherwise. */
const flagIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'Identifiant de signalement invalide.'),
});

@ApiTags('atypies')
@Controller('campaigns/:year')
@LeavesActorsUnchanged()
export class AtypiaReviewController {
  constructor(
    private readonly reviews: AtypiaReviewService,
    private readonly tables: AtypiaTableService,
    private readonly decisions: AtypiaDecisionsService,
    private readonly gate: ExportGate,
  ) {}

  @Get('atypia')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Tableau des atypies sur votre périmètre (filtres, tri par priorité puis gravité, pagination ; view=mine pour « mes structures »)',
  })
  @ApiOkResponse({ type: AtypiaTablePageResponse })
  @ApiErrors(404)
  table(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: AtypiaTableQuery,
  ): Promise<Paginated<AtypiaTableRow>> {
    return this.tables.table(actor, year, query);
  }

  @Get('atypia.xlsx')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Le tableau des atypies filtré, en classeur XLSX (colonnes en français)' })
  @ApiFileResponse('xlsx', 'Classeur des atypies filtrées (tdb-<année>-atypies.xlsx)')
  @ApiErrors(404, 503)
  async download(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: AtypiaTableFilters,
  ): Promise<StreamableFile> {
    // Up to 100,000 flags of the scope built in memory: one at a time per account, few at once.
    const file = await this.gate.build(actor, () => this.tables.workbook(actor, year, query));
    return new StreamableFile(file, {
      type: XLSX,
      disposition: `attachment; filename="tdb-${year}-atypies.xlsx"`,
    });
  }

  @Post('atypia/decisions')
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Décider de plusieurs signalements à la fois (accepté / à corriger) avec un commentaire : tout ou rien ; « à corriger » invalide une saisie validée',
  })
  @ApiCreatedResponse({ type: AtypiaDecisionResultResponse })
  @ApiNotFoundResponse({ description: 'Signalement introuvable' })
  @ApiConflictResponse({
    description: 'Version périmée, signalement résolu ou refus du circuit de validation',
    type: AtypiaConflictResponse,
  })
  decide(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: AtypiaDecisionBody,
  ): Promise<AtypiaDecisionResult> {
    return this.decisions.decide(actor, year, body);
  }

  @Get('atypia/:flagId')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Un signalement avec son fil (justifications, commentaires, décisions) et vos droits',
  })
  @ApiOkResponse({ type: AtypiaThreadResponse })
  @ApiNotFoundResponse({ description: 'Signalement introuvable' })
  thread(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('flagId', flagIdPipe) flagId: string,
  ): Promise<AtypiaThread> {
    return this.reviews.thread(actor, year, flagId);
  }

  @Post('atypia/:flagId/messages')
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Justifier un signalement (la structure : il passe « justifié ») ou le commenter (ARS, Département, national)',
  })
  @ApiNotFoundResponse({ description: 'Signalement introuvable' })
  @ApiConflictResponse({
    description: 'Version périmée, signalement résolu ou campagne fermée',
    type: AtypiaConflictResponse,
  })
  @ApiCreatedResponse({ type: AtypiaThreadResponse })
  postMessage(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('flagId', flagIdPipe) flagId: string,
    @Body() body: AtypiaMessageBody,
  ): Promise<AtypiaThread> {
    return this.reviews.postMessage(actor, year, flagId, body);
  }

  @Get('submissions/:finess/changes-since-validation')
  @Authorize('submission.read')
  @ApiOperation({ summary: 'Ce qui a changé dans la saisie depuis sa validation (valeurs, auteur, date)' })
  @ApiOkResponse({ type: ChangesSinceValidationResponse })
  @ApiErrors(404)
  changesSinceValidation(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<ChangesSinceValidation> {
    return this.reviews.changesSinceValidation(actor, year, finess);
  }
}
