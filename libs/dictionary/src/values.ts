import { DOMAINS, type Dictionary, type Domain, type Item } from './schema';

function inScope(scope: Item['categories'], categoryCode: string): boolean {
  return scope === 'ALL' || scope.includes(categoryCode);
}

/** Items that apply to a TDB category, in dictionary order. */
export function itemsFor(dictionary: Dictionary, categoryCode: string): Item[] {
  return dictionary.items.filter((item) => inScope(item.categories, categoryCode));
}

/** Whether the item must be filled before validation by a structure of this category. */
export function isRequired(item: Item, categoryCode: string): boolean {
  return inScope(item.categories, categoryCode) && inScope(item.requiredIn, categoryCode);
}

export type ValueResult = { ok: true; value: number | boolean | string } | { ok: false; message: string };

const TRUE_WORDS = new Set(['true', 'oui', 'o', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'non', 'n', 'no', '0']);

/** Whether a value counts as entered (not null, undefined or blank). */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function formatNumber(n: number): string {
  return String(n).replace('.', ',');
}

/** Parses a number given as a number or a French-formatted string ("1 234,5"). */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.')
    .replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The hard bounds a numeric item's values must stay within (a percentage: 0 to 100 by default). */
export function boundsOf(item: Item): { min: number | undefined; max: number | undefined } {
  return {
    min: item.min ?? (item.type === 'percentage' ? 0 : undefined),
    max: item.max ?? (item.type === 'percentage' ? 100 : undefined),
  };
}

function checkNumber(item: Item, value: unknown): ValueResult {
  const n = toNumber(value);
  if (n === undefined) return { ok: false, message: 'La valeur doit être un nombre.' };
  if (item.type === 'integer' && !Number.isInteger(n)) {
    return { ok: false, message: 'La valeur doit être un nombre entier.' };
  }
  const { min, max } = boundsOf(item);
  if (min !== undefined && n < min) {
    return { ok: false, message: `La valeur doit être supérieure ou égale à ${formatNumber(min)}.` };
  }
  if (max !== undefined && n > max) {
    return { ok: false, message: `La valeur doit être inférieure ou égale à ${formatNumber(max)}.` };
  }
  return { ok: true, value: n === 0 ? 0 : n };
}

/**
 * Checks one entered value against its item (type, hard bounds, choice membership, ISO date) and
 * returns it normalised (number, boolean, choice code, "YYYY-MM-DD", trimmed text). Never throws.
 */
export function validateValue(item: Item, value: unknown): ValueResult {
  if (isEmptyValue(value)) return { ok: false, message: 'La valeur est manquante.' };
  switch (item.type) {
    case 'integer':
    case 'decimal':
    case 'percentage':
      return checkNumber(item, value);
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const word =
        typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: 'La valeur doit être oui ou non.' };
    }
    case 'choice': {
      const text = typeof value === 'string' ? value.trim() : undefined;
      const choice = (item.choices ?? []).find(
        (c) => c.code === text || c.label.toLowerCase() === text?.toLowerCase(),
      );
      if (!choice) {
        const allowed = (item.choices ?? []).map((c) => `« ${c.label} »`).join(', ');
        return { ok: false, message: `La valeur doit être l'un des choix proposés : ${allowed}.` };
      }
      return { ok: true, value: choice.code };
    }
    case 'date': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) return { ok: false, message: "La date n'est pas valide." };
        return { ok: true, value: value.toISOString().slice(0, 10) };
      }
      const text = typeof value === 'string' ? value.trim() : '';
      if (!isIsoDate(text)) {
        return { ok: false, message: 'La date doit être une date valide au format AAAA-MM-JJ.' };
      }
      return { ok: true, value: text };
    }
    case 'text': {
      if (typeof value !== 'string') return { ok: false, message: 'La valeur doit être un texte.' };
      const text = value.trim();
      if (text.length > 4000) {
        return { ok: false, message: 'Le texte ne doit pas dépasser 4 000 caractères.' };
      }
      return { ok: true, value: text };
    }
    default:
      return { ok: false, message: 'Type de donnée inconnu.' };
  }
}

export interface CompletenessPart {
  readonly filled: number;
  readonly expected: number;
  /** filled / expected, 1 when nothing is expected. */
  readonly ratio: number;
}

export interface Completeness extends CompletenessPart {
  readonly byDomain: Readonly<Record<Domain, CompletenessPart>>;
}

function part(filled: number, expected: number): CompletenessPart {
  return { filled, expected, ratio: expected === 0 ? 1 : filled / expected };
}

/**
 * Completeness of a submission: among the items applicable to the category and not excluded from
 * completeness, how many hold a valid value.
 */
export function completeness(
  dictionary: Dictionary,
  categoryCode: string,
  values: Record<string, unknown>,
): Completeness {
  const counts = new Map<Domain, { filled: number; expected: number }>(
    DOMAINS.map((d) => [d, { filled: 0, expected: 0 }]),
  );
  let filled = 0;
  let expected = 0;
  for (const item of itemsFor(dictionary, categoryCode)) {
    if (item.excludedFromCompleteness) continue;
    const count = counts.get(item.domain);
    if (!count) continue;
    expected += 1;
    count.expected += 1;
    const value = Object.prototype.hasOwnProperty.call(values, item.code) ? values[item.code] : undefined;
    if (validateValue(item, value).ok) {
      filled += 1;
      count.filled += 1;
    }
  }
  const byDomain = Object.fromEntries(
    DOMAINS.map((d) => {
      const c = counts.get(d) ?? { filled: 0, expected: 0 };
      return [d, part(c.filled, c.expected)];
    }),
  ) as Record<Domain, CompletenessPart>;
  return { ...part(filled, expected), byDomain };
}
