import type { Dictionary } from '@tdb/dictionary';

/** What a preparation grid is made of: the structures (and their OG) with their values. */
export interface GridStructure {
  finess: string;
  name: string;
  categoryCode: string;
  categoryLabel: string;
  values: Record<string, unknown>;
  previousValues: Record<string, unknown>;
}

export interface GridOrganisation {
  finess: string;
  name: string;
  values: Record<string, unknown>;
  previousValues: Record<string, unknown>;
}

export interface GridInput {
  dictionary: Dictionary;
  campaignYear: number;
  structures: GridStructure[];
  organisation?: GridOrganisation;
}
