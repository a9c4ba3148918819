/**
 * Sources that prefill a submission's items from the State's registers (« saisir une seule fois »):
 * each source is a data file (../data/sources/*.json) mapping the fields of its rows to dictionary
 * items — which rows count for an item (`where` / `except` on the rows' code fields) and which
 * numeric field is summed — and the coherence rule that compares an entered value with the
 * source's. A new source is a new data file and a reader of its file that yields `SourceRow`s; no
 * code here knows any source.
 */
import finessEquipements from '../data/sources/finess-equipements.json';
import type { Dictionary } from './schema';

/** One row of a source file, as its reader yields it: the establishment and its named fields. */
export interface SourceRow {
  readonly finess: string;
  readonly fields: Readonly<Record<string, string | number | null>>;
}

/** A condition on a row: every named field has one of the listed values. */
export type RowCondition = Readonly<Record<string, readonly string[]>>;

export interface SourceItemMapping {
  /** Dictionary item code. */
  readonly item: string;
  /** Numeric field of the rows summed into the item. */
  readonly sum: string;
  /** The row counts when it meets any of these conditions (absent: every row). */
  readonly where?: readonly RowCondition[];
  /** …and none of these. */
  readonly except?: readonly RowCondition[];
  /** Value when the establishment is in the source but no row counts (absent: no value). */
  readonly default?: number;
}

export interface SourceMapping {
  /** e.g. FINESS_EQUIPEMENTS */
  readonly source: string;
  /** Shown to users: « Issu de {label} au JJ/MM/AAAA ». */
  readonly label: string;
  readonly description: string;
  readonly coherence: {
    /** Largest absolute gap between the entered value and the source's that raises no warning. */
    readonly tolerance: number;
    /** French warning; {source}, {date} (JJ/MM/AAAA) and {reference} (the source's value) are replaced. */
    readonly message: string;
  };
  readonly items: readonly SourceItemMapping[];
}

export type SourceMappingResult = { ok: true; mapping: SourceMapping } | { ok: false; errors: string[] };

const SOURCE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
const MAPPING_FIELDS = new Set(['source', 'label', 'description', 'coherence', 'items']);
const ITEM_MAPPING_FIELDS = new Set(['item', 'sum', 'where', 'except', 'default']);
const NUMERIC_TYPES = new Set(['integer', 'decimal']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkConditions(value: unknown, where: string, errors: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`${where}: must be a non-empty array of conditions`);
    return;
  }
  value.forEach((condition: unknown, i) => {
    if (!isRecord(condition) || Object.keys(condition).length === 0) {
      errors.push(`${where}[${i}]: must be an object { field: [values] }`);
      return;
    }
    for (const [field, values] of Object.entries(condition)) {
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        values.some((v) => typeof v !== 'string' || v === '')
      ) {
        errors.push(`${where}[${i}].${field}: must be a non-empty array of strings`);
      }
    }
  });
}

/**
 * Validates a source mapping file against the dictionary it prefills: known numeric items entered
 * by the structure (not OG-level), each mapped once, well-formed conditions and coherence rule.
 */
