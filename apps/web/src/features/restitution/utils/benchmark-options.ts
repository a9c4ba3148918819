import type { ReferenceData } from '@tdb/contracts';
import { DOMAIN_LABELS, type Dictionary } from '@tdb/dictionary';
import { normalizeText } from '@/lib/indicator-format';
import type { RestitutionAccess } from './use-restitution-access';

/** A territory the account may choose: the nation, a region or a département. */
export interface TerritoryOption {
  /** "NATION:FR", "REGION:24", "DEPARTMENT:45". */
  key: string;
  level: 'NATION' | 'REGION' | 'DEPARTMENT';
  code: string;
  label: string;
}

/**
 * The territories the account covers as a whole (the API checks them again): national, the
 * nation, every region and département; an ARS, its region and its départements; a Département,
 * its own. In that order.
 */
export function accountTerritories(reference: ReferenceData, access: RestitutionAccess): TerritoryOption[] {
  const options = new Map<string, TerritoryOption>();
  const add = (level: TerritoryOption['level'], code: string, label: string) =>
    options.set(`${level}:${code}`, { key: `${level}:${code}`, level, code, label });
  const region = (code: string) =>
    add('REGION', code, `Région ${reference.regions.find((r) => r.code === code)?.name ?? code}`);
  const department = (code: string) => {
    const found = reference.departments.find((d) => d.code === code);
    add('DEPARTMENT', code, `Département ${code}${found ? ` – ${found.name}` : ''}`);
  };
  if (access.national) {
    add('NATION', 'FR', 'France entière');
    for (const r of reference.regions) region(r.code);
    for (const d of reference.departments) department(d.code);
    return [...options.values()];
  }
  for (const a of access.authorities) {
    if (a.ref.kind === 'ARS') {
      region(a.ref.code);
      for (const d of reference.departments.filter((d) => d.regionCode === a.ref.code)) department(d.code);
    } else {
      department(a.ref.code);
    }
  }
  return [...options.values()];
}

/** A numeric item of the dictionary, as the benchmark's picker offers it. */
export interface BenchmarkItemOption {
  code: string;
  /** The dictionary's label, without the export's leading dash. */
  label: string;
  unit: string;
  domain: string;
}

const NUMERIC_TYPES = new Set(['integer', 'decimal', 'percentage']);

/** The items of the dictionary that have a benchmark: numbers (integers, decimals, percentages). */
export function benchmarkItems(dictionary: Dictionary): BenchmarkItemOption[] {
  return dictionary.items
    .filter((item) => NUMERIC_TYPES.has(item.type))
    .map((item) => ({
      code: item.code,
      label: item.label,
      unit: item.unit ?? '',
      domain: DOMAIN_LABELS[item.domain],
    }));
}

/** Whether an item matches every word of the search, in its label or its code (accents ignored). */
export function itemMatches(item: BenchmarkItemOption, query: string): boolean {
  const words = normalizeText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeText(`${item.label} ${item.code.replace(/_/g, ' ')}`);
  return words.every((word) => haystack.includes(word));
}
