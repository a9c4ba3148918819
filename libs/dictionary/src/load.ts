import { CATEGORIES } from '@tdb/reference';
import {
  DOMAINS,
  EXPORT_2021_COLUMN_COUNT,
  ITEM_TYPES,
  type Dictionary,
  type Domain,
  type ItemType,
} from './schema';

export type LoadResult = { ok: true; dictionary: Dictionary } | { ok: false; errors: string[] };

const DICTIONARY_FIELDS = new Set(['version', 'campaignYear', 'dataYear', 'items']);
const ITEM_FIELDS = new Set([
  'code',
  'label',
  'help',
  'domain',
  'type',
  'unit',
  'min',
  'max',
  'choices',
  'categories',
  'requiredIn',
  'ogLevel',
  'exportColumn',
  'excludedFromCompleteness',
]);
const CODE_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const CATEGORY_CODES = new Set(CATEGORIES.map((c) => c.code));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Checks a category scope ('ALL' or a list of known codes); returns the codes or 'ALL'. */
function checkScope(
  value: unknown,
  where: string,
  errors: string[],
  allowEmpty: boolean,
): 'ALL' | string[] | undefined {
  if (value === 'ALL') return 'ALL';
  if (!Array.isArray(value)) {
    errors.push(`${where}: must be "ALL" or an array of category codes`);
    return undefined;
  }
  if (value.length === 0 && !allowEmpty) {
    errors.push(`${where}: must not be empty`);
    return undefined;
  }
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const code of value) {
    if (typeof code !== 'string' || !CATEGORY_CODES.has(code)) {
      errors.push(`${where}: unknown category code ${JSON.stringify(code)}`);
    } else if (seen.has(code)) {
      errors.push(`${where}: duplicated category code "${code}"`);
    } else {
      seen.add(code);
      codes.push(code);
    }
  }
  return codes;
}

function checkItem(raw: unknown, index: number, errors: string[]): void {
  if (!isRecord(raw)) {
    errors.push(`items[${index}]: must be an object`);
    return;
  }
  const code = raw['code'];
  const name = isNonEmptyString(code) ? `item "${code}"` : `items[${index}]`;
  if (!isNonEmptyString(code)) errors.push(`${name}.code: required string`);
  else if (!CODE_PATTERN.test(code)) errors.push(`${name}.code: must be snake_case`);

  for (const key of Object.keys(raw)) {
    if (!ITEM_FIELDS.has(key)) errors.push(`${name}.${key}: unknown field`);
  }
  if (!isNonEmptyString(raw['label'])) errors.push(`${name}.label: required string`);
  if (raw['help'] !== undefined && typeof raw['help'] !== 'string') {
    errors.push(`${name}.help: must be a string`);
  }
  if (!DOMAINS.includes(raw['domain'] as Domain)) {
    errors.push(`${name}.domain: unknown domain ${JSON.stringify(raw['domain'])}`);
  }
  const type = raw['type'] as ItemType;
  if (!ITEM_TYPES.includes(type)) {
    errors.push(`${name}.type: unknown type ${JSON.stringify(raw['type'])}`);
  }
  if (raw['unit'] !== undefined && !isNonEmptyString(raw['unit'])) {
    errors.push(`${name}.unit: must be a non-empty string`);
  }
  for (const bound of ['min', 'max'] as const) {
    const v = raw[bound];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      errors.push(`${name}.${bound}: must be a finite number`);
    }
  }
  const { min, max } = raw;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.push(`${name}.min: ${min} is greater than max ${max}`);
  }
  if ((min !== undefined || max !== undefined) && !['integer', 'decimal', 'percentage'].includes(type)) {
    errors.push(`${name}.min/max: bounds only apply to numeric types`);
  }

  const choices = raw['choices'];
  if (type === 'choice') {
    if (!Array.isArray(choices) || choices.length === 0) {
      errors.push(`${name}.choices: required (non-empty) for a choice item`);
    }
  } else if (choices !== undefined) {
    errors.push(`${name}.choices: only allowed for a choice item`);
  }
  if (Array.isArray(choices)) {
    const seen = new Set<string>();
    choices.forEach((choice: unknown, i) => {
      if (
        !isRecord(choice) ||
        !isNonEmptyString(choice['code']) ||
        !isNonEmptyString(choice['label']) ||
        Object.keys(choice).some((k) => k !== 'code' && k !== 'label')
      ) {
        errors.push(`${name}.choices[${i}]: must be { code, label } strings`);
      } else if (seen.has(choice['code'])) {
        errors.push(`${name}.choices[${i}]: duplicated choice code "${choice['code']}"`);
      } else {
        seen.add(choice['code']);
      }
    });
  }

  const categories = checkScope(raw['categories'], `${name}.categories`, errors, false);
  const requiredIn = checkScope(raw['requiredIn'], `${name}.requiredIn`, errors, true);
  if (categories !== undefined && requiredIn !== undefined && categories !== 'ALL') {
    if (requiredIn === 'ALL') {
      errors.push(`${name}.requiredIn: "ALL" but categories is restricted`);
    } else {
      for (const code of requiredIn) {
        if (!categories.includes(code)) {
          errors.push(`${name}.requiredIn: "${code}" is not in categories`);
        }
      }
    }
  }
  if (typeof raw['ogLevel'] !== 'boolean') errors.push(`${name}.ogLevel: required boolean`);
  const col = raw['exportColumn'];
  if (
    col !== undefined &&
    (typeof col !== 'number' || !Number.isInteger(col) || col < 1 || col > EXPORT_2021_COLUMN_COUNT)
  ) {
    errors.push(`${name}.exportColumn: must be an integer in 1..${EXPORT_2021_COLUMN_COUNT}`);
  }
  const excluded = raw['excludedFromCompleteness'];
  if (excluded !== undefined && typeof excluded !== 'boolean') {
    errors.push(`${name}.excludedFromCompleteness: must be a boolean`);
  }
}

