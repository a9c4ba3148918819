import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import type { SecuritySettings } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser, RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { SettingsService } from './settings.service';

class SecuritySettingsDto implements SecuritySettings {
  @ApiProperty({
    description: 'Double authentification obligatoire pour l’administrateur national et les APR',
  })
  @IsBoolean({ message: 'Valeur attendue : vrai ou faux.' })
  totpRequiredForAdmins: boolean;
}

@ApiTags('settings')
@Controller('settings/security')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Authorize('settings.manage')
  @ApiOperation({ summary: 'Réglages de sécurité de la plateforme' })
  @ApiOkResponse({ type: SecuritySettingsDto })
  // settings.manage needs no resource: the guard decides it.
  get(): Promise<SecuritySettings> {
    return this.settings.securitySettings();
  }

  @Put()
  @Authorize('settings.manage')
  @ApiOperation({
    summary: 'Rendre la double authentification obligatoire (ou non) pour les rôles d’administration',
  })
  @ApiOkResponse({ type: SecuritySettingsDto, description: 'Les réglages enregistrés' })
  @ApiErrors(409)
  update(
    @CurrentUser() actor: AuthenticatedActor,
    @Body() body: SecuritySettingsDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<SecuritySettings> {
    return this.settings.updateSecuritySettings(body, actor, meta);
  }
}
