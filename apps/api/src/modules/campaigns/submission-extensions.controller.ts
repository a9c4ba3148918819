import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ExtendCollectionResult, SubmissionDetail } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { YearParamPipe } from '../campaign-core/year-param.pipe';
import { FinessParamPipe } from '../structures/finess-param.pipe';
import { GrantExtensionDto } from './dto/extension.dto';
import { ExtendCollectionResultResponse, SubmissionDetailResponse } from './dto/submission.response';
import { SubmissionExtensionsService } from './submission-extensions.service';

@ApiTags('saisie')
@Controller('campaigns/:year')
export class SubmissionExtensionsController {
  constructor(private readonly extensions: SubmissionExtensionsService) {}

  @Post('submissions/:finess/extension')
  // The service decides: the authority competent for the structure, or the national administrator.
  @Authorize('submission.read')
  @ApiOperation({
    summary:
      'Accorder un délai de saisie à une structure en retard (autorité compétente ; remplace le délai en cours)',
  })
  @ApiCreatedResponse({ type: SubmissionDetailResponse, description: 'La saisie, avec son délai' })
  @ApiErrors(404)
  @ApiForbiddenResponse({ description: 'Autorité non compétente pour cette structure (le motif le dit)' })
  @ApiConflictResponse({ description: 'Saisie déjà validée, ou calendrier de la campagne (le motif le dit)' })
  grant(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
    @Body() body: GrantExtensionDto,
  ): Promise<SubmissionDetail> {
    return this.extensions.grant(actor, year, finess, body);
  }

  @Delete('submissions/:finess/extension')
  @Authorize('submission.read')
  @ApiOperation({ summary: 'Retirer le délai de saisie accordé à une structure' })
  @ApiOkResponse({ type: SubmissionDetailResponse, description: 'La saisie, sans délai' })
  @ApiErrors(404)
  @ApiConflictResponse({ description: 'Campagne close, ou structure exclue du périmètre' })
  revoke(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Param('finess', FinessParamPipe) finess: string,
  ): Promise<SubmissionDetail> {
    return this.extensions.revoke(actor, year, finess);
  }

  @Post('extension')
  @Authorize('campaign.manage')
  @ApiOperation({
    summary:
      'Prolonger la collecte pour toutes les structures qui n’ont pas validé (administration nationale)',
  })
  @ApiCreatedResponse({ type: ExtendCollectionResultResponse })
  @ApiErrors(404)
  @ApiConflictResponse({
    description: 'Campagne pas ouverte, ou calendrier de la campagne (le motif le dit)',
  })
  extendCollection(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('year', YearParamPipe) year: number,
    @Body() body: GrantExtensionDto,
  ): Promise<ExtendCollectionResult> {
    return this.extensions.extendCollection(actor, year, body);
  }
}
