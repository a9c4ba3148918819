import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { ApiTokenInfo, CreateApiTokenRequest, CreatedApiToken } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser, RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { OrganisationRefDto } from '../../common/validation/organisation-ref.dto';
import { ApiTokenInfoResponse, CreatedApiTokenResponse } from './dto/api-token.response';
import { ApiTokensService } from './api-tokens.service';

class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'Entrepôt de données ARS' })
  @IsString({ message: 'Nommez le jeton (son usage).' })
  @MinLength(3, { message: 'Le nom du jeton doit compter au moins 3 caractères.' })
  @MaxLength(100, { message: 'Le nom du jeton ne doit pas dépasser 100 caractères.' })
  name: string;

  @ApiPropertyOptional({ type: OrganisationRefDto, description: 'Par défaut, mon ARS ou mon Département' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationRefDto)
  organisation?: OrganisationRefDto;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2027-12-31',
    nullable: true,
    description: 'Date d’expiration ; absente ou null : sans expiration',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Date d’expiration invalide (AAAA-MM-JJ).' })
  expiresAt?: string | null;
}

@ApiTags('api-tokens')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @Authorize('apiToken.manage')
  @ApiOperation({ summary: 'Les jetons d’API de mon ARS ou de mon Département' })
  @ApiOkResponse({ type: [ApiTokenInfoResponse] })
  list(@CurrentUser() actor: AuthenticatedActor): Promise<ApiTokenInfo[]> {
    return this.tokens.list(actor);
  }

  @Post()
  @Authorize('apiToken.manage')
  @ApiOperation({
    summary: 'Créer un jeton d’API (affiché une seule fois), en lecture sur le périmètre de l’organisation',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  create(
    @CurrentUser() actor: AuthenticatedActor,
    @Body() body: CreateApiTokenDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(actor, body, meta);
  }

  @Delete(':id')
  @Authorize('apiToken.manage')
  @ApiOperation({ summary: 'Révoquer un jeton d’API' })
  @ApiOkResponse({ type: ApiTokenInfoResponse, description: 'Le jeton, révoqué' })
  @ApiErrors(404)
  revoke(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @RequestInfo() meta: RequestMeta,
  ): Promise<ApiTokenInfo> {
    return this.tokens.revoke(actor, id, meta);
  }
}
