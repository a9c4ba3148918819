/**
 * What a submission's values mean for its category: completeness, blocking errors (a stored value
 * that breaks its item's type or hard bounds, a required item left empty) and warnings (a large
 * change from last year). Shared by the API (save, validation) and the SPA (form messages).
 */
import type { Dictionary, Domain, Item } from './schema';
import { getSourceMapping, referenceGap, type ReferenceValue, type SourceMapping } from './sources';
import { completeness, isEmptyValue, isRequired, itemsFor, validateValue, type Completeness } from './values';

export interface SubmissionIssue {
  readonly itemCode: string;
  readonly itemLabel: string;
  readonly domain: Domain;
  readonly message: string;
  /** Blocking issues refuse validation; warnings only ask the user to check. */
  readonly blocking: boolean;
}

export interface SubmissionEvaluation {
  readonly completeness: Completeness;
  readonly issues: readonly SubmissionIssue[];
  readonly blockingErrors: number;
}

/** Relative change from last year above which a numeric value is flagged for checking. */
export const YEAR_OVER_YEAR_WARNING = 0.5;

const NUMERIC = new Set(['integer', 'decimal', 'percentage']);

function has(values: Readonly<Record<string, unknown>>, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(values, code) && !isEmptyValue(values[code]);
}

function frenchNumber(n: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n).replace(/\u202f/g, ' ');
}

function yearOverYear(item: Item, value: unknown, previous: unknown): string | null {
  if (!NUMERIC.has(item.type) || typeof value !== 'number' || typeof previous !== 'number') return null;
  if (previous === 0) return null;
  const change = (value - previous) / Math.abs(previous);
  if (Math.abs(change) <= YEAR_OVER_YEAR_WARNING) return null;
  const percent = Math.round(change * 100);
  return `Écart de ${percent > 0 ? '+' : ''}${percent} % par rapport à l'an dernier (${frenchNumber(previous)}) : vérifiez la valeur.`;
}

/** A source's mapping for this dictionary, or null when the source does not apply to it. */
function mappingOf(source: string, dictionary: Dictionary): SourceMapping | null {
  try {
    return getSourceMapping(source, dictionary);
  } catch {
    return null;
  }
}

/**
 * Evaluates the values of a structure of `categoryCode` (own and OG-level items merged) against
 * the dictionary; `previous` holds last year's values for the year-over-year warnings, and
 * `references` the values of the State's registers (FINESS…) for the coherence warnings of their
 * source's mapping (a gap between what the structure entered and the register).
 */
export function evaluateSubmission(
  dictionary: Dictionary,
  categoryCode: string,
  values: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> = {},
  references: readonly ReferenceValue[] = [],
): SubmissionEvaluation {
  const issues: SubmissionIssue[] = [];
  const referenceOf = new Map<string, { reference: ReferenceValue; mapping: SourceMapping }>();
  for (const reference of references) {
    const mapping = mappingOf(reference.source, dictionary);
    if (mapping) referenceOf.set(reference.itemCode, { reference, mapping });
  }
  for (const item of itemsFor(dictionary, categoryCode)) {
    const base = { itemCode: item.code, itemLabel: item.label, domain: item.domain };
    if (!has(values, item.code)) {
      if (isRequired(item, categoryCode)) {
        issues.push({
          ...base,
          message: 'Donnée obligatoire à renseigner avant la validation.',
          blocking: true,
        });
      }
      continue;
    }
    const checked = validateValue(item, values[item.code]);
    if (!checked.ok) {
      issues.push({ ...base, message: checked.message, blocking: true });
      continue;
    }
    const warning = has(previous, item.code) ? yearOverYear(item, checked.value, previous[item.code]) : null;
    if (warning) issues.push({ ...base, message: warning, blocking: false });
    const reference = referenceOf.get(item.code);
    const gap = reference ? referenceGap(reference.mapping, checked.value, reference.reference) : null;
    if (gap) issues.push({ ...base, message: gap, blocking: false });
  }
  return {
    completeness: completeness(dictionary, categoryCode, values as Record<string, unknown>),
    issues,
    blockingErrors: issues.filter((i) => i.blocking).length,
  };
}
