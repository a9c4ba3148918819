import { isRequired, type Item } from '@tdb/dictionary';
import { NO, YES, inCategory } from './layout';

/** An item not required at validation but counted in the completeness the threshold applies to. */
export const COUNTS_FOR_COMPLETENESS = 'Compte pour la complétude';

/** The « Obligatoire » column explained on the read-me sheet. */
export const REQUIRED_LEGEND =
  'Oui : à renseigner pour valider. « Compte pour la complétude » : facultatif, mais compté dans le taux de remplissage, qui doit atteindre le seuil de complétude de la campagne pour valider. Non : facultatif et non compté. « Oui pour … » : catégories de structures pour lesquelles l’élément est obligatoire.';

/**
 * The « Obligatoire » cell of an item: "Oui", "Oui pour EHPAD, ESAT" when it depends on the
 * categories of the grid, "Compte pour la complétude" when it is not required but counted in the
 * completeness, "Non" when neither. `categories` null: the OG sheet, whose items are required when
 * any structure of the OG must fill them (`ogCategories`, empty when unknown).
 */
export function requiredText(
  item: Item,
  categories: readonly string[] | null,
  ogCategories: readonly string[],
): string {
  const counted = !item.excludedFromCompleteness;
  if (categories === null) {
    const required =
      ogCategories.length === 0
        ? item.requiredIn === 'ALL' || item.requiredIn.length > 0
        : ogCategories.some((category) => isRequired(item, category));
    if (required) return YES;
    return counted ? COUNTS_FOR_COMPLETENESS : NO;
  }
  const applicable = [...new Set(categories)].filter((category) => inCategory(item, category));
  const required = applicable.filter((category) => isRequired(item, category));
  if (required.length === 0) return counted ? COUNTS_FOR_COMPLETENESS : NO;
  if (required.length === applicable.length) return YES;
  const others = counted ? ` ; les autres : ${COUNTS_FOR_COMPLETENESS.toLowerCase()}` : '';
  return `${YES} pour ${required.join(', ')}${others}`;
}
