/**
 * Atypia rules ("tableau des atypies", shared/domain/README.md §8): data-quality checks written as
 * data (see ../data/<year>.json), versioned with the data dictionary. An atypia never blocks a
 * validation: it points the ESMS and its authority at a figure worth a second look, and says why.
 */

/** How strongly a flag asks for a check. Atypia never block validation (that is the dictionary's job). */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  high: 'Forte : valeur très probablement erronée',
  medium: 'Moyenne : valeur à vérifier',
  low: 'Faible : valeur inhabituelle, pour information',
};

export const RULE_KINDS = ['bounds', 'coherence', 'year_over_year', 'peer_outlier'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_LABELS: Readonly<Record<RuleKind, string>> = {
  bounds: 'Bornes de plausibilité',
  coherence: 'Cohérence entre données',
  year_over_year: 'Variation par rapport à N-1',
  peer_outlier: 'Écart aux structures comparables',
};

/** The first letter after "AT" in a rule code tells its kind: ATB01, ATC01, ATV01, ATP01. */
export const KIND_LETTERS: Readonly<Record<RuleKind, string>> = {
  bounds: 'B',
  coherence: 'C',
  year_over_year: 'V',
  peer_outlier: 'P',
};

/** A dictionary item or a computed indicator. */
export type AtypiaTarget = { readonly item: string } | { readonly indicator: string };

/** 'ALL' or a list of TDB category codes (see `CATEGORIES` in @tdb/reference). */
export type CategoryScope = 'ALL' | readonly string[];

export const COMPARISON_OPERATORS = ['<=', '<', '>=', '>', '='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const PEER_LEVELS = ['department', 'region', 'national'] as const;
/** Territorial level of a peer group, finest first. */
export type PeerLevel = (typeof PEER_LEVELS)[number];

export const PEER_METHODS = ['percentile', 'tukey'] as const;
export type PeerMethod = (typeof PEER_METHODS)[number];

export const SIDES = ['both', 'high', 'low'] as const;
export type Side = (typeof SIDES)[number];

interface RuleBase {
  /** ATB01 (bounds), ATC01 (coherence), ATV01 (year over year), ATP01 (peers). */
  readonly code: string;
  /** French, short: what the rule looks for. */
  readonly label: string;
  readonly severity: Severity;
  readonly categories: CategoryScope;
  /**
   * French message template. Placeholders in braces (see `PLACEHOLDERS`); `{reason}` is required
   * and always carries the figures that explain the flag.
   */
  readonly message: string;
  /** Why the rule exists and where its threshold comes from (French, for the rule sheet). */
  readonly rationale?: string;
}

/** Value of an item or indicator outside [min, max] (either may be absent, not both). */
export interface BoundsRule extends RuleBase {
  readonly kind: 'bounds';
  readonly target: AtypiaTarget;
  readonly min?: number;
  readonly max?: number;
}

/**
 * `left operator right`, two formulas over item codes in the @tdb/indicators language. The
 * allowed gap is max(tolerance, relativeTolerance × |right|): `=` holds when |left − right| ≤ gap,
 * `<=` when left ≤ right + gap, and so on. Not evaluated when an operand is blank or invalid.
 */
export interface CoherenceRule extends RuleBase {
  readonly kind: 'coherence';
  readonly left: string;
  readonly operator: ComparisonOperator;
  readonly right: string;
  /** Absolute tolerance, in the unit of the operands (default 0). */
  readonly tolerance?: number;
  /** Tolerance as a fraction of |right| (0.01 = 1 %; default 0). */
  readonly relativeTolerance?: number;
  /** Display unit of both sides ("ETP", "€", "personnes"…). */
  readonly unit?: string;
  /** The item the flag is attached to (default: the first item of `left`). */
  readonly target?: { readonly item: string };
}

/**
 * Change of an item or indicator versus the previous campaign. `relative`: (N − N-1) / |N-1|, the
 * thresholds are fractions (0.4 = +40 %); `absolute`: N − N-1 in the target's unit (points for a
 * rate). Not evaluated when |N-1| < minBase (default: any non-zero N-1 for `relative`).
 */
export interface YearOverYearRule extends RuleBase {
  readonly kind: 'year_over_year';
  readonly target: AtypiaTarget;
  readonly change: 'relative' | 'absolute';
  /** Flag when the change exceeds +maxIncrease. */
  readonly maxIncrease?: number;
  /** Flag when the change is below −maxDecrease (a positive number; < 1 for `relative`). */
  readonly maxDecrease?: number;
  readonly minBase?: number;
}

/**
 * Value far from the structures of the same category: outside [P(lower), P(upper)] (linear
 * interpolation between order statistics) or outside Tukey fences [Q1 − k·IQR, Q3 + k·IQR]. The
 * finest level in `levels` whose group has at least `minGroupSize` values is used.
 */
export interface PeerOutlierRule extends RuleBase {
  readonly kind: 'peer_outlier';
  readonly target: AtypiaTarget;
  readonly method: PeerMethod;
  /** percentile method: lower and/or upper percentile, 0..100. */
  readonly lowerPercentile?: number;
  readonly upperPercentile?: number;
  /** tukey method: fence multiplier (1.5 usual, 3 "far out"). */
  readonly k?: number;
  /** tukey method: which fences are checked (default both). */
  readonly side?: Side;
  readonly minGroupSize: number;
  /** Levels tried, finest first (default department, region, national). */
  readonly levels?: readonly PeerLevel[];
}

export type AtypiaRule = BoundsRule | CoherenceRule | YearOverYearRule | PeerOutlierRule;

/** Label and display unit of a rule target, taken from the dictionary or the indicator definition. */
export interface TargetInfo {
  readonly label: string;
  readonly unit?: string;
}

export interface AtypiaRuleSet {
  /** Version of the dictionary whose item codes the rules use, e.g. "2026.1". */
  readonly dictionaryVersion: string;
  readonly campaignYear: number;
  readonly rules: readonly AtypiaRule[];
  /**
   * Filled by the loader: label and unit of every item and indicator a rule reads, by
   * `targetKey(target)` ("item:etp_budgetes", "indicator:P15"). Missing entries fall back to the code.
   */
  readonly targets?: Readonly<Record<string, TargetInfo>>;
}

/** "item:<code>" or "indicator:<code>". */
export function targetKey(target: AtypiaTarget): string {
  return 'item' in target ? `item:${target.item}` : `indicator:${target.indicator}`;
}

/** The code of a target, item or indicator. */
export function targetCode(target: AtypiaTarget): string {
  return 'item' in target ? target.item : target.indicator;
}

/** Placeholders a message template may use, by rule kind. */
export const PLACEHOLDERS: Readonly<Record<RuleKind, readonly string[]>> = {
  bounds: ['label', 'value', 'category', 'reason', 'yoy', 'min', 'max', 'bound'],
  coherence: ['category', 'reason', 'left', 'right', 'gap', 'tolerance', 'operator'],
  year_over_year: ['label', 'value', 'category', 'reason', 'previous', 'change'],
  peer_outlier: ['label', 'value', 'category', 'reason', 'yoy', 'bound', 'n', 'territory', 'median'],
};

// ----------------------------------------------------------------------------------------------
// Inputs

/** A number, null (not computable) or absent, by indicator code. */
export type IndicatorValues = Readonly<Record<string, number | null | undefined>>;

/** What the own rules (bounds, coherence, year over year) read: one structure, N and N-1. */
export interface OwnRulesInput {
  readonly categoryCode: string;
  /** Entered values of campaign N by item code (anything may come in; only numbers are used). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Computed indicators of campaign N (see `indicatorValues`). */
  readonly indicators?: IndicatorValues;
  readonly previousValues?: Readonly<Record<string, unknown>>;
  readonly previousIndicators?: IndicatorValues;
}

/** One structure of the population the peer references are computed on. */
export interface PeerStructure {
  readonly finess: string;
  readonly categoryCode: string;
  /** INSEE region code (e.g. "53"). */
  readonly regionCode?: string | null;
  /** INSEE department code (e.g. "29", "2A", "974"). */
  readonly departmentCode?: string | null;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly indicators?: IndicatorValues;
  /** N-1, only used to add the year-over-year part to a flag's message. */
  readonly previousValues?: Readonly<Record<string, unknown>>;
  readonly previousIndicators?: IndicatorValues;
}

// ----------------------------------------------------------------------------------------------
// Peer references

/** The distribution of a rule's target in one group (category × territory). */
export interface PeerGroupReference {
  readonly ruleCode: string;
  readonly categoryCode: string;
  readonly level: PeerLevel;
  /** INSEE region or department code; "FR" at national level. */
  readonly territoryCode: string;
  /** Number of structures with a value. */
  readonly n: number;
  /** Whether n ≥ the rule's minGroupSize; the figures below are only given then. */
  readonly sufficient: boolean;
  readonly min?: number;
  readonly q1?: number;
  readonly median?: number;
  readonly q3?: number;
  readonly max?: number;
  /** Flag below this (percentile P(lower) or Q1 − k·IQR); absent when that side is not checked. */
  readonly lowerBound?: number;
  /** Flag above this (percentile P(upper) or Q3 + k·IQR); absent when that side is not checked. */
  readonly upperBound?: number;
}

export interface PeerReferences {
  /** By `peerReferenceKey(ruleCode, categoryCode, level, territoryCode)`. */
  readonly groups: Readonly<Record<string, PeerGroupReference>>;
}

// ----------------------------------------------------------------------------------------------
// Flags

interface FlagBase {
  readonly ruleCode: string;
  readonly ruleLabel: string;
  readonly severity: Severity;
  /** The item or indicator the flag is shown on. */
  readonly target: AtypiaTarget;
  /** French, always with the figures that explain it. */
  readonly message: string;
}

/** Change versus N-1 added to bounds and peer flags when N-1 is known. */
export interface YearOverYearPart {
  readonly previous: number;
  /** Relative change (0.4 = +40 %), absent when N-1 is 0. */
  readonly relativeChange?: number;
}

export interface BoundsFlag extends FlagBase {
  readonly kind: 'bounds';
  readonly value: number;
  readonly reference: { readonly min?: number; readonly max?: number; readonly bound: number };
  readonly yearOverYear?: YearOverYearPart;
}

export interface CoherenceFlag extends FlagBase {
  readonly kind: 'coherence';
  /** Value of the left side. */
  readonly value: number;
  /** Items read by either side (to highlight on the form). */
  readonly items: readonly string[];
  readonly reference: {
    readonly left: number;
    readonly right: number;
    readonly operator: ComparisonOperator;
    /** left − right. */
    readonly gap: number;
    /** The allowed gap actually applied. */
    readonly tolerance: number;
  };
}

export interface YearOverYearFlag extends FlagBase {
  readonly kind: 'year_over_year';
  readonly value: number;
  readonly reference: {
    readonly previous: number;
    readonly change: 'relative' | 'absolute';
    /** Relative change (fraction) or absolute difference, as the rule measures it. */
    readonly delta: number;
    /** value / previous, when previous is not 0. */
    readonly ratio?: number;
  };
}

export interface PeerOutlierFlag extends FlagBase {
  readonly kind: 'peer_outlier';
  readonly value: number;
  readonly reference: PeerGroupReference & { readonly side: 'high' | 'low'; readonly bound: number };
  readonly yearOverYear?: YearOverYearPart;
}

export type AtypiaFlag = BoundsFlag | CoherenceFlag | YearOverYearFlag | PeerOutlierFlag;
