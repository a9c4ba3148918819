/** Swagger descriptions of the fiabilisation work; the shapes are the contracts' interfaces. */
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type {
  FiabilisationAssignmentDto,
  FiabilisationControllerDto,
  FiabilisationPrioritiesDto,
} from '@tdb/contracts';
import { ApiErrorResponseDto } from '../../../common/openapi/error-response.dto';

export class FiabilisationAssignmentResponse implements FiabilisationAssignmentDto {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() structureName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Compte du contrôleur' })
  controllerId: string | null;
  @ApiProperty({ nullable: true, type: String }) controllerName: string | null;
  @ApiProperty({ minimum: 0, maximum: 3, description: 'Priorité : 0 (aucune) à 3 (la plus forte)' })
  priority: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'Version de l’attribution (concurrence optimiste)' }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class FiabilisationControllerResponse implements FiabilisationControllerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['ARS', 'CD'] }) organisationKind: 'ARS' | 'CD';
  @ApiProperty({ example: '24' }) organisationCode: string;
  @ApiProperty({ enum: ['APR', 'CONTROLLER'] }) role: 'APR' | 'CONTROLLER';
}

export class FiabilisationPrioritiesResponse implements FiabilisationPrioritiesDto {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ enum: ['ARS', 'CD'] }) organisationKind: 'ARS' | 'CD';
  @ApiProperty({ example: '24' }) organisationCode: string;
  @ApiProperty({ type: [String], description: 'Codes des indicateurs prioritaires' })
  indicatorCodes: string[];
  @ApiProperty({ type: [String], description: 'Codes des règles d’atypie prioritaires' }) ruleCodes: string[];
  @ApiProperty({ description: 'Version (0 tant que rien n’est enregistré)' }) version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
}

/** The 409 of the priorities: with STALE_VERSION, the priorities as they are now. */
export class FiabilisationPrioritiesConflictResponse extends OmitType(ApiErrorResponseDto, [
  'current',
] as const) {
  @ApiPropertyOptional({
    type: FiabilisationPrioritiesResponse,
    description: 'Avec STALE_VERSION : les priorités actuelles, pour ne rien perdre',
  })
  current?: FiabilisationPrioritiesResponse;
}
