/**
 * Indicator definitions: data (see ../data/<year>.json), versioned with the data dictionary.
 * Each definition is a formula over dictionary item codes plus what the indicator sheet shows.
 */

export const AXES = ['PRESTATIONS', 'RESSOURCES', 'FINANCES', 'OBJECTIFS'] as const;
export type Axis = (typeof AXES)[number];

export const AXIS_LABELS: Readonly<Record<Axis, string>> = {
  PRESTATIONS: "Prestations de soins et d'accompagnement",
  RESSOURCES: 'Ressources humaines et matérielles',
  FINANCES: 'Finances et budget',
  OBJECTIFS: 'Objectifs',
};

/** ratio = numerator / denominator × multiplier; value = one formula; distribution = shares. */
export const KINDS = ['ratio', 'value', 'distribution'] as const;
export type IndicatorKind = (typeof KINDS)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better', 'neutral'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  higher_is_better: 'Plus la valeur est élevée, mieux c’est',
  lower_is_better: 'Plus la valeur est basse, mieux c’est',
  neutral: 'Ni plus haut ni plus bas n’est meilleur en soi : à interpréter selon le contexte',
};

export const STATUSES = ['verified', 'provisional'] as const;
export type DefinitionStatus = (typeof STATUSES)[number];

/** Shown on every provisional sheet and carried by every result of a provisional indicator. */
export const PROVISIONAL_NOTICE =
  'Définition provisoire : aucune formule officielle publiée n’a été trouvée ; cette formule est ' +
  'proposée et doit être validée avec le guide des indicateurs ANAP/ATIH.';

/** 'ALL' or a list of TDB category codes (see `CATEGORIES` in @tdb/reference). */
export type CategoryScope = 'ALL' | readonly string[];

/** One share of a distribution. */
export interface DistributionPart {
  /** snake_case, unique within the indicator. */
  readonly key: string;
  readonly label: string;
  readonly formula: string;
}

/** Another reading of a ratio (e.g. installed instead of authorised capacity). */
export interface IndicatorVariant {
  readonly key: string;
  readonly label: string;
  readonly numerator?: string;
  readonly denominator?: string;
}

interface DefinitionBase {
  /** Our code (P01…, R01…, F01…, O01…); a letter suffix marks a sub-indicator (R01a). */
  readonly code: string;
  readonly label: string;
  readonly axis: Axis;
  /** What it measures, in plain French. */
  readonly meaning: string;
  /** Display unit: "%", "jours", "personnes", "points", "ETP", "€", "kWh/m²"… */
  readonly unit: string;
  readonly categories: CategoryScope;
  readonly direction: Direction;
  readonly status: DefinitionStatus;
  /** Public source of the definition (address or document and file). */
  readonly source: string;
  /** Notes of the indicator sheet. */
  readonly notes: readonly string[];
}

export interface RatioDefinition extends DefinitionBase {
  readonly kind: 'ratio';
  readonly numerator: string;
  readonly denominator: string;
  /** 100 for a percentage; 1 otherwise. */
  readonly multiplier: number;
  readonly variants?: readonly IndicatorVariant[];
}

export interface ValueDefinition extends DefinitionBase {
  readonly kind: 'value';
  readonly formula: string;
}

export interface DistributionDefinition extends DefinitionBase {
  readonly kind: 'distribution';
  readonly parts: readonly DistributionPart[];
  /**
   * What shares are taken of: absent = the sum of the parts (shares then add up to 100 %);
   * a formula = that total (e.g. persons at 31/12), shares need not add up to 100 %.
   */
  readonly base?: string;
  /** 'zero': a part whose items are all blank counts as 0 (at least one part must be filled). */
  readonly missingParts: 'zero' | 'error';
}

export type IndicatorDefinition = RatioDefinition | ValueDefinition | DistributionDefinition;

export interface IndicatorDefinitions {
  /** Version of the dictionary whose item codes the formulas use, e.g. "2026.1". */
  readonly dictionaryVersion: string;
  readonly campaignYear: number;
  readonly indicators: readonly IndicatorDefinition[];
}

// ----------------------------------------------------------------------------------------------
// Results

export const NOT_COMPUTABLE_CODES = [
  'NOT_APPLICABLE',
  'MISSING_ITEM',
  'INVALID_VALUE',
  'NEGATIVE_VALUE',
  'ZERO_DENOMINATOR',
  'OUT_OF_RANGE',
  'INVALID_DEFINITION',
] as const;
export type NotComputableCode = (typeof NOT_COMPUTABLE_CODES)[number];

export interface NotComputableReason {
  readonly code: NotComputableCode;
  /** French, for the reader. */
  readonly message: string;
  /** Items at fault (missing, invalid or negative), when any. */
  readonly items?: readonly string[];
}

interface ResultBase {
  readonly code: string;
  readonly provisional: boolean;
}

export interface DistributionShare {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** Percentage of the base (the parts' total unless the definition gives a base). */
  readonly share: number;
}

export type IndicatorResult =
  | (ResultBase & { readonly status: 'computed'; readonly kind: 'ratio' | 'value'; readonly value: number })
  | (ResultBase & {
      readonly status: 'computed';
      readonly kind: 'distribution';
      /** Sum of the parts' values. */
      readonly total: number;
      /** The base shares are taken of (equals `total` when the definition has no base). */
      readonly base: number;
      readonly parts: readonly DistributionShare[];
    })
  | (ResultBase & { readonly status: 'not_computable'; readonly reason: NotComputableReason });

export interface StructureInput {
  /** TDB category code of the structure (see @tdb/reference). */
  readonly categoryCode: string;
  /** Entered values by item code. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Variant to use per indicator code (default: the main formula). */
  readonly variants?: Readonly<Record<string, string>>;
}