export function loadSourceMapping(raw: unknown, dictionary: Dictionary): SourceMappingResult {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: ['source mapping: must be an object'] };
  for (const key of Object.keys(raw)) {
    if (!MAPPING_FIELDS.has(key)) errors.push(`${key}: unknown field`);
  }
  if (typeof raw['source'] !== 'string' || !SOURCE_PATTERN.test(raw['source'])) {
    errors.push('source: required UPPER_SNAKE_CASE string');
  }
  for (const key of ['label', 'description'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') errors.push(`${key}: required string`);
  }
  const coherence = raw['coherence'];
  if (
    !isRecord(coherence) ||
    typeof coherence['tolerance'] !== 'number' ||
    coherence['tolerance'] < 0 ||
    typeof coherence['message'] !== 'string' ||
    !coherence['message'].includes('{reference}') ||
    Object.keys(coherence).some((k) => k !== 'tolerance' && k !== 'message')
  ) {
    errors.push('coherence: must be { tolerance: number ≥ 0, message: string with {reference} }');
  }
  const items = raw['items'];
  if (!Array.isArray(items) || items.length === 0) {
    errors.push('items: required non-empty array');
  } else {
    const byCode = new Map(dictionary.items.map((i) => [i.code, i]));
    const seen = new Set<string>();
    items.forEach((entry: unknown, index) => {
      if (!isRecord(entry)) {
        errors.push(`items[${index}]: must be an object`);
        return;
      }
      const code = entry['item'];
      const name = typeof code === 'string' ? `item "${code}"` : `items[${index}]`;
      for (const key of Object.keys(entry)) {
        if (!ITEM_MAPPING_FIELDS.has(key)) errors.push(`${name}.${key}: unknown field`);
      }
      const item = typeof code === 'string' ? byCode.get(code) : undefined;
      if (!item) errors.push(`${name}: not an item of dictionary ${dictionary.version}`);
      else if (!NUMERIC_TYPES.has(item.type)) errors.push(`${name}: must be a numeric item`);
      else if (item.ogLevel) errors.push(`${name}: an OG-level item cannot be prefilled per establishment`);
      if (typeof code === 'string') {
        if (seen.has(code)) errors.push(`${name}: mapped twice`);
        seen.add(code);
      }
      if (typeof entry['sum'] !== 'string' || entry['sum'] === '')
        errors.push(`${name}.sum: required string`);
      checkConditions(entry['where'], `${name}.where`, errors);
      checkConditions(entry['except'], `${name}.except`, errors);
      const fallback = entry['default'];
      if (fallback !== undefined && (typeof fallback !== 'number' || !Number.isFinite(fallback))) {
        errors.push(`${name}.default: must be a number`);
      }
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: raw as unknown as SourceMapping };
}

function meets(row: SourceRow, condition: RowCondition): boolean {
  return Object.entries(condition).every(([field, values]) => {
    const value = row.fields[field];
    return value !== null && value !== undefined && values.includes(String(value));
  });
}

/** Whether a row counts for an item of the mapping. */
export function rowCounts(mapping: SourceItemMapping, row: SourceRow): boolean {
  if (mapping.where && !mapping.where.some((c) => meets(row, c))) return false;
  return !(mapping.except ?? []).some((c) => meets(row, c));
}

/**
 * The values a source gives each establishment: for each mapped item, the sum of the `sum` field
 * over the rows that count (non-numeric or empty fields count as nothing), or the item's default
 * when the establishment has rows but none counts.
 */
export function mapSourceRows(
  mapping: SourceMapping,
  rows: Iterable<SourceRow>,
): Map<string, Record<string, number>> {
  const sums = new Map<string, Record<string, number>>();
  for (const row of rows) {
    let values = sums.get(row.finess);
    if (!values) {
      values = {};
      sums.set(row.finess, values);
    }
    for (const item of mapping.items) {
      if (!rowCounts(item, row)) continue;
      const n = row.fields[item.sum];
      if (typeof n !== 'number' || !Number.isFinite(n)) continue;
      values[item.item] = (values[item.item] ?? 0) + n;
    }
  }
  for (const values of sums.values()) {
    for (const item of mapping.items) {
      if (values[item.item] === undefined && item.default !== undefined) values[item.item] = item.default;
    }
  }
  return sums;
}

/** « 15/01/2026 » from « 2026-01-15 ». */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A value a source gives an item of a structure, with its date (the source file's). */
export interface ReferenceValue {
  readonly itemCode: string;
  readonly source: string;
  readonly value: number;
  /** ISO YYYY-MM-DD */
  readonly date: string;
}

/** The coherence warning of an entered value against a source's, or null when within tolerance. */
export function referenceGap(
  mapping: SourceMapping,
  entered: unknown,
  reference: ReferenceValue,
): string | null {
  if (typeof entered !== 'number' || Math.abs(entered - reference.value) <= mapping.coherence.tolerance) {
    return null;
  }
  return mapping.coherence.message
    .replace('{source}', mapping.label)
    .replace('{date}', frenchDate(reference.date))
    .replace('{reference}', new Intl.NumberFormat('fr-FR').format(reference.value).replace(/\u202f/g, ' '));
}

/** The raw mapping files, by source code; a new source is a new file added here. */
export const RAW_SOURCE_MAPPINGS: Readonly<Record<string, unknown>> = {
  FINESS_EQUIPEMENTS: finessEquipements,
};

const cache = new Map<string, SourceMapping>();

/** The validated mapping of a source for a dictionary; throws with the loader's errors if invalid. */
export function getSourceMapping(source: string, dictionary: Dictionary): SourceMapping {
  const key = `${source}@${dictionary.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const raw = RAW_SOURCE_MAPPINGS[source];
  if (raw === undefined) throw new Error(`No mapping for source ${source}`);
  const result = loadSourceMapping(raw, dictionary);
  if (!result.ok) throw new Error(`Invalid mapping of ${source}:\n${result.errors.join('\n')}`);
  cache.set(key, result.mapping);
  return result.mapping;
}

/** Every source's validated mapping for a dictionary. */
export function sourceMappings(dictionary: Dictionary): SourceMapping[] {
  return Object.keys(RAW_SOURCE_MAPPINGS).map((source) => getSourceMapping(source, dictionary));
}
