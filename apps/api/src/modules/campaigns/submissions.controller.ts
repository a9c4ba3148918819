import { SingleValuePipe } from '../../common/validation/single-value.pipe';
import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
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
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { memoryStorage } from 'multer';
import type {
  BulkResult,
  IndicatorValueDto,
  OgSubmissionDetail,
  Paginated,
  SubmissionDetail,
  SubmissionSummary,
  ValueHistoryEntry,
} from '@tdb/contracts';
import { LeavesActorsUnchanged } from '../../common/auth/actor-cache';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors, ApiFileResponse } from '../../common/openapi/api-responses.decorator';
import { FinessParamPipe } from '../structures/finess-param.pipe';
import { BulkDto, SaveValuesDto, SubmissionsQuery, TransitionDto } from './dto/submission.dto';
import {
  BulkResultResponse,
  IndicatorValueResponse,
  OgSubmissionDetailResponse,
  SubmissionDetailResponse,
  SubmissionPageResponse,
  ValueHistoryEntryResponse,
} from './dto/submission.response';
import { OrganisationEntryService } from './organisation-entry.service';
import { PreparationGridService } from './preparation-grid.service';
import { SubmissionReader } from './submission-reader.service';
import { SubmissionTransitions } from './submission-transitions.service';
import { SubmissionWriter } from './submission-writer.service';
import { YearParamPipe } from '../campaign-core/year-param.pipe';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD = FileInterceptor('file', {
  storage: memoryStorage(),
  limits: { fileSize: 20 * 1024 * 1024, files: 1 },
});
const FILE_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};

function requireFile(file: Express.Multer.File | undefined): Buffer {
  if (!file) throw new DomainError('VALIDATION_FAILED', 'Aucun fichier reçu (champ « file »).');
  return file.buffer;
}

const xlsx = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, { type: XLSX, disposition: `attachment; filename="${name}"` });

