import { getDictionary } from '@tdb/dictionary';
import { getIndicatorDefinitions } from '@tdb/indicators';
import raw2026 from '../data/2026.json';
import { loadAtypiaRules } from './load';
import type { AtypiaRuleSet } from './schema';

/** Raw rule files by campaign year; a new year is a new JSON file added here. */
export const RAW_ATYPIA_RULES: Readonly<Record<number, unknown>> = { 2026: raw2026 };

const cache = new Map<number, AtypiaRuleSet>();

/**
 * The validated atypia rules of a campaign year, checked against that year's dictionary and
 * indicator definitions; throws with the loader's errors if the file is invalid (a build-time
 * fault, not a user one).
 */
export function getAtypiaRules(campaignYear: number): AtypiaRuleSet {
  const cached = cache.get(campaignYear);
  if (cached) return cached;
  const raw = RAW_ATYPIA_RULES[campaignYear];
  if (raw === undefined) throw new Error(`No atypia rules for campaign ${campaignYear}`);
  const result = loadAtypiaRules(raw, getDictionary(campaignYear), getIndicatorDefinitions(campaignYear));
  if (!result.ok) throw new Error(`Invalid atypia rules ${campaignYear}:\n${result.errors.join('\n')}`);
  cache.set(campaignYear, result.ruleSet);
  return result.ruleSet;
}
