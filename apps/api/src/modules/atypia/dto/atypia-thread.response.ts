/** Swagger descriptions of a flag's thread; the shapes themselves are the contracts' interfaces. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ActionOptionDto,
  AtypiaFlagStatus,
  AtypiaKind,
  AtypiaMessageDto,
  AtypiaTableRow,
  AtypiaTargetDto,
  AtypiaThread,
} from '@tdb/contracts';
import { COMPARISON_OPERATORS, PEER_LEVELS, RULE_KINDS, SEVERITIES } from '@tdb/atypia';
import { SUBMISSION_STATUSES } from '@tdb/submission-workflow';

export const FLAG_STATUSES: AtypiaFlagStatus[] = ['OPEN', 'JUSTIFIED', 'ACCEPTED', 'TO_CORRECT', 'RESOLVED'];
const THREAD_ACTIONS = ['JUSTIFY', 'COMMENT', 'ACCEPT', 'TO_CORRECT'] as const;

/** N-1 beside a bounds or peer flag (when known). */
export class AtypiaYearOverYearResponse {
  @ApiProperty({ description: 'Valeur de la campagne précédente' }) previous: number;
  @ApiPropertyOptional({ description: 'Évolution relative (0,4 = +40 %), absente quand N-1 vaut 0' })
  relativeChange?: number;
}

/**
 * The figures behind a flag, by kind of rule (each property is present for the kinds it names);
 * the contract keeps it open (Record<string, unknown>), the document lists what the rules write.
 */
export class AtypiaFlagReferenceResponse {
  @ApiPropertyOptional({
    description: 'bounds, peer_outlier : minimum attendu, ou des structures similaires',
  })
  min?: number;
  @ApiPropertyOptional({
    description: 'bounds, peer_outlier : maximum attendu, ou des structures similaires',
  })
  max?: number;
  @ApiPropertyOptional({ description: 'bounds, peer_outlier : la borne franchie' })
  bound?: number;
  @ApiPropertyOptional({ description: 'coherence : valeur du premier terme' })
  left?: number;
  @ApiPropertyOptional({ description: 'coherence : valeur du second terme' })
  right?: number;
  @ApiPropertyOptional({ enum: COMPARISON_OPERATORS, description: 'coherence : comparaison attendue' })
  operator?: (typeof COMPARISON_OPERATORS)[number];
  @ApiPropertyOptional({ description: 'coherence : premier terme − second terme' })
  gap?: number;
  @ApiPropertyOptional({ description: 'coherence : écart toléré appliqué' })
  tolerance?: number;
  @ApiPropertyOptional({ description: 'year_over_year : valeur de la campagne précédente' })
  previous?: number;
  @ApiPropertyOptional({
    enum: ['relative', 'absolute'],
    description: 'year_over_year : évolution mesurée en relatif ou en absolu',
  })
  change?: 'relative' | 'absolute';
  @ApiPropertyOptional({
    description: 'year_over_year : évolution relative (fraction) ou différence absolue',
  })
  delta?: number;
  @ApiPropertyOptional({
    description: 'year_over_year : valeur / valeur précédente (si celle-ci n’est pas 0)',
  })
  ratio?: number;
  @ApiPropertyOptional({ description: 'peer_outlier : règle du groupe de comparaison' })
  ruleCode?: string;
  @ApiPropertyOptional({ description: 'peer_outlier : catégorie du groupe', example: 'EHPAD' })
  categoryCode?: string;
  @ApiPropertyOptional({ enum: PEER_LEVELS, description: 'peer_outlier : niveau du groupe' })
  level?: (typeof PEER_LEVELS)[number];
  @ApiPropertyOptional({ description: 'peer_outlier : code INSEE du territoire, « FR » au national' })
  territoryCode?: string;
  @ApiPropertyOptional({ description: 'peer_outlier : structures ayant une valeur' })
  n?: number;
  @ApiPropertyOptional({ description: 'peer_outlier : groupe assez grand pour donner ses chiffres' })
  sufficient?: boolean;
  @ApiPropertyOptional({ description: 'peer_outlier : premier quartile' }) q1?: number;
  @ApiPropertyOptional({ description: 'peer_outlier : médiane' }) median?: number;
  @ApiPropertyOptional({ description: 'peer_outlier : troisième quartile' }) q3?: number;
  @ApiPropertyOptional({ description: 'peer_outlier : signalé en dessous' }) lowerBound?: number;
  @ApiPropertyOptional({ description: 'peer_outlier : signalé au-dessus' }) upperBound?: number;
  @ApiPropertyOptional({ enum: ['high', 'low'], description: 'peer_outlier : côté franchi' })
  side?: 'high' | 'low';
  @ApiPropertyOptional({ type: AtypiaYearOverYearResponse, description: 'bounds, peer_outlier : N-1' })
  yearOverYear?: AtypiaYearOverYearResponse;
}

export class AtypiaTableRowResponse implements AtypiaTableRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '180000123' }) finess: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty() ruleLabel: string;
  @ApiProperty({ enum: RULE_KINDS }) kind: AtypiaKind;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ enum: ['item', 'indicator'] }) targetKind: 'item' | 'indicator';
  @ApiProperty({ description: 'Code de la donnée ou de l’indicateur' }) targetCode: string;
  @ApiProperty({ nullable: true, type: Number, description: 'La valeur quand la règle s’est déclenchée' })
  value: number | null;
  @ApiProperty({
    type: AtypiaFlagReferenceResponse,
    description: 'Les chiffres de la règle (bornes, pairs, N-1, écart…), selon son genre',
  })
  reference: Record<string, unknown>;
  @ApiProperty({ description: 'Pourquoi, en chiffres et en français' }) message: string;
  @ApiProperty({ enum: FLAG_STATUSES }) status: AtypiaFlagStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty() structureName: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ example: '18' }) departmentCode: string;
  @ApiProperty({ example: '24' }) regionCode: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES, enumName: 'SubmissionStatus' }) submissionStatus: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) controllerId: string | null;
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
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
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
