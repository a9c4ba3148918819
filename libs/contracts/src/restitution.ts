/** Shapes of the restitution (benchmark) API, shared by the API and the SPA. */
import type { IndicatorAxisCode } from './indicators';

export type DistributionLevel = 'NATION' | 'REGION' | 'DEPARTMENT';

/**
 * Whether a restitution compares with the peers, and why not (ADR 0013): before the campaign's
 * restitution phase a structure (ESMS, OG) sees its own figures only.
 */
export interface PeerAvailability {
  /** True when the answer holds the peers' distributions, deciles and positions. */
  available: boolean;
  /** Why they are missing, in French with the date they open (null when available). */
  reason: string | null;
  /** The day the structures see their peers: the campaign's first day of restitution (ISO date). */
  availableFrom: string;
}

/** What a restitution shows on the day it is read, for the kind of reader asking. */
export interface RestitutionStage {
  /** Figures still provisional: the campaign is not yet in restitution (collection, fiabilisation). */
  provisional: boolean;
  /** Why the figures are provisional, in French (null when they are final). */
  notice: string | null;
  peers: PeerAvailability;
}

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
  /**
   * Provisional figures and peers: without peers, every indicator has `decile` all null and no
   * distribution (`national`, `regional`, `departmental` null).
   */
  stage: RestitutionStage;
  indicators: RestitutionIndicator[];
}

export interface DistributionsRecomputeResult {
  campaignYear: number;
  /** Stored groups, suppressed ones included. */
  groups: number;
  suppressed: number;
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Territorial restitutions (ARS, CD, OG): raw values of the structures of the caller's scope only.

/** One value of the territorial table, with its decile among the category (national, regional). */
export interface TerritoryTableCell {
  value: number | null;
  /** Decile 1…10 in the national distribution of the category (null: no value or no distribution). */
  nationalDecile: number | null;
  /** Decile 1…10 in the regional distribution (null when suppressed or missing). */
  regionalDecile: number | null;
}

export interface TerritoryTableRow {
  finess: string;
  name: string;
  categoryCode: string;
  departmentCode: string;
  regionCode: string;
  submissionStatus: string;
  /** Keyed by indicator code. */
  values: Record<string, TerritoryTableCell>;
}

export interface TerritoryTableIndicator {
  code: string;
  label: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
}

export interface TerritoryTable {
  campaignYear: number;
  indicators: TerritoryTableIndicator[];
  total: number;
  page: number;
  pageSize: number;
  /** Indicator code, "-" prefixed for descending; or "name" / "finess". */
  sort: string;
  /** Without peers, the rows' deciles are null (before the restitution, for a structure's users). */
  stage: RestitutionStage;
  rows: TerritoryTableRow[];
}

/** A territory's median of one indicator; a suppressed group (< 5) has no figure at all. */
export interface TerritoryMedian {
  code: string;
  name: string;
  /** OK: figures shown; SUPPRESSED: fewer than 5 structures; NO_DATA: no validated value. */
  status: 'OK' | 'SUPPRESSED' | 'NO_DATA';
  suppressed: boolean;
  n: number | null;
  median: number | null;
}

export interface TerritoryMap {
  campaignYear: number;
  indicator: TerritoryTableIndicator;
  categoryCode: string;
  national: TerritoryMedian;
  /** The regions shown for context (an ARS's region, a CD's region; every region for national). */
  regions: TerritoryMedian[];
  departments: (TerritoryMedian & { regionCode: string })[];
  /** Authorities and national only: provisional before the restitution. */
  stage: RestitutionStage;
}

export interface ScatterPoint {
  finess: string;
  name: string;
  x: number;
  y: number;
  highlighted: boolean;
}

export interface TerritoryScatter {
  campaignYear: number;
  categoryCode: string;
  x: TerritoryTableIndicator;
  y: TerritoryTableIndicator;
  points: ScatterPoint[];
  /** Medians of the points shown (null without points). */
  medians: { x: number | null; y: number | null };
  /** National medians of the category (null when suppressed or not computed). */
  nationalMedians: { x: number | null; y: number | null };
  /** Authorities and national only: provisional before the restitution. */
  stage: RestitutionStage;
}

export interface OrganisationRestitutionStructure {
  finess: string;
  name: string;
  categoryCode: string;
  departmentCode: string;
  submissionStatus: string;
  /** Keyed by indicator code: the value and its national decile among the category. */
  values: Record<string, { value: number | null; nationalDecile: number | null }>;
}

export interface OrganisationRestitution {
  campaignYear: number;
  finess: string;
  name: string | null;
  indicators: TerritoryTableIndicator[];
  structures: OrganisationRestitutionStructure[];
  /** Per indicator: the OG's median over its listed ESMS with a validated or confirmed value. */
  medians: Record<string, { n: number; median: number | null }>;
  /** Without peers, the national deciles are null (before the restitution, for the OG's users). */
  stage: RestitutionStage;
}

// ---------------------------------------------------------------------------------------------
// Benchmark of a data item (issue 14 §5): the peers' values of one numeric item of the dictionary.

/** The territory of a benchmark: the nation ("FR"), a region or a département. */
export interface BenchmarkTerritory {
  level: DistributionLevel;
  code: string;
  name: string;
}

/**
 * The distribution of one item among the structures of one category of the territory (VALIDATED
 * or CONFIRMED, with a value entered). A group of fewer than 5 structures is suppressed: no figure
 * at all, not even its size.
 */
export interface ItemBenchmarkGroup {
  categoryCode: string;
  categoryLabel: string;
  suppressed: boolean;
  n: number | null;
  mean: number | null;
  min: number | null;
  /** D1…D9 (9 values, percentile type 7), null when suppressed. */
  deciles: number[] | null;
  max: number | null;
}

/** One structure counted in the benchmark, with its value and decile position in its category. */
export interface ItemBenchmarkStructure {
  finess: string;
  name: string;
  categoryCode: string;
  departmentCode: string;
  value: number;
  /** 1…10 in its category's distribution; null when the group is suppressed. */
  decile: number | null;
}

export interface ItemBenchmark {
  campaignYear: number;
  item: {
    code: string;
    label: string;
    /** Unit from the dictionary ("" when it has none). */
    unit: string;
    type: 'integer' | 'decimal' | 'percentage';
    domain: string;
    /** Entered once for the whole organisme gestionnaire: each of its ESMS carries its value. */
    ogLevel: boolean;
  };
  territory: BenchmarkTerritory;
  minimumGroupSize: number;
  /** Categories with at least one value, in the reference's order. */
  groups: ItemBenchmarkGroup[];
  /** Asked with `structures=true`: the structures counted, by category then value; else null. */
  structures: ItemBenchmarkStructure[] | null;
  /** How many structures are counted in all (the list stops at MAX_BENCHMARK_STRUCTURES). */
  structuresTotal: number;
}

/** Structures listed by a benchmark, at most. */
export const MAX_BENCHMARK_STRUCTURES = 2000;
