import type { ItemIndicatorUse } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import { operandsOf, parseFormula } from './formula';
import type { IndicatorDefinition, IndicatorDefinitions } from './schema';

/** An indicator whose formula reads an item (shown in the item's help, linked to its sheet). */
export type IndicatorUse = ItemIndicatorUse;

/** A campaign's dictionary as the API serves it: with the indicators reading each item. */
export type DictionaryWithUses = Dictionary & {
  readonly indicatorsByItem: Readonly<Record<string, IndicatorUse[]>>;
};

/** Every formula text of a definition: main formula, variants, distribution parts and base. */
export function formulasOf(def: IndicatorDefinition): string[] {
  switch (def.kind) {
    case 'ratio':
      return [
        def.numerator,
        def.denominator,
        ...(def.variants ?? []).flatMap((v) => [v.numerator, v.denominator]),
      ].filter((f): f is string => f !== undefined);
    case 'value':
      return [def.formula];
    case 'distribution':
      return [...def.parts.map((p) => p.formula), ...(def.base === undefined ? [] : [def.base])];
  }
}

/** The item codes an indicator reads, in any of its formulas, in order of first appearance. */
export function itemsOfIndicator(def: IndicatorDefinition): string[] {
  const codes = new Set<string>();
  for (const text of formulasOf(def)) {
    const parsed = parseFormula(text);
    if (parsed.ok) for (const code of operandsOf(parsed.ast)) codes.add(code);
  }
  return [...codes];
}

/**
 * Which indicators read each item, from the operands of their formulas (variants, distribution
 * parts and bases included), in the order of the definitions file. Items no indicator reads are
 * absent.
 */
export function indicatorsByItem(
  definitions: Pick<IndicatorDefinitions, 'indicators'>,
): Record<string, IndicatorUse[]> {
  const uses: Record<string, IndicatorUse[]> = {};
  for (const def of definitions.indicators) {
    const use: IndicatorUse = {
      code: def.code,
      label: def.label,
      categories: def.categories === 'ALL' ? 'ALL' : [...def.categories],
    };
    for (const code of itemsOfIndicator(def)) (uses[code] ??= []).push(use);
  }
  return uses;
}
