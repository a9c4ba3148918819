import { SingleValuePipe } from '../../common/validation/single-value.pipe';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { OpenDataIndicators } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize, Public } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors, ApiFileResponse } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { OpenDataIndicatorsResponse } from './dto/open-data.response';
import { OpenDataService } from './open-data.service';
import { RegionalExportService, type StartedExport } from './regional-export.service';

const REGION_PARAMETER = 'Code de la région (ex. 24) ; par défaut, celle de l’ARS (jeton d’API d’une ARS)';
const DEPARTMENT_PARAMETER =
  'Code du département (ex. 45) ; par défaut, celui du Département (jeton d’API d’un Département)';

@ApiTags('exports')
@Controller('campaigns/:year/exports')
export class RegionalExportController {
  constructor(private readonly exports: RegionalExportService) {}

  @Get('regional.xlsx')
  // No dedicated action: the service decides (ARS of the region or national administrator).
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Export régional (XLSX, 331 colonnes du fichier export-tdbesms) : ARS de la région et national',
  })
  @ApiQuery({
    name: 'region',
    required: false,
    description: 'Code de la région (ex. 24) ; par défaut, celle de l’ARS (jeton d’API d’une ARS)',
  })
  @ApiFileResponse('xlsx', 'L’export de la région (classeur XLSX, envoyé au fil de sa construction)')
  @ApiErrors(404, 503)
  async regional(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('region', SingleValuePipe) region: string | undefined,
  ): Promise<StreamableFile> {
    return file(await this.exports.regional(actor, year, region));
  }

  @Get('department.xlsx')
  // As the regional export: the service decides (the Département, the ARS of its region, national).
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Export départemental (XLSX, les 331 colonnes de l’export régional) : Département, ARS de sa région et national',
  })
  @ApiQuery({
    name: 'department',
    required: false,
    description:
      'Code du département (ex. 45) ; par défaut, celui du Département (jeton d’API d’un Département)',
  })
  @ApiFileResponse('xlsx', 'L’export du département (classeur XLSX, envoyé au fil de sa construction)')
  @ApiErrors(404, 503)
  async departmental(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('department', SingleValuePipe) department: string | undefined,
  ): Promise<StreamableFile> {
    return file(await this.exports.departmental(actor, year, department));
  }

  // The same rows for programs: CSV and JSON lines (one ESMS per line, keyed by item and
  // indicator codes), streamed as the workbook is, with the same access rule and defaults.

  @Get('regional.csv')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Export régional en CSV (mêmes colonnes ; « ; », UTF-8 avec BOM, virgule décimale)',
  })
  @ApiQuery({ name: 'region', required: false, description: REGION_PARAMETER })
  @ApiFileResponse('csv', 'L’export de la région, une ligne par ESMS')
  @ApiErrors(404, 503)
  async regionalCsv(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('region', SingleValuePipe) region: string | undefined,
  ): Promise<StreamableFile> {
    return file(await this.exports.regional(actor, year, region, 'csv'));
  }

  @Get('regional.jsonl')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Export régional en JSON lines : un objet par ESMS, clés = codes des données et des indicateurs',
  })
  @ApiQuery({ name: 'region', required: false, description: REGION_PARAMETER })
  @ApiFileResponse('jsonl', 'L’export de la région, un objet JSON par ligne (dates aaaa-mm-jj)')
  @ApiErrors(404, 503)
  async regionalJsonl(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('region', SingleValuePipe) region: string | undefined,
  ): Promise<StreamableFile> {
    return file(await this.exports.regional(actor, year, region, 'jsonl'));
  }

  @Get('department.csv')
  @Authorize('submission.read')
  @ApiOperation({
    summary: 'Export départemental en CSV (mêmes colonnes ; « ; », UTF-8 avec BOM, virgule décimale)',
  })
  @ApiQuery({ name: 'department', required: false, description: DEPARTMENT_PARAMETER })
  @ApiFileResponse('csv', 'L’export du département, une ligne par ESMS')
  @ApiErrors(404, 503)
  async departmentalCsv(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('department', SingleValuePipe) department: string | undefined,
  ): Promise<StreamableFile> {
    return file(await this.exports.departmental(actor, year, department, 'csv'));
  }

  @Get('department.jsonl')
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Export départemental en JSON lines : un objet par ESMS, clés = codes des données et des indicateurs',
  })
  @ApiQuery({ name: 'department', required: false, description: DEPARTMENT_PARAMETER })
  @ApiFileResponse('jsonl', 'L’export du département, un objet JSON par ligne (dates aaaa-mm-jj)')
  @ApiErrors(404, 503)
  async departmentalJsonl(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('department', SingleValuePipe) department: string | undefined,
  ): Promise<StreamableFile> {
    return file(await this.exports.departmental(actor, year, department, 'jsonl'));
  }
}

function file({ stream, fileName, contentType }: StartedExport): StreamableFile {
  return new StreamableFile(stream, {
    type: contentType,
    disposition: `attachment; filename="${fileName}"`,
  });
}

@ApiTags('open data')
@Controller('open-data/:year')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('indicators')
  @Public()
  @ApiOperation({
    summary:
      'Données ouvertes : médiane et quartiles par catégorie × département × indicateur (groupes de moins de 5 structures masqués)',
    description:
      'Publiées à partir du début de la restitution de la campagne (404 avant, avec la date) ; chiffres arrondis selon l’unité (% à 0,1, nombres et ratios à 0,01, € à l’euro).',
  })
  @ApiOkResponse({ type: OpenDataIndicatorsResponse, description: 'Groupes publiés' })
  @ApiErrors(404)
  indicators(@Param('year', YearParamPipe) year: number): Promise<OpenDataIndicators> {
    return this.openData.indicatorsOf(year);
  }

  @Get('indicators.csv')
  @Public()
  @ApiOperation({
    summary: 'Données ouvertes au format CSV (séparateur « ; », UTF-8 avec BOM, virgule décimale)',
    description: 'Mêmes règles de publication et d’arrondi que la version JSON.',
  })
  @ApiFileResponse('csv', 'Les groupes publiés (tdb-esms-<année>-indicateurs-donnees-ouvertes.csv)')
  @ApiErrors(404)
  async csv(@Param('year', YearParamPipe) year: number): Promise<StreamableFile> {
    const body = await this.openData.csvOf(year);
    return new StreamableFile(Buffer.from(body, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="tdb-esms-${year}-indicateurs-donnees-ouvertes.csv"`,
    });
  }
}
