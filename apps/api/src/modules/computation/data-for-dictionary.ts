import type { Dictionary } from '@tdb/dictionary';

/**
 * The raw data file (indicator definitions, atypia rules) that goes with a campaign's dictionary:
 * the file of its year, or else of the nearest earlier year (else the earliest). A campaign started
 * from last year's dictionary starts from last year's file too: it is re-stamped with the
 * campaign's year and dictionary version, and the caller's loader still checks it item by item.
 */
export function dataForDictionary(files: Readonly<Record<number, unknown>>, dictionary: Dictionary): unknown {
  const years = Object.keys(files)
    .map(Number)
    .sort((a, b) => a - b);
  const year = [...years].reverse().find((y) => y <= dictionary.campaignYear) ?? years[0];
  const raw = year === undefined ? undefined : files[year];
  if (raw === undefined) throw new Error('No data file at all');
  return year === dictionary.campaignYear
    ? raw
    : { ...(raw as object), dictionaryVersion: dictionary.version, campaignYear: dictionary.campaignYear };
}
