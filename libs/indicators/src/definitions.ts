import { getDictionary } from '@tdb/dictionary';
import raw2026 from '../data/2026.json';
import { loadIndicatorDefinitions } from './load';
import type { IndicatorDefinitions } from './schema';

/** Raw definition files by campaign year; a new year is a new JSON file added here. */
export const RAW_INDICATOR_DEFINITIONS: Readonly<Record<number, unknown>> = { 2026: raw2026 };

const cache = new Map<number, IndicatorDefinitions>();

/**
 * The validated indicator definitions of a campaign year, checked against that year's dictionary;
 * throws with the loader's errors if the file is invalid (a build-time fault, not a user one).
 */
export function getIndicatorDefinitions(campaignYear: number): IndicatorDefinitions {
  const cached = cache.get(campaignYear);
  if (cached) return cached;
  const raw = RAW_INDICATOR_DEFINITIONS[campaignYear];
  if (raw === undefined) throw new Error(`No indicator definitions for campaign ${campaignYear}`);
  const result = loadIndicatorDefinitions(raw, getDictionary(campaignYear));
  if (!result.ok) {
    throw new Error(`Invalid indicator definitions ${campaignYear}:\n${result.errors.join('\n')}`);
  }
  cache.set(campaignYear, result.definitions);
  return result.definitions;
}
