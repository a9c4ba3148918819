import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  FiabilisationAssignmentDto,
  FiabilisationControllerDto,
  FiabilisationPrioritiesDto,
} from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { AssignmentsBody, AuthorityQuery, PrioritiesBody } from './dto/fiabilisation.dto';
import {
  FiabilisationAssignmentResponse,
  FiabilisationControllerResponse,
  FiabilisationPrioritiesConflictResponse,
  FiabilisationPrioritiesResponse,
} from './dto/fiabilisation.response';
import { FiabilisationPrioritiesService } from './fiabilisation-priorities.service';
import { FiabilisationService } from './fiabilisation.service';

@ApiTags('atypies')
@Controller('campaigns/:year/fiabilisation')
export class FiabilisationController {
  constructor(
    private readonly fiabilisation: FiabilisationService,
    private readonly prioritiesOf: FiabilisationPrioritiesService,
  ) {}

  @Get('assignments')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Les attributions et priorités des structures de votre périmètre' })
  @ApiOkResponse({ type: [FiabilisationAssignmentResponse] })
  @ApiErrors(404)
  assignments(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<FiabilisationAssignmentDto[]> {
    return this.fiabilisation.assignments(actor, year);
  }

  @Put('assignments')
  @Authorize('fiabilisation.organise')
  @ApiOperation({
    summary:
      'Attribuer des structures de votre périmètre à un contrôleur de votre autorité, avec une priorité (tout ou rien)',
  })
  @ApiOkResponse({ type: [FiabilisationAssignmentResponse], description: 'Les attributions enregistrées' })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Version périmée ou campagne close' })
  assign(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: AssignmentsBody,
  ): Promise<FiabilisationAssignmentDto[]> {
    return this.fiabilisation.assign(actor, year, body);
  }

  @Get('controllers')
  @Authorize('campaign.read')
  @ApiOperation({
    summary: 'Les comptes (APR, contrôleurs) de votre autorité à qui attribuer des structures',
  })
  @ApiOkResponse({ type: [FiabilisationControllerResponse] })
  @ApiErrors(404)
  controllers(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: AuthorityQuery,
  ): Promise<FiabilisationControllerDto[]> {
    return this.fiabilisation.controllers(actor, year, query);
  }

  @Get('priorities')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Les indicateurs et règles prioritaires de votre ARS ou Département' })
  @ApiOkResponse({ type: FiabilisationPrioritiesResponse })
  @ApiErrors(404)
  priorities(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: AuthorityQuery,
  ): Promise<FiabilisationPrioritiesDto> {
    return this.prioritiesOf.priorities(actor, year, query);
  }

  @Put('priorities')
  @Authorize('campaign.communicate')
  @ApiOperation({ summary: 'Fixer les indicateurs et règles prioritaires de votre ARS ou Département' })
  @ApiOkResponse({ type: FiabilisationPrioritiesResponse })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Version périmée', type: FiabilisationPrioritiesConflictResponse })
  setPriorities(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: AuthorityQuery,
    @Body() body: PrioritiesBody,
  ): Promise<FiabilisationPrioritiesDto> {
    return this.prioritiesOf.setPriorities(actor, year, query, body);
  }
}
