/**
 * What an item's help says, derived from the dictionary and the indicator definitions only: its
 * unit, the form of its values, its bounds, how it is counted (the dictionary's note) and the
 * indicators whose formulas read it.
 */
import { boundsOf, type Item } from '@tdb/dictionary';
import type { ItemIndicatorUse } from '@tdb/contracts';

export interface ItemHelpFacts {
  unit: string | null;
  /** "Nombre entier", "Oui ou non", "Un choix parmi : …". */
  format: string;
  /** "De 0 à 1 000 places", "Au moins 0", null when unbounded or not numeric. */
  bounds: string | null;
  /** How the item is counted, when the dictionary says so. */
  counting: string | null;
  /** The indicators reading the item that apply to at least one of the given categories. */
  indicators: readonly ItemIndicatorUse[];
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 });

function number(n: number): string {
  return numberFormat.format(n).replace(/\u202f/g, ' ');
}

function formatOf(item: Item): string {
  switch (item.type) {
    case 'integer':
      return 'Nombre entier';
    case 'decimal':
      return 'Nombre, décimales avec une virgule (ex. : 12,5)';
    case 'percentage':
      return 'Pourcentage, décimales avec une virgule (ex. : 12,5)';
    case 'boolean':
      return 'Oui ou non';
    case 'choice':
      return `Un choix parmi : ${(item.choices ?? []).map((c) => c.label).join(' ; ')}`;
    case 'date':
      return 'Date';
    case 'text':
      return 'Texte libre';
  }
}

function boundsText(item: Item): string | null {
  if (item.type !== 'integer' && item.type !== 'decimal' && item.type !== 'percentage') return null;
  const { min, max } = boundsOf(item);
  const unit = item.unit ? ` ${item.unit}` : '';
  if (min !== undefined && max !== undefined) return `De ${number(min)} à ${number(max)}${unit}`;
  if (min !== undefined) return `Au moins ${number(min)}${unit}`;
  if (max !== undefined) return `Au plus ${number(max)}${unit}`;
  return null;
}

/** `categories`: those of the structures the help is shown for (all indicators when omitted). */
export function itemHelpFacts(
  item: Item,
  uses: readonly ItemIndicatorUse[] | undefined,
  categories?: readonly string[],
): ItemHelpFacts {
  const applies = (use: ItemIndicatorUse) =>
    categories === undefined ||
    use.categories === 'ALL' ||
    categories.some((c) => (use.categories as readonly string[]).includes(c));
  return {
    unit: item.unit ?? null,
    format: formatOf(item),
    bounds: boundsText(item),
    counting: item.help ?? null,
    indicators: (uses ?? []).filter(applies),
  };
}