/**
 * A label as people read it: the national dictionary's labels keep list dashes (« - Nombre de lits
 * … »), doubled spaces (« à  une ») and edge spaces from the forms they were copied from. Cleaned
 * once here, so the form, the messages, the PDFs and the spreadsheets all print the same words.
 */
export function displayLabel(label: string): string {
  return label
    .replace(/\s{2,}/g, ' ')
    .replace(/^(\s*[-–•])+\s*/, '')
    .trim();
}

function withDisplayLabels(dictionary: Dictionary): Dictionary {
  return {
    ...dictionary,
    items: dictionary.items.map((item) => ({
      ...item,
      label: displayLabel(item.label),
      ...(item.choices ? { choices: item.choices.map((c) => ({ ...c, label: displayLabel(c.label) })) } : {}),
    })),
  };
}

/**
 * Validates a raw (parsed JSON) dictionary by hand; every error names the item code and field.
 * Labels come out cleaned (displayLabel).
 */
export function loadDictionary(raw: unknown): LoadResult {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: ['dictionary: must be an object'] };
  for (const key of Object.keys(raw)) {
    if (!DICTIONARY_FIELDS.has(key)) errors.push(`dictionary.${key}: unknown field`);
  }
  if (typeof raw['version'] !== 'string' || !/^\d{4}\.\d+$/.test(raw['version'])) {
    errors.push('dictionary.version: must look like "2026.1"');
  }
  for (const key of ['campaignYear', 'dataYear'] as const) {
    const v = raw[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 2000 || v > 2100) {
      errors.push(`dictionary.${key}: must be a year`);
    }
  }
  const items = raw['items'];
  if (!Array.isArray(items)) {
    errors.push('dictionary.items: must be an array');
    return { ok: false, errors };
  }
  const codes = new Set<string>();
  const columns = new Map<number, string>();
  items.forEach((item: unknown, index) => {
    checkItem(item, index, errors);
    if (!isRecord(item)) return;
    const code = item['code'];
    if (typeof code === 'string') {
      if (codes.has(code)) errors.push(`item "${code}".code: duplicated code`);
      codes.add(code);
    }
    const col = item['exportColumn'];
    if (typeof col === 'number') {
      const other = columns.get(col);
      if (other !== undefined) {
        errors.push(`item "${String(code)}".exportColumn: ${col} already used by item "${other}"`);
      } else {
        columns.set(col, String(code));
      }
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, dictionary: withDisplayLabels(raw as unknown as Dictionary) };
}
