/**
 * Checks a batch of entered values before anything is written: every code must be a dictionary
 * item entered at this level (structure or organisme gestionnaire) and applying to the category,
 * and every value must pass its type and hard bounds. Blank means "erase".
 */
import type { Dictionary, Domain, Item } from './schema';
import { isEmptyValue, validateValue } from './values';

export type EntryTarget =
  | { readonly level: 'structure'; readonly categoryCode: string }
  /** OG-level items apply when they apply to at least one of the OG's structures. */
  | { readonly level: 'organisation'; readonly categoryCodes: readonly string[] };

export interface EntryError {
  readonly itemCode: string;
  readonly message: string;
}

export interface EntryCheck {
  /** Normalised values; null = erase the value. */
  readonly values: Readonly<Record<string, number | boolean | string | null>>;
  readonly errors: readonly EntryError[];
  /** Domains the batch touches (for the entry right of users limited to some domains). */
  readonly domains: readonly Domain[];
}

function applies(item: Item, categoryCodes: readonly string[]): boolean {
  return item.categories === 'ALL' || categoryCodes.some((c) => item.categories.includes(c));
}

export function checkEntry(
  dictionary: Dictionary,
  target: EntryTarget,
  raw: Readonly<Record<string, unknown>>,
): EntryCheck {
  const byCode = new Map(dictionary.items.map((item) => [item.code, item]));
  const categories = target.level === 'structure' ? [target.categoryCode] : target.categoryCodes;
  const values: Record<string, number | boolean | string | null> = {};
  const errors: EntryError[] = [];
  const domains = new Set<Domain>();
  for (const [code, value] of Object.entries(raw)) {
    const item = byCode.get(code);
    if (!item) {
      errors.push({
        itemCode: code,
        message: `Donnée inconnue du dictionnaire ${dictionary.version} : « ${code} ».`,
      });
      continue;
    }
    if (target.level === 'structure' && item.ogLevel) {
      errors.push({
        itemCode: code,
        message: `« ${item.label} » se saisit au niveau de l'organisme gestionnaire.`,
      });
      continue;
    }
    if (target.level === 'organisation' && !item.ogLevel) {
      errors.push({
        itemCode: code,
        message: `« ${item.label} » se saisit pour chaque structure, pas pour l'organisme gestionnaire.`,
      });
      continue;
    }
    if (!applies(item, categories)) {
      errors.push({
        itemCode: code,
        message: `« ${item.label} » ne concerne pas cette catégorie de structure.`,
      });
      continue;
    }
    domains.add(item.domain);
    if (isEmptyValue(value)) {
      values[code] = null;
      continue;
    }
    const checked = validateValue(item, value);
    if (checked.ok) values[code] = checked.value;
    else errors.push({ itemCode: code, message: `${item.label} : ${checked.message}` });
  }
  return { values, errors, domains: [...domains] };
}
