import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FollowUp } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { FollowUpQuery } from './dto/follow-up.dto';
import { FollowUpResponse } from './dto/follow-up.response';
import { FollowUpService } from './follow-up.service';
import { YearParamPipe } from '../campaign-core/year-param.pipe';

@ApiTags('suivi de campagne')
@Controller('campaigns/:year')
export class FollowUpController {
  constructor(private readonly followUps: FollowUpService) {}

  @Get('follow-up')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Suivi de la campagne sur votre périmètre : saisies par statut, département et catégorie, structures en retard',
  })
  @ApiOkResponse({ type: FollowUpResponse })
  @ApiErrors(404)
  followUp(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Query() query: FollowUpQuery,
  ): Promise<FollowUp> {
    return this.followUps.followUp(actor, year, query);
  }
}
