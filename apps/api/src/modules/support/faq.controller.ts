import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FaqEntryDto, FaqSummary } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { FaqQuery, FaqWithdrawQuery } from './dto/support.dto';
import { FaqEntryResponse, FaqSummaryResponse } from './dto/support.response';
import { FaqService } from './faq.service';
import { supportIdPipe } from './support.controller';

@ApiTags('questions')
@Controller('campaigns/:year/faq')
export class FaqController {
  constructor(private readonly faq: FaqService) {}

  @Get()
  @Authorize('faq.read')
  @ApiOperation({
    summary:
      'La FAQ de la campagne : nationale et de vos régions, recherche par mots (accents ignorés), par donnée ou indicateur',
  })
  @ApiOkResponse({ type: [FaqEntryResponse] })
  @ApiErrors(404)
  list(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: FaqQuery,
  ): Promise<FaqEntryDto[]> {
    return this.faq.list(actor, year, query);
  }

  @Get('summary')
  @Authorize('faq.read')
  @ApiOperation({ summary: 'Le nombre d’entrées de FAQ que vous lisez, en tout et par donnée et indicateur' })
  @ApiOkResponse({ type: FaqSummaryResponse })
  @ApiErrors(404)
  summary(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<FaqSummary> {
    return this.faq.summary(actor, year);
  }

  @Delete(':id')
  @Authorize('faq.withdraw')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Retirer une entrée de la FAQ (régionale : l’APR ou un contrôleur de l’autorité qui l’a publiée ; nationale : l’administration nationale)',
  })
  @ApiNoContentResponse({ description: 'Entrée retirée' })
  @ApiNotFoundResponse({ description: 'Entrée introuvable' })
  @ApiConflictResponse({ description: 'Version périmée' })
  withdraw(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
    @Query() query: FaqWithdrawQuery,
  ): Promise<void> {
    return this.faq.withdraw(actor, year, id, query);
  }

  @Post(':id/national')
  @Authorize('faq.publishNational')
  @ApiOperation({ summary: 'Publier une entrée régionale (une proposition) dans la FAQ nationale' })
  @ApiCreatedResponse({ type: FaqEntryResponse })
  @ApiNotFoundResponse({ description: 'Entrée introuvable' })
  @ApiConflictResponse({ description: 'Déjà dans la FAQ nationale' })
  publishNationally(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('id', supportIdPipe) id: string,
  ): Promise<FaqEntryDto> {
    return this.faq.publishNationally(actor, year, id);
  }
}
