/** Shapes of the restitution (benchmark) API, shared by the API and the SPA. */
import type { IndicatorAxisCode } from './indicators';

export type DistributionLevel = 'NATION' | 'REGION' | 'DEPARTMENT';

/**
 * The distribution of one indicator among the structures of one category in one territory
 * (VALIDATED or CONFIRMED submissions only). A group of fewer than 5 structures is suppressed
 * (statistical secrecy): it carries no figure at all, not even its size.
 */
export interface DistributionDto {
  level: DistributionLevel;
  /** "FR" at national level, an INSEE region or department code otherwise. */
  territoryCode: string;
  suppressed: boolean;
  n: number | null;
  mean: number | null;
  median: number | null;
  /** D1…D9 (9 values), null when suppressed. */
  deciles: number[] | null;
  // No min / max here: each is one structure's own value. They are stored, never served.
}

/** One campaign's value of the structure itself (never another structure's). */
export interface RestitutionTrendPoint {
  campaignYear: number;
  value: number | null;
}

/** One indicator of a structure's restitution. */
export interface RestitutionIndicator {
  code: string;
  label: string;
  axis: IndicatorAxisCode;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
  provisional: boolean;
  provisionalNotice: string | null;
  /** The structure's own value this campaign (null when not computable or not entered). */
  value: number | null;
  /** Why the value is missing, when it is. */
  reason: string | null;
  /** Decile position 1…10 of the value in each non-suppressed distribution (null otherwise). */
  decile: Record<DistributionLevel, number | null>;
  /** The category's distributions; null when nothing was computed for that level. */
  national: DistributionDto | null;
  regional: DistributionDto | null;
  departmental: DistributionDto | null;
  /** The structure's own values over the campaigns, oldest first. */
  trend: RestitutionTrendPoint[];
}

export interface StructureRestitution {
  campaignYear: number;
  finess: string;
  name: string;
  categoryCode: string;
  categoryLabel: string;
  regionCode: string;
  departmentCode: string;
  /** Status of the structure's own submission (only VALIDATED/CONFIRMED ones are in the peer groups). */
  submissionStatus: string;
  /** When the distributions were last computed (null: never). */
  computedAt: string | null;
  indicators: RestitutionIndicator[];
}

export interface DistributionsRecomputeResult {
  campaignYear: number;
  /** Stored groups, suppressed ones included. */
  groups: number;
  suppressed: number;
  durationMs: number;
}
