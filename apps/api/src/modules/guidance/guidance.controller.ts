import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MyStepsDto } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { MyStepsResponse } from './dto/my-steps.response';
import { GuidanceService } from './guidance.service';

@ApiTags('suivi de campagne')
@Controller('campaigns/:year')
export class GuidanceController {
  constructor(private readonly guidance: GuidanceService) {}

  @Get('my-steps')
  @Authorize('campaign.read')
  @ApiOperation({
    summary:
      'Mes étapes : ce que la personne connectée a à faire dans la phase en cours, par profil, avec échéance, fait et reste à faire (décomptes de son périmètre)',
  })
  @ApiOkResponse({
    type: MyStepsResponse,
    description: 'Les étapes de chaque profil, du guide de campagne versionné (guideVersion)',
  })
  @ApiNotFoundResponse({ description: 'Aucune campagne cette année-là' })
  mySteps(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
  ): Promise<MyStepsDto> {
    return this.guidance.mySteps(actor, year);
  }
}
