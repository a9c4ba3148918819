/** Swagger descriptions of a flag's thread; the shapes themselves are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type {
  ActionOptionDto,
  AtypiaFlagStatus,
  AtypiaKind,
  AtypiaMessageDto,
  AtypiaTableRow,
  AtypiaTargetDto,
  AtypiaThread,
} from '@tdb/contracts';

const FLAG_STATUSES: AtypiaFlagStatus[] = ['OPEN', 'JUSTIFIED', 'ACCEPTED', 'TO_CORRECT', 'RESOLVED'];
const KINDS: AtypiaKind[] = ['bounds', 'coherence', 'year_over_year', 'peer_outlier'];
const THREAD_ACTIONS = ['JUSTIFY', 'COMMENT', 'ACCEPT', 'TO_CORRECT'] as const;

export class AtypiaTableRowResponse implements AtypiaTableRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '180000123' }) finess: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty() ruleLabel: string;
  @ApiProperty({ enum: KINDS }) kind: AtypiaKind;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) severity: string;
  @ApiProperty({ enum: ['item', 'indicator'] }) targetKind: 'item' | 'indicator';
  @ApiProperty({ description: 'Code de la donnée ou de l’indicateur' }) targetCode: string;
  @ApiProperty({ nullable: true, type: Number, description: 'La valeur quand la règle s’est déclenchée' })
  value: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Les chiffres de la règle (bornes, pairs, N-1, écart…), selon son genre',
  })
  reference: Record<string, unknown>;
  @ApiProperty({ description: 'Pourquoi, en chiffres et en français' }) message: string;
  @ApiProperty({ enum: FLAG_STATUSES }) status: AtypiaFlagStatus;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() structureName: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ example: '18' }) departmentCode: string;
  @ApiProperty({ example: '24' }) regionCode: string;
  @ApiProperty({ example: 'VALIDATED' }) submissionStatus: string;
  @ApiProperty({ nullable: true, type: String }) controllerId: string | null;
  @ApiProperty({ nullable: true, type: String }) controllerName: string | null;
  @ApiProperty({ description: '0 (aucune) à 3 (la plus urgente)' }) priority: number;
  @ApiProperty({ description: 'Nombre de messages du fil' }) messages: number;
}

export class AtypiaTargetResponse implements AtypiaTargetDto {
  @ApiProperty({
    description: 'Libellé de la donnée (dictionnaire) ou de l’indicateur (définitions)',
    example: 'Dépenses réalisées',
  })
  label: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Unité des chiffres du signalement (« € », « % », « ETP »…), null sans unité',
    example: '€',
  })
  unit: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Sa valeur actuelle dans la saisie (après correction) ; null si absente ou non numérique',
  })
  currentValue: number | null;
}

export class AtypiaMessageResponse implements AtypiaMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['JUSTIFICATION', 'COMMENT', 'DECISION', 'SYSTEM'] })
  kind: AtypiaMessageDto['kind'];
  @ApiProperty({ enum: ['ACCEPTED', 'TO_CORRECT'], nullable: true, type: String })
  decision: AtypiaMessageDto['decision'];
  @ApiProperty() body: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AtypiaActionOptionResponse implements ActionOptionDto<(typeof THREAD_ACTIONS)[number]> {
  @ApiProperty({ enum: THREAD_ACTIONS }) action: (typeof THREAD_ACTIONS)[number];
  @ApiProperty() allowed: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Pourquoi pas, quand refusée (avec sa date)' })
  reason: string | null;
}

export class AtypiaThreadResponse implements AtypiaThread {
  @ApiProperty({ type: AtypiaTableRowResponse }) flag: AtypiaTableRowResponse;
  @ApiProperty({ type: AtypiaTargetResponse }) target: AtypiaTargetResponse;
  @ApiProperty({ type: [AtypiaMessageResponse] }) messages: AtypiaMessageResponse[];
  @ApiProperty() canJustify: boolean;
  @ApiProperty() canDecide: boolean;
  @ApiProperty({ type: [AtypiaActionOptionResponse] }) actions: AtypiaActionOptionResponse[];
}
