import type { Dictionary, Item } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import { compileIndicator } from './compute';
import { operandsOf, parseFormula } from './formula';
import {
  AXES,
  DIRECTIONS,
  KINDS,
  PROVISIONAL_NOTICE,
  STATUSES,
  type Axis,
  type IndicatorDefinition,
  type IndicatorDefinitions,
} from './schema';

export type IndicatorLoadResult =
  { ok: true; definitions: IndicatorDefinitions } | { ok: false; errors: string[] };

const ROOT_FIELDS = new Set(['dictionaryVersion', 'campaignYear', 'indicators']);
const COMMON_FIELDS = [
  'code',
  'label',
  'axis',
  'meaning',
  'kind',
  'unit',
  'categories',
  'direction',
  'status',
  'source',
  'notes',
];
const KIND_FIELDS: Record<string, Set<string>> = {
  ratio: new Set([...COMMON_FIELDS, 'numerator', 'denominator', 'multiplier', 'variants']),
  value: new Set([...COMMON_FIELDS, 'formula']),
  distribution: new Set([...COMMON_FIELDS, 'parts', 'base', 'missingParts']),
};
const CODE_PATTERN = /^[PRFO]\d{2}[a-z]?$/;
const KEY_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const AXIS_OF_LETTER: Record<string, Axis> = {
  P: 'PRESTATIONS',
  R: 'RESSOURCES',
  F: 'FINANCES',
  O: 'OBJECTIFS',
};
const CATEGORY_CODES = CATEGORIES.map((c) => c.code);
const CATEGORY_SET = new Set(CATEGORY_CODES);
const NUMERIC_TYPES = new Set(['integer', 'decimal', 'percentage']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function checkScope(value: unknown, where: string, errors: string[]): readonly string[] | undefined {
  if (value === 'ALL') return CATEGORY_CODES;
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`${where}: must be "ALL" or a non-empty array of category codes`);
    return undefined;
  }
  const seen = new Set<string>();
  for (const code of value) {
    if (typeof code !== 'string' || !CATEGORY_SET.has(code)) {
      errors.push(`${where}: unknown category code ${JSON.stringify(code)}`);
    } else if (seen.has(code)) {
      errors.push(`${where}: duplicated category code "${code}"`);
    } else {
      seen.add(code);
    }
  }
  return [...seen];
}

interface Context {
  readonly items: ReadonlyMap<string, Item>;
  readonly errors: string[];
}

/** Parses a formula and checks each operand: known, numeric, collected in every category. */
function checkFormula(
  text: unknown,
  where: string,
  categories: readonly string[] | undefined,
  ctx: Context,
): void {
  if (!isNonEmptyString(text)) {
    ctx.errors.push(`${where}: required formula string`);
    return;
  }
  const parsed = parseFormula(text);
  if (!parsed.ok) {
    ctx.errors.push(`${where}: syntax error: ${parsed.error.message}`);
    return;
  }
  for (const code of operandsOf(parsed.ast)) {
    const item = ctx.items.get(code);
    if (!item) {
      ctx.errors.push(`${where}: unknown item code "${code}"`);
      continue;
    }
    if (!NUMERIC_TYPES.has(item.type)) {
      ctx.errors.push(`${where}: item "${code}" is not numeric (${item.type})`);
    }
    if (categories && item.categories !== 'ALL') {
      const outside = categories.filter((c) => !item.categories.includes(c));
      if (outside.length > 0) {
        ctx.errors.push(`${where}: item "${code}" is not collected in category ${outside.join(', ')}`);
      }
    }
  }
}

