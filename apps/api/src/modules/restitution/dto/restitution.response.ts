/** Swagger descriptions of a structure's restitution; the shapes are the contracts' interfaces. */
import { ApiProperty } from '@nestjs/swagger';
import type {
  DistributionDto,
  DistributionLevel,
  DistributionsRecomputeResult,
  IndicatorAxisCode,
  RestitutionIndicator,
  RestitutionTrendPoint,
  StructureRestitution,
} from '@tdb/contracts';
import { AXES, DIRECTIONS } from '@tdb/indicators';
import { SUBMISSION_STATUSES } from '@tdb/submission-workflow';
import { RestitutionStageResponse } from './practices.response';

/** The levels of the peers' distributions (one enum of the document, `DistributionLevel`). */
export const DISTRIBUTION_LEVELS: DistributionLevel[] = ['NATION', 'REGION', 'DEPARTMENT'];

/** A decile position (1…10), null without value or distribution. */
export const DECILE = { type: 'integer', minimum: 1, maximum: 10, nullable: true } as const;

export class DistributionResponse implements DistributionDto {
  @ApiProperty({ enum: DISTRIBUTION_LEVELS, enumName: 'DistributionLevel' }) level: DistributionLevel;
  @ApiProperty({
    example: 'FR',
    description: '« FR » au national, sinon code INSEE de la région ou du département',
  })
  territoryCode: string;
  @ApiProperty({ description: 'Moins de 5 structures : aucun chiffre, pas même l’effectif' })
  suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number }) n: number | null;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) median: number | null;
  @ApiProperty({ nullable: true, type: [Number], description: 'D1…D9 (9 valeurs)' })
  deciles: number[] | null;
}

/** The decile position of the value in each distribution (null when suppressed or missing). */
export class DecilePositionsResponse implements Record<DistributionLevel, number | null> {
  @ApiProperty(DECILE) NATION: number | null;
  @ApiProperty(DECILE) REGION: number | null;
  @ApiProperty(DECILE) DEPARTMENT: number | null;
}

export class RestitutionTrendPointResponse implements RestitutionTrendPoint {
  @ApiProperty({ example: 2025 }) campaignYear: number;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
}

export class RestitutionIndicatorResponse implements RestitutionIndicator {
  @ApiProperty({ example: 'P15' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: AXES, enumName: 'IndicatorAxis' }) axis: IndicatorAxisCode;
  @ApiProperty({ example: '%' }) unit: string;
  @ApiProperty({ enum: DIRECTIONS, enumName: 'IndicatorDirection' })
  direction: RestitutionIndicator['direction'];
  @ApiProperty() provisional: boolean;
  @ApiProperty({ nullable: true, type: String }) provisionalNotice: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Valeur de la structure (null : non calculable)',
  })
  value: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Pourquoi la valeur manque' })
  reason: string | null;
  @ApiProperty({ type: DecilePositionsResponse }) decile: DecilePositionsResponse;
  @ApiProperty({ nullable: true, type: DistributionResponse }) national: DistributionResponse | null;
  @ApiProperty({ nullable: true, type: DistributionResponse }) regional: DistributionResponse | null;
  @ApiProperty({ nullable: true, type: DistributionResponse }) departmental: DistributionResponse | null;
  @ApiProperty({
    type: [RestitutionTrendPointResponse],
    description: 'Les valeurs de la structure au fil des campagnes, la plus ancienne d’abord',
  })
  trend: RestitutionTrendPointResponse[];
}

export class StructureRestitutionResponse implements StructureRestitution {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ example: '450000123' }) finess: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EHPAD' }) categoryCode: string;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ example: '24' }) regionCode: string;
  @ApiProperty({ example: '45' }) departmentCode: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES, enumName: 'SubmissionStatus' }) submissionStatus: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Dernier calcul des distributions (null : jamais)',
  })
  computedAt: string | null;
  @ApiProperty({ type: RestitutionStageResponse }) stage: RestitutionStageResponse;
  @ApiProperty({ type: [RestitutionIndicatorResponse] }) indicators: RestitutionIndicatorResponse[];
}

export class DistributionsRecomputeResultResponse implements DistributionsRecomputeResult {
  @ApiProperty({ example: 2026 }) campaignYear: number;
  @ApiProperty({ description: 'Groupes enregistrés, masqués compris' }) groups: number;
  @ApiProperty({ description: 'Groupes masqués (moins de 5 structures)' }) suppressed: number;
  @ApiProperty() durationMs: number;
}
