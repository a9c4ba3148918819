/** Swagger descriptions of the API tokens' responses; the shapes are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type { ApiTokenInfo, CreatedApiToken } from '@tdb/contracts';
import { OrganisationRefDto } from '../../../common/validation/organisation-ref.dto';

export class ApiTokenInfoResponse implements ApiTokenInfo {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: OrganisationRefDto,
    description: 'L’ARS ou le Département dont le jeton lit le périmètre',
  })
  organisation: OrganisationRefDto;
  @ApiProperty() organisationLabel: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Compte qui l’a créé' })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null : sans expiration' })
  expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class CreatedApiTokenResponse extends ApiTokenInfoResponse implements CreatedApiToken {
  @ApiProperty({ description: 'Le jeton, affiché cette seule fois : à conserver aussitôt' }) token: string;
}