@ApiTags('saisie')
@Controller('campaigns/:year')
@LeavesActorsUnchanged()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionReader,
    private readonly writer: SubmissionWriter,
    private readonly transitions: SubmissionTransitions,
    private readonly organisations: OrganisationEntryService,
    private readonly grids: PreparationGridService,
  ) {}

  @Get('submissions')
  @Authorize('submission.read')
  @ApiOperation({ summary: 'Les saisies de votre périmètre (filtres : statut, département, catégorie, OG)' })
  @ApiOkResponse({ type: SubmissionPageResponse })
  @ApiErrors(404)
  list(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: SubmissionsQuery,
  ): Promise<Paginated<SubmissionSummary>> {
    return this.submissions.list(actor, year, query);
  }

  @Get('submissions/:finess')
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      "La saisie d'une structure : valeurs, N-1, complétude, erreurs, actions possibles, historique des statuts",
  })
  @ApiOkResponse({ type: SubmissionDetailResponse })
  @ApiErrors(404)
  detail(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<SubmissionDetail> {
    return this.submissions.detail(actor, year, finess);
  }

  @Put('submissions/:finess/values')
  @Authorize('submission.edit')
  @ApiOperation({
    summary: 'Enregistrer des valeurs (version lue ; 409 avec les valeurs actuelles si elle a changé)',
  })
  @ApiOkResponse({ type: SubmissionDetailResponse, description: 'La saisie enregistrée' })
  @ApiErrors(404)
  @ApiConflictResponse({
    description:
      'La saisie a changé depuis la version lue (valeurs actuelles jointes), ou refusée dans cette phase, ce statut ou hors du périmètre',
  })
  save(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: SaveValuesDto,
  ): Promise<SubmissionDetail> {
    return this.writer.save(actor, year, finess, body);
  }

  @Post('submissions/:finess/transitions')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Valider, reprendre, invalider (motif), confirmer, marquer consultée, annuler une confirmation',
  })
  @ApiCreatedResponse({ type: SubmissionDetailResponse, description: 'La saisie dans son nouveau statut' })
  @ApiErrors(404)
  @ApiConflictResponse({
    description: 'Refusé dans cette phase ou ce statut (le motif le dit), ou version périmée',
  })
  transition(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: TransitionDto,
  ): Promise<SubmissionDetail> {
    return this.transitions.transition(actor, year, finess, body);
  }

  @Get('submissions/:finess/history')
  @Authorize('submission.read')
  @ApiOperation({ summary: "Historique des valeurs (qui, quand, ancienne → nouvelle), d'un item ou de tous" })
  @ApiQuery({ name: 'item', required: false, description: 'Code d’un item (sinon : tous les items)' })
  @ApiOkResponse({ type: [ValueHistoryEntryResponse] })
  @ApiErrors(404)
  history(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Query('item', SingleValuePipe) item?: string,
  ): Promise<ValueHistoryEntry[]> {
    if (item !== undefined && !/^[a-z0-9_]{1,80}$/.test(item)) {
      throw new DomainError('VALIDATION_FAILED', 'Code d’item invalide.');
    }
    return this.submissions.history(actor, year, finess, item);
  }

  @Get('submissions/:finess/indicators')
  @Authorize('submission.read')
  @ApiOperation({ summary: "Les indicateurs d'une structure pour la campagne, avec ceux de l'an dernier" })
  @ApiOkResponse({ type: [IndicatorValueResponse] })
  @ApiErrors(404)
  indicators(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<IndicatorValueDto[]> {
    return this.submissions.indicatorsOf(actor, year, finess);
  }

  @Get('submissions/:finess/grid.xlsx')
  @Authorize('submission.read')
  @ApiOperation({ summary: 'Grille de préparation à la collecte de la structure (XLSX)' })
  @ApiFileResponse('xlsx', 'La grille de préparation de la structure, remplie de ses valeurs')
  @ApiErrors(404)
  async grid(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<StreamableFile> {
    return xlsx(await this.grids.forStructure(actor, year, finess), `tdb-${year}-grille-${finess}.xlsx`);
  }

  @Post('submissions/:finess/grid')
  @Authorize('submission.edit')
  @ApiOperation({ summary: 'Déposer la grille remplie : tout ou rien, erreurs par feuille et cellule' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ type: BulkResultResponse, description: 'Les valeurs changées, enregistrées' })
  @ApiErrors(404, 413, 503)
  @ApiUnprocessableEntityResponse({
    description: 'Cellules en erreur (feuille, cellule, motif) ; rien enregistré',
  })
  @UseInterceptors(UPLOAD)
  uploadGrid(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<BulkResult> {
    return this.grids.uploadForStructure(actor, year, finess, requireFile(file));
  }

  @Get('organisations/:finess')
  @Authorize('organisation.read')
  @ApiOperation({ summary: "Saisie d'un organisme gestionnaire : ses items et la grille de ses ESMS" })
  @ApiOkResponse({ type: OgSubmissionDetailResponse })
  @ApiErrors(404)
  organisation(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<OgSubmissionDetail> {
    return this.organisations.detail(actor, year, finess);
  }

  @Put('organisations/:finess/values')
  @Authorize('submission.edit')
  @ApiOperation({ summary: "Enregistrer les items de l'organisme gestionnaire (version lue)" })
  @ApiOkResponse({ type: OgSubmissionDetailResponse, description: 'Les items enregistrés' })
  @ApiErrors(404)
  @ApiConflictResponse({
    description: 'Les données ont changé depuis la version lue (valeurs actuelles jointes)',
  })
  saveOrganisation(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: SaveValuesDto,
  ): Promise<OgSubmissionDetail> {
    return this.organisations.saveOg(actor, year, finess, body);
  }

  @Get('organisations/:finess/grid.xlsx')
  @Authorize('organisation.read')
  @ApiOperation({ summary: "Grille de préparation de tous les ESMS de l'organisme gestionnaire (XLSX)" })
  @ApiFileResponse('xlsx', "La grille de préparation des ESMS de l'organisme gestionnaire, remplie")
  @ApiErrors(404)
  async organisationGrid(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<StreamableFile> {
    return xlsx(
      await this.grids.forOrganisation(actor, year, finess),
      `tdb-${year}-grille-og-${finess}.xlsx`,
    );
  }

  @Post('organisations/:finess/grid')
  @Authorize('submission.edit')
  @ApiOperation({ summary: "Déposer la grille remplie de l'organisme gestionnaire : tout ou rien" })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ type: BulkResultResponse, description: 'Les valeurs changées, enregistrées' })
  @ApiErrors(404, 413, 503)
  @ApiUnprocessableEntityResponse({
    description: 'Cellules en erreur (feuille, cellule, motif) ; rien enregistré',
  })
  @UseInterceptors(UPLOAD)
  uploadOrganisationGrid(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<BulkResult> {
    return this.grids.uploadForOrganisation(actor, year, finess, requireFile(file));
  }

  @Post('bulk')
  @Authorize('submission.edit')
  @ApiOperation({
    summary: 'Envoi groupé (logiciels des OG, intégrations régionales) : mêmes contrôles, tout ou rien',
  })
  @ApiCreatedResponse({ type: BulkResultResponse, description: 'Les valeurs enregistrées, par structure' })
  @ApiErrors(404, 413)
  bulk(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: BulkDto,
  ): Promise<BulkResult> {
    return this.organisations.bulk(actor, year, body, 'BULK');
  }
}
