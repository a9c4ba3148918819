import { SingleValuePipe } from '../../common/validation/single-value.pipe';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type {
  ItemBenchmark,
  OrganisationRestitution,
  TerritoryMap,
  TerritoryScatter,
  TerritoryTable,
} from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ExportGate } from '../../common/concurrency/export-gate';
import { ApiErrors, ApiFileResponse } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { FinessParamPipe } from '../structures/finess-param.pipe';
import { TerritoryExportService } from './territory-export.service';
import { TerritoryComparisonService } from './territory-comparison.service';
import { ItemBenchmarkQueryDto, ScatterQueryDto, TableQueryDto } from './dto/territory.query';
import {
  ItemBenchmarkResponse,
  OrganisationRestitutionResponse,
  TerritoryMapResponse,
  TerritoryScatterResponse,
  TerritoryTableResponse,
} from './dto/territory.response';
import { ItemBenchmarkService } from './item-benchmark.service';
import { TerritoryReportService } from './territory-report.service';
import { TerritoryRestitutionService } from './territory-restitution.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TABLE_QUERIES = [
  {
    name: 'indicators',
    required: true,
    description: 'Codes des indicateurs, séparés par des virgules (ex. P15,R04)',
  },
  { name: 'category', required: false, description: 'Catégorie (ex. EHPAD)' },
  { name: 'department', required: false, description: 'Code du département (ex. 45)' },
  {
    name: 'sort',
    required: false,
    description: 'Code d’un indicateur choisi, « name » ou « finess » ; « - » devant : décroissant',
  },
] as const;

/** Restitutions for the authorities (ARS, Départements), the organismes gestionnaires and national. */
@ApiTags('restitutions')
@Controller('campaigns/:year/restitution')
export class TerritoryRestitutionController {
  constructor(
    private readonly territory: TerritoryRestitutionService,
    private readonly comparison: TerritoryComparisonService,
    private readonly reports: TerritoryReportService,
    private readonly exports: TerritoryExportService,
    private readonly items: ItemBenchmarkService,
    private readonly gate: ExportGate,
  ) {}

