/**
 * The versioned data dictionary of a TDB campaign: every item collected, with its type, bounds and
 * the categories it applies to. One JSON file per campaign year (see ../data), loaded by `load.ts`.
 */

export const DOMAINS = [
  'CARACTERISATION',
  'PRESTATIONS',
  'RESSOURCES_HUMAINES',
  'FINANCES',
  'SYSTEME_INFORMATION',
  'DEVELOPPEMENT_DURABLE',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_LABELS: Readonly<Record<Domain, string>> = {
  CARACTERISATION: 'Caractérisation',
  PRESTATIONS: "Prestations de soins et d'accompagnement",
  RESSOURCES_HUMAINES: 'Ressources humaines',
  FINANCES: 'Finances et budget',
  SYSTEME_INFORMATION: "Système d'information",
  DEVELOPPEMENT_DURABLE: 'Développement durable',
};

export const ITEM_TYPES = ['integer', 'decimal', 'percentage', 'boolean', 'choice', 'date', 'text'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export interface Choice {
  readonly code: string;
  readonly label: string;
}

/** 'ALL' or a list of TDB category codes (see `CATEGORIES` in @tdb/reference). */
export type CategoryScope = 'ALL' | readonly string[];

export interface Item {
  /** snake_case, unique within a dictionary. */
  readonly code: string;
  /** French label shown on the form (the export label for export items). */
  readonly label: string;
  readonly help?: string;
  readonly domain: Domain;
  readonly type: ItemType;
  readonly unit?: string;
  /** Hard bounds (blocking), inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** Required when type is 'choice'. */
  readonly choices?: readonly Choice[];
  readonly categories: CategoryScope;
  /** Where the item is required at validation; a subset of `categories` ([] = never required). */
  readonly requiredIn: CategoryScope;
  /** Entered once for the whole organisme gestionnaire (OG). */
  readonly ogLevel: boolean;
  /** n (1..331) of the 2021 regional export column this item fills, when it is one. */
  readonly exportColumn?: number;
  /** Not counted in completeness (conditional or optional details). */
  readonly excludedFromCompleteness?: boolean;
}

export interface Dictionary {
  /** e.g. "2026.1" */
  readonly version: string;
  readonly campaignYear: number;
  /** The year the data describe (campaignYear − 1). */
  readonly dataYear: number;
  readonly items: readonly Item[];
}

/** Number of columns of the 2021 regional export. */
export const EXPORT_2021_COLUMN_COUNT = 331;
