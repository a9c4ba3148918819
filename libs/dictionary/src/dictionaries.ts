import raw2026 from '../data/2026.json';
import computed2021 from '../data/export-2021-computed-columns.json';
import { loadDictionary } from './load';
import type { Dictionary } from './schema';

/** Raw dictionary files by campaign year; a new year is a new JSON file added here. */
export const RAW_DICTIONARIES: Readonly<Record<number, unknown>> = { 2026: raw2026 };

/** Campaign years that have a dictionary file. */
export function dictionaryYears(): number[] {
  return Object.keys(RAW_DICTIONARIES)
    .map(Number)
    .sort((a, b) => a - b);
}

const cache = new Map<number, Dictionary>();

/** The validated dictionary of a campaign year; throws with the loader's errors if it is invalid. */
export function getDictionary(campaignYear: number): Dictionary {
  const cached = cache.get(campaignYear);
  if (cached) return cached;
  const raw = RAW_DICTIONARIES[campaignYear];
  if (raw === undefined) throw new Error(`No dictionary for campaign ${campaignYear}`);
  const result = loadDictionary(raw);
  if (!result.ok) {
    throw new Error(`Invalid dictionary ${campaignYear}:\n${result.errors.join('\n')}`);
  }
  cache.set(campaignYear, result.dictionary);
  return result.dictionary;
}

export interface ExportColumn {
  readonly n: number;
  readonly letter: string;
  readonly label: string;
}

/** Columns of the 2021 regional export that hold computed indicators, not collected items. */
export const EXPORT_2021_COMPUTED_COLUMNS: readonly ExportColumn[] = computed2021.computedColumns;

/** Columns of the 2021 export that repeat another column (e.g. LJ repeats LG). */
export const EXPORT_2021_DUPLICATE_COLUMNS: readonly (ExportColumn & { readonly sameAs: number })[] =
  computed2021.duplicateColumns;
