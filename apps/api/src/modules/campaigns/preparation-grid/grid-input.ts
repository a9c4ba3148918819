import type { Dictionary } from '@tdb/dictionary';

/** The organisme gestionnaire of a grid, with its OG-level values. */
export interface GridOrganisation {
  finess: string;
  name: string;
  values: Record<string, unknown>;
  previousValues: Record<string, unknown>;
}

/** A structure of a grid: the same, and its category (which items apply). */
export interface GridStructure extends GridOrganisation {
  categoryCode: string;
  categoryLabel: string;
}

/** What a preparation grid is made of: the structures (and their OG) with their values. */
export interface GridInput {
  dictionary: Dictionary;
  campaignYear: number;
  structures: GridStructure[];
  organisation?: GridOrganisation;
}
