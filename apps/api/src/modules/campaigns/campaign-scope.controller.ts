import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { memoryStorage } from 'multer';
import type { ScopeImportResult, SubmissionSummary } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ExportGate } from '../../common/concurrency/export-gate';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors, ApiFileResponse } from '../../common/openapi/api-responses.decorator';
import { FinessParamPipe } from '../structures/finess-param.pipe';
import { CampaignScopeService } from './campaign-scope.service';
import { ScopeChangeDto, ScopeListQuery } from './dto/campaign-scope.dto';
import { ScopeImportResultResponse, SubmissionSummaryResponse } from './dto/submission.response';
import { YearParamPipe } from '../campaign-core/year-param.pipe';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('périmètre de campagne')
@Controller('campaigns/:year')
export class CampaignScopeController {
  constructor(
    private readonly scopes: CampaignScopeService,
    private readonly gate: ExportGate,
  ) {}

  @Get('scope.xlsx')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'La liste du périmètre de la campagne (XLSX), avec les APE à contacter' })
  @ApiFileResponse('xlsx', 'La liste du périmètre (colonnes « Dans le périmètre » et « Motif » à remplir)')
  @ApiErrors(404, 503)
  async download(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: ScopeListQuery,
  ): Promise<StreamableFile> {
    // The whole scope (national: every ESMS) built in memory: one at a time per account, few at once.
    const file = await this.gate.build(actor, () => this.scopes.workbook(actor, year, query));
    return new StreamableFile(file, {
      type: XLSX,
      disposition: `attachment; filename="tdb-${year}-perimetre${query.region ? `-${query.region}` : ''}.xlsx"`,
    });
  }

  @Patch('submissions/:finess/scope')
  @Authorize('campaign.scope')
  @ApiOperation({ summary: 'Inclure ou exclure une structure du périmètre (motif obligatoire pour exclure)' })
  @ApiOkResponse({ type: SubmissionSummaryResponse, description: 'La saisie, dans ou hors du périmètre' })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Saisie commencée (réservé au national) ou version périmée' })
  change(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: ScopeChangeDto,
  ): Promise<SubmissionSummary> {
    return this.scopes.change(actor, year, finess, body);
  }

  @Post('scope')
  @Authorize('campaign.scope')
  @ApiOperation({
    summary:
      'Déposer la liste du périmètre remplie (colonnes « Dans le périmètre » et « Motif ») : tout ou rien',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: ScopeImportResultResponse, description: 'Les changements enregistrés' })
  @ApiErrors(404, 413, 503)
  @ApiUnprocessableEntityResponse({ description: 'Lignes en erreur (numéro, motif) ; rien enregistré' })
  @UseInterceptors(
    FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: 20 * 1024 * 1024, files: 1 } }),
  )
  upload(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ScopeImportResult> {
    if (!file) throw new DomainError('VALIDATION_FAILED', 'Aucun fichier reçu (champ « file »).');
    return this.scopes.import(actor, year, file.buffer);
  }
}