function checkIndicator(raw: unknown, index: number, seenCodes: Set<string>, ctx: Context): void {
  const { errors } = ctx;
  if (!isRecord(raw)) {
    errors.push(`indicators[${index}]: must be an object`);
    return;
  }
  const code = raw['code'];
  const name = isNonEmptyString(code) ? `indicator "${code}"` : `indicators[${index}]`;
  if (!isNonEmptyString(code)) {
    errors.push(`${name}.code: required string`);
  } else if (!CODE_PATTERN.test(code)) {
    errors.push(`${name}.code: must look like P01, R01a, F10, O03`);
  } else {
    if (seenCodes.has(code)) errors.push(`${name}.code: duplicated code`);
    seenCodes.add(code);
    const expected = AXIS_OF_LETTER[code.charAt(0)];
    if (raw['axis'] !== expected)
      errors.push(`${name}.axis: must be ${expected} for a code starting with ${code.charAt(0)}`);
  }
  const kind = raw['kind'];
  if (!KINDS.includes(kind as never)) {
    errors.push(`${name}.kind: unknown kind ${JSON.stringify(kind)}`);
    return;
  }
  const allowed = KIND_FIELDS[kind as string] as Set<string>;
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) errors.push(`${name}.${key}: unknown field for a ${String(kind)} indicator`);
  }
  for (const field of ['label', 'meaning', 'unit', 'source'] as const) {
    if (!isNonEmptyString(raw[field])) errors.push(`${name}.${field}: required string`);
  }
  if (!AXES.includes(raw['axis'] as Axis))
    errors.push(`${name}.axis: unknown axis ${JSON.stringify(raw['axis'])}`);
  if (!DIRECTIONS.includes(raw['direction'] as never)) {
    errors.push(`${name}.direction: must be one of ${DIRECTIONS.join(', ')}`);
  }
  if (!STATUSES.includes(raw['status'] as never)) {
    errors.push(`${name}.status: must be "verified" or "provisional"`);
  }
  const notes = raw['notes'];
  if (!Array.isArray(notes) || notes.some((n) => !isNonEmptyString(n))) {
    errors.push(`${name}.notes: must be an array of strings`);
  }
  const categories = checkScope(raw['categories'], `${name}.categories`, errors);

  if (kind === 'ratio') {
    checkFormula(raw['numerator'], `${name}.numerator`, categories, ctx);
    checkFormula(raw['denominator'], `${name}.denominator`, categories, ctx);
    const m = raw['multiplier'];
    if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0) {
      errors.push(`${name}.multiplier: must be a positive number`);
    }
    const variants = raw['variants'];
    if (variants !== undefined) {
      if (!Array.isArray(variants)) {
        errors.push(`${name}.variants: must be an array`);
      } else {
        const keys = new Set<string>();
        variants.forEach((v: unknown, i) => {
          const where = `${name}.variants[${i}]`;
          if (!isRecord(v)) {
            errors.push(`${where}: must be an object`);
            return;
          }
          for (const key of Object.keys(v)) {
            if (!['key', 'label', 'numerator', 'denominator'].includes(key))
              errors.push(`${where}.${key}: unknown field`);
          }
          const key = v['key'];
          if (!isNonEmptyString(key) || !KEY_PATTERN.test(key))
            errors.push(`${where}.key: must be snake_case`);
          else if (keys.has(key)) errors.push(`${where}.key: duplicated key "${key}"`);
          else keys.add(key);
          if (!isNonEmptyString(v['label'])) errors.push(`${where}.label: required string`);
          if (v['numerator'] === undefined && v['denominator'] === undefined) {
            errors.push(`${where}: must change the numerator or the denominator`);
          }
          if (v['numerator'] !== undefined)
            checkFormula(v['numerator'], `${where}.numerator`, categories, ctx);
          if (v['denominator'] !== undefined) {
            checkFormula(v['denominator'], `${where}.denominator`, categories, ctx);
          }
        });
      }
    }
  } else if (kind === 'value') {
    checkFormula(raw['formula'], `${name}.formula`, categories, ctx);
  } else {
    const parts = raw['parts'];
    if (!Array.isArray(parts) || parts.length < 2) {
      errors.push(`${name}.parts: must be an array of at least two parts`);
    } else {
      const keys = new Set<string>();
      parts.forEach((p: unknown, i) => {
        const where = `${name}.parts[${i}]`;
        if (!isRecord(p)) {
          errors.push(`${where}: must be an object`);
          return;
        }
        for (const key of Object.keys(p)) {
          if (!['key', 'label', 'formula'].includes(key)) errors.push(`${where}.${key}: unknown field`);
        }
        const key = p['key'];
        if (!isNonEmptyString(key) || !KEY_PATTERN.test(key)) errors.push(`${where}.key: must be snake_case`);
        else if (keys.has(key)) errors.push(`${where}.key: duplicated key "${key}"`);
        else keys.add(key);
        if (!isNonEmptyString(p['label'])) errors.push(`${where}.label: required string`);
        checkFormula(p['formula'], `${where}.formula`, categories, ctx);
      });
    }
    if (raw['base'] !== undefined) checkFormula(raw['base'], `${name}.base`, categories, ctx);
    if (raw['missingParts'] !== 'zero' && raw['missingParts'] !== 'error') {
      errors.push(`${name}.missingParts: must be "zero" or "error"`);
    }
  }
}

/**
 * Validates raw (parsed JSON) indicator definitions against the dictionary they are written for:
 * every formula must parse, and every operand must be a numeric item of that dictionary collected
 * in every category the indicator applies to. On success the formulas are compiled (parsed once).
 */
export function loadIndicatorDefinitions(raw: unknown, dictionary: Dictionary): IndicatorLoadResult {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: ['definitions: must be an object'] };
  for (const key of Object.keys(raw)) {
    if (!ROOT_FIELDS.has(key)) errors.push(`definitions.${key}: unknown field`);
  }
  if (raw['dictionaryVersion'] !== dictionary.version) {
    errors.push(
      `definitions.dictionaryVersion: ${JSON.stringify(raw['dictionaryVersion'])} does not match dictionary version "${dictionary.version}"`,
    );
  }
  if (raw['campaignYear'] !== dictionary.campaignYear) {
    errors.push(`definitions.campaignYear: must be ${dictionary.campaignYear} (the dictionary's campaign)`);
  }
  const indicators = raw['indicators'];
  if (!Array.isArray(indicators)) {
    errors.push('definitions.indicators: must be an array');
    return { ok: false, errors };
  }
  const ctx: Context = { items: new Map(dictionary.items.map((i) => [i.code, i])), errors };
  const seen = new Set<string>();
  indicators.forEach((indicator: unknown, index) => checkIndicator(indicator, index, seen, ctx));
  if (errors.length > 0) return { ok: false, errors };
  const definitions = raw as unknown as IndicatorDefinitions;
  for (const def of definitions.indicators) compileIndicator(def, dictionary);
  return { ok: true, definitions };
}

/** The notice a provisional sheet must show, or undefined for a verified definition. */
export function provisionalNotice(def: IndicatorDefinition): string | undefined {
  return def.status === 'provisional' ? PROVISIONAL_NOTICE : undefined;
}
