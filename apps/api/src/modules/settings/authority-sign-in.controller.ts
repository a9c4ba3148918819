import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import type { AuthoritySignInRule, AuthoritySignInSettings, AuthoritySignInUpdate } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser, RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AuthoritySignInService } from './authority-sign-in.service';

class AuthorityRef {
  @ApiProperty({ enum: ['ARS', 'CD'] }) kind: 'ARS' | 'CD';
  @ApiProperty({ description: 'Code INSEE de la région (ARS) ou du département (CD)' }) code: string;
}

class AuthoritySignInRuleResponse implements AuthoritySignInRule {
  @ApiProperty({ type: AuthorityRef }) organisation: AuthorityRef;
  @ApiProperty({ description: 'Nom de l’autorité' }) name: string;
  @ApiProperty({
    description: 'Ses agents se connectent par le fournisseur d’identité (mot de passe refusé)',
  })
  providerRequired: boolean;
}

class AuthoritySignInSettingsResponse implements AuthoritySignInSettings {
  @ApiProperty({ description: 'Un fournisseur d’identité est configuré (OIDC_ISSUER)' })
  providerEnabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Son nom (« ProConnect »)' })
  providerName: string | null;
  @ApiProperty({ type: [AuthoritySignInRuleResponse] }) authorities: AuthoritySignInRuleResponse[];
}

class AuthoritySignInUpdateDto implements AuthoritySignInUpdate {
  @ApiProperty({
    description: 'Exiger la connexion par le fournisseur d’identité pour les agents de l’autorité',
  })
  @IsBoolean({ message: 'Valeur attendue : vrai ou faux.' })
  providerRequired: boolean;
}

@ApiTags('settings')
@Controller('settings/sign-in')
export class AuthoritySignInController {
  constructor(private readonly service: AuthoritySignInService) {}

  @Get()
  @Authorize('settings.manage')
  @ApiOperation({ summary: 'Connexion par le fournisseur d’identité exigée, autorité par autorité' })
  @ApiOkResponse({ type: AuthoritySignInSettingsResponse })
  // settings.manage needs no resource: the guard decides it.
  get(): Promise<AuthoritySignInSettings> {
    return this.service.settings();
  }

  @Put('authorities/:kind/:code')
  @Authorize('settings.manage')
  @ApiOperation({
    summary:
      'Exiger (ou non) la connexion par le fournisseur d’identité pour les agents d’une ARS ou d’un département',
  })
  @ApiParam({ name: 'kind', enum: ['ARS', 'CD'] })
  @ApiParam({ name: 'code', description: 'Code INSEE de la région (ARS) ou du département (CD)' })
  @ApiOkResponse({ type: AuthoritySignInSettingsResponse, description: 'Les réglages enregistrés' })
  @ApiErrors(404)
  update(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('kind') kind: string,
    @Param('code') code: string,
    @Body() body: AuthoritySignInUpdateDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<AuthoritySignInSettings> {
    if (kind !== 'ARS' && kind !== 'CD') throw new DomainError('NOT_FOUND', 'Cette autorité n’existe pas.');
    return this.service.update({ kind, code }, body.providerRequired, actor, meta);
  }
}
