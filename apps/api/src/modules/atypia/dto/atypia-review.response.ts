/** Swagger descriptions of the atypia table, decisions and changes; the shapes are the contracts'. */
import { ApiProperty, ApiPropertyOptional, OmitType, type ApiPropertyOptions } from '@nestjs/swagger';
import type {
  AtypiaDecisionResult,
  AtypiaFlagStatus,
  AtypiaTableRow,
  ChangedValue,
  ChangesSinceValidation,
  ItemValue,
  Paginated,
} from '@tdb/contracts';
import { ApiErrorResponseDto } from '../../../common/openapi/error-response.dto';
import { AtypiaTableRowResponse, FLAG_STATUSES } from './atypia-thread.response';

export class AtypiaTablePageResponse implements Paginated<AtypiaTableRow> {
  @ApiProperty({ type: [AtypiaTableRowResponse] }) items: AtypiaTableRowResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AtypiaDecisionResultResponse implements AtypiaDecisionResult {
  @ApiProperty({ enum: ['ACCEPTED', 'TO_CORRECT'] }) decision: 'ACCEPTED' | 'TO_CORRECT';
  @ApiProperty({ type: [AtypiaTableRowResponse], description: 'Les signalements décidés, à jour' })
  flags: AtypiaTableRowResponse[];
  @ApiProperty({
    type: [String],
    description: 'FINESS des saisies renvoyées à la structure (INVALIDATED) par « à corriger »',
  })
  invalidated: string[];
}

/** A stored value of the dictionary: number, boolean, choice code, ISO date or text; null: none. */
const itemValue = (description: string): ApiPropertyOptions => ({
  oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }],
  nullable: true,
  description,
});

export class ChangedValueResponse implements ChangedValue {
  @ApiProperty({ example: 'nb_places' }) itemCode: string;
  @ApiProperty() itemLabel: string;
  @ApiProperty(itemValue('Valeur avant (null : non renseignée)'))
  oldValue: ItemValue;
  @ApiProperty(itemValue('Valeur après (null : effacée)'))
  newValue: ItemValue;
  @ApiProperty() actorName: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
}

export class ChangesSinceValidationResponse implements ChangesSinceValidation {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Date de la dernière validation (null : jamais validée)',
  })
  validatedAt: string | null;
  @ApiProperty() count: number;
  @ApiProperty({ type: [ChangedValueResponse], description: 'Les plus récents d’abord' })
  changes: ChangedValueResponse[];
}

/** A flag's current version, sent back with a STALE_VERSION refusal. */
export class AtypiaFlagVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Version actuelle' }) version: number;
  @ApiProperty({ enum: FLAG_STATUSES }) status: AtypiaFlagStatus;
}

/** The 409 of a flag's thread or decisions: with STALE_VERSION, the current version of each flag. */
export class AtypiaConflictResponse extends OmitType(ApiErrorResponseDto, ['current'] as const) {
  @ApiPropertyOptional({
    type: [AtypiaFlagVersionResponse],
    description: 'Avec STALE_VERSION : la version actuelle de chaque signalement en cause',
  })
  current?: AtypiaFlagVersionResponse[];
}
