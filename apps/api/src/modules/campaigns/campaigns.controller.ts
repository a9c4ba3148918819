import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CampaignDetail, CampaignJobDto, CampaignSummary } from '@tdb/contracts';
import type { DictionaryWithUses } from '@tdb/indicators';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { CampaignJobsService } from '../computation/campaign-jobs.service';
import { CampaignsService } from './campaigns.service';
import { CampaignVersionDto, CreateCampaignDto, UpdateCampaignDto } from './dto/campaign.dto';
import {
  CampaignDetailResponse,
  CampaignJobResponse,
  CampaignSummaryResponse,
  DictionaryResponse,
} from './dto/campaign.response';
import { YearParamPipe } from '../campaign-core/year-param.pipe';

@ApiTags('campagnes')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly jobs: CampaignJobsService,
  ) {}

  @Get()
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Les campagnes, de la plus récente à la plus ancienne' })
  @ApiOkResponse({ type: [CampaignSummaryResponse] })
  list(@CurrentUser() actor: AuthenticatedActor): Promise<CampaignSummary[]> {
    return this.campaigns.list(actor);
  }

  @Post()
  @Authorize('campaign.manage')
  @ApiOperation({
    summary: "Créer la campagne d'une année (dictionnaire de l'année, ou repris de la précédente)",
  })
  @ApiCreatedResponse({ type: CampaignDetailResponse, description: 'La campagne créée (brouillon)' })
  @ApiConflictResponse({ description: 'La campagne existe déjà' })
  create(@CurrentUser() actor: AuthenticatedActor, @Body() body: CreateCampaignDto): Promise<CampaignDetail> {
    return this.campaigns.create(actor, body);
  }

  @Get(':year')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Une campagne : dates, phase, seuil, décompte des saisies de votre périmètre' })
  @ApiOkResponse({ type: CampaignDetailResponse })
  @ApiErrors(404)
  findOne(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<CampaignDetail> {
    return this.campaigns.findOne(actor, year);
  }

  @Patch(':year')
  @Authorize('campaign.manage')
  @ApiOperation({ summary: 'Modifier les dates ou le seuil de complétude (version lue)' })
  @ApiOkResponse({ type: CampaignDetailResponse })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'La campagne a changé depuis la version lue, ou elle est close' })
  update(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: UpdateCampaignDto,
  ): Promise<CampaignDetail> {
    return this.campaigns.update(actor, year, body);
  }

  @Post(':year/open')
  @Authorize('campaign.manage')
  @ApiOperation({ summary: 'Ouvrir la campagne (les structures voient leur saisie)' })
  @ApiCreatedResponse({ type: CampaignDetailResponse, description: 'La campagne ouverte' })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Version périmée, ou campagne déjà ouverte ou close' })
  open(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: CampaignVersionDto,
  ): Promise<CampaignDetail> {
    return this.campaigns.open(actor, year, body.version);
  }

  @Post(':year/close')
  @Authorize('campaign.manage')
  @ApiOperation({ summary: 'Clôturer la campagne' })
  @ApiCreatedResponse({ type: CampaignDetailResponse, description: 'La campagne close' })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Version périmée, ou campagne pas ouverte ou déjà close' })
  close(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: CampaignVersionDto,
  ): Promise<CampaignDetail> {
    return this.campaigns.close(actor, year, body.version);
  }

  @Get(':year/dictionary')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Le dictionnaire des données de la campagne (items, types, bornes, catégories, indicateurs qui lisent chaque item)',
  })
  @ApiOkResponse({ type: DictionaryResponse, description: 'Dictionnaire versionné' })
  @ApiErrors(404)
  dictionary(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<DictionaryWithUses> {
    return this.campaigns.dictionaryOf(actor, year);
  }

  @Post(':year/jobs/recompute-indicators')
  @Authorize('campaign.manage')
  @ApiOperation({
    summary: 'Recalculer tous les indicateurs de la campagne (tâche de fond, reprise après incident)',
  })
  @ApiCreatedResponse({ type: CampaignJobResponse, description: 'La tâche de fond, en file d’attente' })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Un recalcul est déjà en cours' })
  recompute(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<CampaignJobDto> {
    return this.jobs.start(actor, year);
  }

  @Get(':year/jobs')
  @Authorize('campaign.manage')
  @ApiOperation({ summary: 'Les tâches de fond de la campagne et leur avancement' })
  @ApiOkResponse({ type: [CampaignJobResponse] })
  listJobs(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<CampaignJobDto[]> {
    return this.jobs.list(actor, year);
  }
}
