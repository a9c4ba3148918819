import type { Dictionary } from '@tdb/dictionary';
import { displayLabel } from '@tdb/dictionary';
import { functionInWords } from './compute';
import { parseFormula, printFormula, type FormulaNode } from './formula';
import type { IndicatorDefinition, IndicatorVariant } from './schema';

function wordsOf(text: string | undefined, labels: ReadonlyMap<string, string>): string {
  const parsed = parseFormula(text);
  if (!parsed.ok) return String(text);
  return print(parsed.ast, labels);
}

function print(ast: FormulaNode, labels: ReadonlyMap<string, string>): string {
  return printFormula(ast, {
    item: (code) => `« ${labels.get(code) ?? code} »`,
    fn: functionInWords,
    operators: { '*': '×' },
    number: (n) => String(n).replace('.', ','),
  });
}

function ratioInWords(
  numerator: string,
  denominator: string,
  multiplier: number,
  labels: ReadonlyMap<string, string>,
): string {
  const num = parseFormula(numerator);
  const den = parseFormula(denominator);
  if (!num.ok || !den.ok) return `${numerator} / ${denominator}`;
  let ast: FormulaNode = { type: 'binary', operator: '/', left: num.ast, right: den.ast };
  if (multiplier !== 1) {
    ast = { type: 'binary', operator: '*', left: ast, right: { type: 'number', value: multiplier } };
  }
  return print(ast, labels);
}

function labelsFrom(dictionary: Dictionary): Map<string, string> {
  return new Map(dictionary.items.map((i) => [i.code, displayLabel(i.label)]));
}

/** The formula as code text (what the definition file holds, one expression per ratio). */
export function formulaText(def: IndicatorDefinition): string {
  switch (def.kind) {
    case 'ratio': {
      const num = parseFormula(def.numerator);
      const den = parseFormula(def.denominator);
      if (!num.ok || !den.ok) return `${def.numerator} / ${def.denominator}`;
      const ratio: FormulaNode = { type: 'binary', operator: '/', left: num.ast, right: den.ast };
      return printFormula(
        def.multiplier === 1
          ? ratio
          : { type: 'binary', operator: '*', left: ratio, right: { type: 'number', value: def.multiplier } },
      );
    }
    case 'value':
      return def.formula;
    case 'distribution':
      return def.parts.map((p) => `${p.key} = ${p.formula}`).join('; ');
  }
}

/**
 * The formula rendered with item labels, in French, for the indicator sheet, e.g.
 * `« Nombre de journées réalisées … » / « Nombre de journées financées sur l'année » × 100`.
 */
export function formulaInWords(def: IndicatorDefinition, dictionary: Dictionary): string {
  const labels = labelsFrom(dictionary);
  switch (def.kind) {
    case 'ratio':
      return ratioInWords(def.numerator, def.denominator, def.multiplier, labels);
    case 'value':
      return wordsOf(def.formula, labels);
    case 'distribution': {
      const base = def.base === undefined ? 'le total des parts' : wordsOf(def.base, labels);
      const parts = def.parts.map((p) => `${p.label} : ${wordsOf(p.formula, labels)}`).join(' ; ');
      return `Part de chaque élément dans ${base} (× 100). ${parts}.`;
    }
  }
}

/** A variant of a ratio rendered in words (e.g. the installed-capacity reading). */
export function variantInWords(
  def: IndicatorDefinition,
  variant: IndicatorVariant,
  dictionary: Dictionary,
): string {
  if (def.kind !== 'ratio') return '';
  return ratioInWords(
    variant.numerator ?? def.numerator,
    variant.denominator ?? def.denominator,
    def.multiplier,
    labelsFrom(dictionary),
  );
}
