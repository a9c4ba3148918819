import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  FaqEntryDto,
  Paginated,
  SupportQuestionSummary,
  SupportStats,
  SupportThread,
} from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import {
  AskQuestionBody,
  PublishFaqBody,
  QuestionListQuery,
  SupportAssignmentBody,
  SupportMessageBody,
  SupportStatusBody,
} from './dto/support.dto';
import {
  FaqEntryResponse,
  SupportQuestionPageResponse,
  SupportStatsResponse,
  SupportThreadResponse,
} from './dto/support.response';
import { FaqService } from './faq.service';
import { SupportThreadService } from './support-thread.service';
import { SupportService } from './support.service';

/** `:id` parameters: a UUID, refused in French otherwise. */
export const supportIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'Identifiant invalide.'),
});

@ApiTags('questions')
@Controller('campaigns/:year/support')
export class SupportController {
  constructor(
    private readonly support: SupportService,
    private readonly threads: SupportThreadService,
    private readonly faq: FaqService,
  ) {}

  @Get('questions')
  @Authorize('support.read')
  @ApiOperation({
    summary:
      'Les questions de votre périmètre : « Mes questions » pour une structure, la file « Questions reçues » pour une ARS ou un Département (filtres, pagination)',
  })
  @ApiOkResponse({ type: SupportQuestionPageResponse })
  @ApiErrors(404)
  list(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: QuestionListQuery,
  ): Promise<Paginated<SupportQuestionSummary>> {
    return this.support.list(actor, year, query);
  }

  @Post('questions')
  @Authorize('support.ask')
  @ApiOperation({
    summary:
      'Poser une question aux référents de son ARS / Département (les deux en compétence partagée), avec la page et la donnée ou l’indicateur concernés',
  })
  @ApiCreatedResponse({ type: SupportThreadResponse })
  @ApiErrors(404, 409)
  ask(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: AskQuestionBody,
  ): Promise<SupportThread> {
    return this.support.ask(actor, year, body);
  }

  @Get('stats')
  @Authorize('support.read')
  @ApiOperation({
    summary:
      'Suivi des questions par autorité de votre territoire : questions ouvertes, en attente, délais médian et moyen de première réponse',
  })
  @ApiOkResponse({ type: SupportStatsResponse })
  @ApiErrors(404)
  stats(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<SupportStats> {
    return this.support.stats(actor, year);
  }

  @Get('questions/:id')
  @Authorize('support.read')
  @ApiOperation({ summary: 'Une question avec son fil et vos droits' })
  @ApiOkResponse({ type: SupportThreadResponse })
  @ApiNotFoundResponse({ description: 'Question introuvable' })
  thread(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
  ): Promise<SupportThread> {
    return this.support.thread(actor, year, id);
  }

  @Post('questions/:id/messages')
  @Authorize('support.read')
  @ApiOperation({
    summary:
      'Écrire dans le fil : la réponse d’un référent (la question passe « répondue », la personne qui l’a posée est prévenue) ou la relance de la structure',
  })
  @ApiCreatedResponse({ type: SupportThreadResponse })
  @ApiNotFoundResponse({ description: 'Question introuvable' })
  @ApiConflictResponse({ description: 'Version périmée ou question close' })
  post(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
    @Body() body: SupportMessageBody,
  ): Promise<SupportThread> {
    return this.threads.post(actor, year, id, body);
  }

  @Put('questions/:id/assignment')
  @Authorize('support.answer')
  @ApiOperation({ summary: 'Attribuer la question à un collègue de la même autorité (ou la retirer)' })
  @ApiOkResponse({ type: SupportThreadResponse })
  @ApiNotFoundResponse({ description: 'Question introuvable' })
  @ApiConflictResponse({ description: 'Version périmée' })
  assign(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
    @Body() body: SupportAssignmentBody,
  ): Promise<SupportThread> {
    return this.threads.assign(actor, year, id, body);
  }

  @Post('questions/:id/status')
  @Authorize('support.answer')
  @ApiOperation({ summary: 'Clore ou rouvrir une question' })
  @ApiCreatedResponse({ type: SupportThreadResponse })
  @ApiNotFoundResponse({ description: 'Question introuvable' })
  @ApiConflictResponse({ description: 'Version périmée, question déjà close ou pas close' })
  setStatus(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
    @Body() body: SupportStatusBody,
  ): Promise<SupportThread> {
    return this.threads.setStatus(actor, year, id, body);
  }

  @Post('questions/:id/faq')
  @Authorize('support.answer')
  @ApiOperation({
    summary:
      'Publier la question et sa réponse, anonymisées, dans la FAQ de la région (ou la proposer à la FAQ nationale ; national : la FAQ nationale)',
  })
  @ApiCreatedResponse({ type: FaqEntryResponse })
  @ApiNotFoundResponse({ description: 'Question introuvable' })
  @ApiConflictResponse({ description: 'Version périmée' })
  publish(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
    @Body() body: PublishFaqBody,
  ): Promise<FaqEntryDto> {
    return this.faq.publish(actor, year, id, body);
  }
}