  @Get('table')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Tableau des structures de votre périmètre : valeurs des indicateurs choisis et décile national (et régional) dans leur catégorie',
  })
  @ApiQuery(TABLE_QUERIES[0])
  @ApiQuery(TABLE_QUERIES[1])
  @ApiQuery(TABLE_QUERIES[2])
  @ApiQuery(TABLE_QUERIES[3])
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '50 par défaut, 500 au plus' })
  @ApiOkResponse({ type: TerritoryTableResponse })
  @ApiErrors(404)
  table(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: TableQueryDto,
  ): Promise<TerritoryTable> {
    return this.territory.table(actor, year, query);
  }

  @Get('table.xlsx')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Le tableau des structures de votre périmètre en XLSX, chaque valeur colorée selon son décile national',
  })
  @ApiFileResponse('xlsx', 'Le tableau en classeur (tableau-indicateurs-<année>.xlsx)')
  @ApiErrors(404, 503)
  @ApiQuery(TABLE_QUERIES[0])
  @ApiQuery(TABLE_QUERIES[1])
  @ApiQuery(TABLE_QUERIES[2])
  @ApiQuery(TABLE_QUERIES[3])
  async tableXlsx(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: TableQueryDto,
  ): Promise<StreamableFile> {
    // Every structure of the scope × the chosen indicators, built in memory: one at a time per
    // account, few at once.
    const file = await this.gate.build(actor, async () =>
      this.exports.tableXlsx(await this.territory.table(actor, year, query, { all: true })),
    );
    return new StreamableFile(file, {
      type: XLSX,
      disposition: `attachment; filename="tableau-indicateurs-${year}.xlsx"`,
    });
  }

  @Get('map')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Carte : médiane d’un indicateur par département (groupes de moins de 5 structures masqués) — ARS, Départements et national',
  })
  @ApiQuery({ name: 'indicator', required: true, description: 'Code de l’indicateur (ex. P15)' })
  @ApiQuery({ name: 'category', required: true, description: 'Catégorie (ex. EHPAD)' })
  @ApiOkResponse({ type: TerritoryMapResponse })
  @ApiErrors(404)
  map(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('indicator', SingleValuePipe) indicator: string | undefined,
    @Query('category', SingleValuePipe) category: string | undefined,
  ): Promise<TerritoryMap> {
    return this.territory.map(actor, year, indicator, category);
  }

  @Get('scatter')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Nuage de points de deux indicateurs pour les structures d’une catégorie de votre périmètre — ARS, Départements et national',
  })
  @ApiQuery({ name: 'x', required: true, description: 'Indicateur en abscisse (ex. R04)' })
  @ApiQuery({ name: 'y', required: true, description: 'Indicateur en ordonnée (ex. R06)' })
  @ApiQuery({ name: 'category', required: true, description: 'Catégorie (ex. EHPAD)' })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({
    name: 'highlight',
    required: false,
    description: 'FINESS de la structure à mettre en évidence',
  })
  @ApiOkResponse({ type: TerritoryScatterResponse })
  @ApiErrors(404)
  scatter(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: ScatterQueryDto,
  ): Promise<TerritoryScatter> {
    return this.comparison.scatter(actor, year, query);
  }

  @Get('item-benchmark')
  // Reads the values entered by the structures: the service filters them by the caller's scope.
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Benchmark d’une donnée saisie (numérique) : par catégorie, effectif, moyenne, minimum, déciles et maximum des structures validées ou confirmées d’un territoire de votre périmètre (groupes de moins de 5 structures masqués) — ARS, Départements et national',
  })
  @ApiQuery({
    name: 'item',
    required: true,
    description: 'Code de la donnée dans le dictionnaire (ex. personnes_accompagnees_31_12)',
  })
  @ApiQuery({ name: 'department', required: false, description: 'Code du département (ex. 45)' })
  @ApiQuery({
    name: 'region',
    required: false,
    description: 'Code de la région (ex. 24) ; sans territoire : celui du compte, la France pour le national',
  })
  @ApiQuery({
    name: 'structures',
    required: false,
    type: Boolean,
    description: 'true : la liste des structures comptées, avec leur valeur et leur décile',
  })
  @ApiOkResponse({ type: ItemBenchmarkResponse })
  @ApiErrors(404)
  itemBenchmark(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: ItemBenchmarkQueryDto,
  ): Promise<ItemBenchmark> {
    return this.items.benchmark(actor, year, query);
  }

  @Get('organisations/:ogFiness')
  @Authorize('organisation.read')
  @ApiOperation({
    summary:
      'Vue consolidée d’un organisme gestionnaire : ses ESMS, leurs valeurs et déciles nationaux, et la médiane de l’organisme',
  })
  @ApiOkResponse({ type: OrganisationRestitutionResponse })
  @ApiErrors(404)
  organisation(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('ogFiness', FinessParamPipe) ogFiness: string,
  ): Promise<OrganisationRestitution> {
    return this.comparison.organisation(actor, year, ogFiness);
  }

  @Get('territory-report.pdf')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Rapport territorial (PDF A4) d’une ARS ou d’un Département : distributions par catégorie et structures hors de la plage habituelle',
  })
  @ApiQuery({ name: 'kind', required: true, enum: ['ARS', 'CD'] })
  @ApiQuery({ name: 'code', required: true, description: 'Code de la région (ARS) ou du département (CD)' })
  @ApiFileResponse('pdf', 'Le rapport en PDF (rapport-territorial-<année>-<ARS|CD>-<code>.pdf)')
  @ApiErrors(404, 503)
  async territoryReport(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query('kind', SingleValuePipe) kind: string | undefined,
    @Query('code', SingleValuePipe) code: string | undefined,
  ): Promise<StreamableFile> {
    // A territory's distributions and outliers laid out by pdfmake (synchronous): few at once.
    const { report, pdf } = await this.gate.build(actor, async () => {
      const report = await this.reports.report(actor, year, kind, code);
      return { report, pdf: await this.exports.reportPdf(report) };
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="rapport-territorial-${year}-${report.kind}-${report.code}.pdf"`,
    });
  }
}
