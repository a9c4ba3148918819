import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GrantInvitationInfo } from '@tdb/contracts';
import { Public } from '../../common/auth/authorize.decorator';
import { RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { GrantInvitationInfoResponse } from './dto/account.response';
import { GrantInvitationsService } from './grant-invitations.service';

const GONE = 'Proposition déjà acceptée ou refusée, remplacée, expirée, ou compte désactivé (TOKEN_INVALID)';

/** The emailed link of a grant offered to an existing person: read it, accept it or refuse it. */
@ApiTags('accounts')
@Controller('grant-invitations')
export class GrantInvitationsController {
  constructor(private readonly invitations: GrantInvitationsService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Une habilitation qui m’est proposée (lien reçu par courriel)' })
  @ApiOkResponse({ type: GrantInvitationInfoResponse })
  @ApiErrors(404)
  info(@Param('token') token: string): Promise<GrantInvitationInfo> {
    return this.invitations.info(token);
  }

  @Post(':token/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepter l’habilitation proposée : elle prend effet aussitôt' })
  @ApiOkResponse({ type: GrantInvitationInfoResponse, description: 'La proposition, acceptée' })
  @ApiErrors(404, 409)
  @ApiGoneResponse({ description: GONE })
  accept(@Param('token') token: string, @RequestInfo() meta: RequestMeta): Promise<GrantInvitationInfo> {
    return this.invitations.answer(token, true, meta);
  }

  @Post(':token/decline')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuser l’habilitation proposée' })
  @ApiOkResponse({ type: GrantInvitationInfoResponse, description: 'La proposition, refusée' })
  @ApiErrors(404)
  @ApiGoneResponse({ description: GONE })
  decline(@Param('token') token: string, @RequestInfo() meta: RequestMeta): Promise<GrantInvitationInfo> {
    return this.invitations.answer(token, false, meta);
  }
}
