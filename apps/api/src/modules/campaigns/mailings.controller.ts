import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CampaignMailing, MailingPreview, MailingResult } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { MailingRequestDto, MailingsQuery } from './dto/mailings.dto';
import {
  CampaignMailingResponse,
  MailingPreviewResponse,
  MailingResultResponse,
} from './dto/mailings.response';
import { MailingsService } from './mailings.service';
import { YearParamPipe } from '../campaign-core/year-param.pipe';

@ApiTags('suivi de campagne')
@Controller('campaigns/:year')
export class MailingsController {
  constructor(private readonly mailings: MailingsService) {}

  @Post('reminders/preview')
  @HttpCode(200)
  @Authorize('campaign.communicate')
  @ApiOperation({ summary: 'Aperçu de la relance des structures en retard (modèle, exemple, destinataires)' })
  @ApiOkResponse({ type: MailingPreviewResponse })
  @ApiErrors(404)
  previewReminders(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: MailingRequestDto,
  ): Promise<MailingPreview> {
    return this.mailings.preview(actor, year, 'REMINDER', body);
  }

  @Post('reminders')
  @Authorize('campaign.communicate')
  @ApiOperation({ summary: 'Relancer par courriel les structures en retard du périmètre de l’autorité' })
  @ApiCreatedResponse({ type: MailingResultResponse, description: 'Les courriels mis en file d’envoi' })
  @ApiErrors(404)
  @ApiConflictResponse({
    description: 'Aucune structure en retard, aucune qui ait un compte actif, ou campagne clôturée',
  })
  sendReminders(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: MailingRequestDto,
  ): Promise<MailingResult> {
    return this.mailings.send(actor, year, 'REMINDER', body);
  }

  @Post('launch-email/preview')
  @HttpCode(200)
  @Authorize('campaign.communicate')
  @ApiOperation({
    summary: 'Aperçu du courriel de lancement de la campagne (modèle, exemple, destinataires)',
  })
  @ApiOkResponse({ type: MailingPreviewResponse })
  @ApiErrors(404)
  previewLaunch(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: MailingRequestDto,
  ): Promise<MailingPreview> {
    return this.mailings.preview(actor, year, 'LAUNCH', body);
  }

  @Post('launch-email')
  @Authorize('campaign.communicate')
  @ApiOperation({ summary: 'Envoyer le courriel de lancement aux structures du périmètre de l’autorité' })
  @ApiCreatedResponse({ type: MailingResultResponse, description: 'Les courriels mis en file d’envoi' })
  @ApiErrors(404)
  @ApiConflictResponse({
    description: 'Aucune structure à prévenir, aucune qui ait un compte actif, ou campagne clôturée',
  })
  sendLaunch(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: MailingRequestDto,
  ): Promise<MailingResult> {
    return this.mailings.send(actor, year, 'LAUNCH', body);
  }

  @Get('mailings')
  @Authorize('campaign.communicate')
  @ApiOperation({ summary: 'Les envois passés de votre autorité (national : tous)' })
  @ApiOkResponse({ type: [CampaignMailingResponse] })
  @ApiErrors(404)
  list(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: MailingsQuery,
  ): Promise<CampaignMailing[]> {
    return this.mailings.list(actor, year, query.kind);
  }
}
