import { displayLabel, type Dictionary } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import {
  evaluate,
  operandsOf,
  parseFormula,
  printFormula,
  type EvaluationFailure,
  type EvaluationResult,
  type FormulaNode,
} from './formula';
import type {
  DistributionShare,
  IndicatorDefinition,
  IndicatorResult,
  NotComputableReason,
  StructureInput,
} from './schema';

interface CompiledRatio {
  readonly numerator: FormulaNode;
  readonly denominator: FormulaNode;
}

interface CompiledPart {
  readonly key: string;
  readonly label: string;
  readonly ast: FormulaNode;
}

type CompiledBody =
  | { readonly kind: 'ratio'; readonly main: CompiledRatio; readonly variants: Map<string, CompiledRatio> }
  | { readonly kind: 'value'; readonly formula: FormulaNode }
  | { readonly kind: 'distribution'; readonly parts: CompiledPart[]; readonly base?: FormulaNode }
  | { readonly kind: 'invalid' };

/** A definition with its formulas parsed once, ready to run on many structures. */
export interface CompiledIndicator {
  readonly definition: IndicatorDefinition;
  readonly provisional: boolean;
  /** Category codes the indicator applies to ('ALL' expanded to the 20 TDB categories). */
  readonly categories: ReadonlySet<string>;
  /** French label of each operand item (falls back to the code). */
  readonly labels: ReadonlyMap<string, string>;
  readonly body: CompiledBody;
}

function ast(text: unknown): FormulaNode | undefined {
  const parsed = parseFormula(text);
  return parsed.ok ? parsed.ast : undefined;
}

function compileBody(def: IndicatorDefinition): CompiledBody {
  switch (def.kind) {
    case 'ratio': {
      const numerator = ast(def.numerator);
      const denominator = ast(def.denominator);
      if (!numerator || !denominator) return { kind: 'invalid' };
      const variants = new Map<string, CompiledRatio>();
      for (const v of def.variants ?? []) {
        const n = v.numerator === undefined ? numerator : ast(v.numerator);
        const d = v.denominator === undefined ? denominator : ast(v.denominator);
        if (!n || !d) return { kind: 'invalid' };
        variants.set(v.key, { numerator: n, denominator: d });
      }
      return { kind: 'ratio', main: { numerator, denominator }, variants };
    }
    case 'value': {
      const formula = ast(def.formula);
      return formula ? { kind: 'value', formula } : { kind: 'invalid' };
    }
    case 'distribution': {
      const parts: CompiledPart[] = [];
      for (const p of Array.isArray(def.parts) ? def.parts : []) {
        const a = ast(p.formula);
        if (!a) return { kind: 'invalid' };
        parts.push({ key: p.key, label: p.label, ast: a });
      }
      if (parts.length === 0) return { kind: 'invalid' };
      if (def.base === undefined) return { kind: 'distribution', parts };
      const base = ast(def.base);
      return base ? { kind: 'distribution', parts, base } : { kind: 'invalid' };
    }
    default:
      return { kind: 'invalid' };
  }
}

function bodyOperands(body: CompiledBody): string[] {
  const asts: FormulaNode[] = [];
  if (body.kind === 'ratio') {
    for (const r of [body.main, ...body.variants.values()]) asts.push(r.numerator, r.denominator);
  } else if (body.kind === 'value') {
    asts.push(body.formula);
  } else if (body.kind === 'distribution') {
    asts.push(...body.parts.map((p) => p.ast));
    if (body.base) asts.push(body.base);
  }
  return [...new Set(asts.flatMap(operandsOf))];
}

const ALL_CATEGORIES: ReadonlySet<string> = new Set(CATEGORIES.map((c) => c.code));

const compiledCache = new WeakMap<object, { compiled: CompiledIndicator; dictionary?: Dictionary }>();

/**
 * Parses a definition's formulas once (cached per definition object). With a dictionary, messages
 * name items by their French label. Never throws: an unparsable definition yields a compiled
 * indicator whose results are "not computable (INVALID_DEFINITION)".
 */
export function compileIndicator(def: IndicatorDefinition, dictionary?: Dictionary): CompiledIndicator {
  const cached = compiledCache.get(def);
  if (cached && (dictionary === undefined || cached.dictionary === dictionary)) return cached.compiled;
  const body = compileBody(def);
  const labels = new Map<string, string>();
  if (dictionary) {
    const byCode = new Map(dictionary.items.map((i) => [i.code, i.label]));
    for (const code of bodyOperands(body)) {
      const label = byCode.get(code);
      if (label !== undefined) labels.set(code, displayLabel(label));
    }
  }
  const compiled: CompiledIndicator = {
    definition: def,
    provisional: def.status !== 'verified',
    categories:
      def.categories === 'ALL'
        ? ALL_CATEGORIES
        : new Set(Array.isArray(def.categories) ? (def.categories as string[]) : []),
    labels,
    body,
  };
  compiledCache.set(def, { compiled, dictionary });
  return compiled;
}

// ----------------------------------------------------------------------------------------------

function quote(text: string): string {
  return `« ${text} »`;
}

function labelsOf(compiled: CompiledIndicator, codes: readonly string[]): string {
  return codes.map((c) => quote(compiled.labels.get(c) ?? c)).join(', ');
}

function reasonOf(compiled: CompiledIndicator, failure: EvaluationFailure): NotComputableReason {
  switch (failure.code) {
    case 'MISSING_ITEM':
      return {
        code: 'MISSING_ITEM',
        message: `${failure.items.length > 1 ? 'Données manquantes' : 'Donnée manquante'} : ${labelsOf(compiled, failure.items)}.`,
        items: failure.items,
      };
    case 'INVALID_VALUE':
      return {
        code: 'INVALID_VALUE',
        message:
          failure.items.length > 0
            ? `Valeur non numérique pour : ${labelsOf(compiled, failure.items)}.`
            : 'Valeur non numérique.',
        items: failure.items,
      };
    case 'ZERO_DENOMINATOR': {
      const words = printFormula(failure.divisor, {
        item: (c) => quote(compiled.labels.get(c) ?? c),
        operators: { '*': '×' },
        fn: functionInWords,
      });
      return {
        code: 'ZERO_DENOMINATOR',
        message: `Calcul impossible : le dénominateur est nul (${words} = 0).`,
      };
    }
    case 'OUT_OF_RANGE':
      return {
        code: 'OUT_OF_RANGE',
        message: 'Calcul impossible : les valeurs saisies conduisent à un résultat hors limites.',
      };
  }
}

/** French names of the formula functions, for the indicator sheet. */
export function functionInWords(name: string): string {
  switch (name) {
    case 'sum':
      return 'somme';
    case 'sum_present':
      return 'somme des données renseignées';
    case 'min':
      return 'minimum';
    case 'max':
      return 'maximum';
    case 'coalesce':
      return 'première donnée renseignée parmi';
    default:
      return name;
  }
}

function notComputable(compiled: CompiledIndicator, reason: NotComputableReason): IndicatorResult {
  return {
    code: compiled.definition.code,
    provisional: compiled.provisional,
    status: 'not_computable',
    reason,
  };
}

function fail(compiled: CompiledIndicator, failure: EvaluationFailure): IndicatorResult {
  return notComputable(compiled, reasonOf(compiled, failure));
}

function mergeFailures(a: EvaluationFailure, b: EvaluationResult): EvaluationFailure {
  if (b.ok) return a;
  if (a.code === b.code && (a.code === 'MISSING_ITEM' || a.code === 'INVALID_VALUE')) {
    const items = [...a.items, ...(b as { items: readonly string[] }).items];
    return { ok: false, code: a.code, items: [...new Set(items)] };
  }
  const rank = (f: EvaluationFailure): number =>
    ({ INVALID_VALUE: 0, MISSING_ITEM: 1, ZERO_DENOMINATOR: 2, OUT_OF_RANGE: 3 })[f.code];
  return rank(b) < rank(a) ? b : a;
}

function computeRatio(
  compiled: CompiledIndicator,
  ratio: CompiledRatio,
  values: unknown,
  multiplier: number,
) {
  const num = evaluate(ratio.numerator, values);
  const den = evaluate(ratio.denominator, values);
  if (!num.ok) return fail(compiled, mergeFailures(num, den));
  if (!den.ok) return fail(compiled, den);
  if (den.value === 0)
    return fail(compiled, { ok: false, code: 'ZERO_DENOMINATOR', divisor: ratio.denominator });
  const value = (num.value / den.value) * multiplier;
  if (!Number.isFinite(value)) return fail(compiled, { ok: false, code: 'OUT_OF_RANGE' });
  return computed(compiled, 'ratio', value);
}

function computed(compiled: CompiledIndicator, kind: 'ratio' | 'value', value: number): IndicatorResult {
  return {
    code: compiled.definition.code,
    provisional: compiled.provisional,
    status: 'computed',
    kind,
    value: value + 0,
  };
}

function computeDistribution(
  compiled: CompiledIndicator,
  body: Extract<CompiledBody, { kind: 'distribution' }>,
  values: unknown,
): IndicatorResult {
  const def = compiled.definition as Extract<IndicatorDefinition, { kind: 'distribution' }>;
  const zeroForMissing = def.missingParts === 'zero';
  let failure: EvaluationFailure | undefined;
  let missing: EvaluationFailure | undefined;
  let filled = 0;
  const partValues: number[] = [];
  for (const part of body.parts) {
    const r = evaluate(part.ast, values);
    if (r.ok) {
      if (r.value < 0) {
        return notComputable(compiled, {
          code: 'NEGATIVE_VALUE',
          message: `Calcul impossible : valeur négative pour ${quote(part.label)} dans une répartition.`,
          items: operandsOf(part.ast),
        });
      }
      filled += 1;
      partValues.push(r.value);
    } else if (zeroForMissing && r.code === 'MISSING_ITEM') {
      missing = missing ? mergeFailures(missing, r) : r;
      partValues.push(0);
    } else {
      failure = failure ? mergeFailures(failure, r) : r;
      partValues.push(0);
    }
  }
  if (failure) return fail(compiled, missing ? mergeFailures(failure, missing) : failure);
  if (filled === 0 && missing) return fail(compiled, missing);
  const total = partValues.reduce((s, v) => s + v, 0);
  if (!Number.isFinite(total)) return fail(compiled, { ok: false, code: 'OUT_OF_RANGE' });
  let base = total;
  if (body.base) {
    const b = evaluate(body.base, values);
    if (!b.ok) return fail(compiled, b);
    if (b.value < 0) {
      return notComputable(compiled, {
        code: 'NEGATIVE_VALUE',
        message: `Calcul impossible : valeur négative pour ${labelsOf(compiled, operandsOf(body.base))}.`,
        items: operandsOf(body.base),
      });
    }
    base = b.value;
  }
  if (base === 0) {
    const divisor = body.base ?? { type: 'number' as const, value: 0 };
    if (!body.base) {
      return notComputable(compiled, {
        code: 'ZERO_DENOMINATOR',
        message: 'Calcul impossible : le total de la répartition est nul.',
      });
    }
    return fail(compiled, { ok: false, code: 'ZERO_DENOMINATOR', divisor });
  }
  const parts: DistributionShare[] = [];
  for (let i = 0; i < body.parts.length; i += 1) {
    const part = body.parts[i] as CompiledPart;
    const value = partValues[i] as number;
    const share = (value / base) * 100;
    if (!Number.isFinite(share)) return fail(compiled, { ok: false, code: 'OUT_OF_RANGE' });
    parts.push({ key: part.key, label: part.label, value: value + 0, share: share + 0 });
  }
  return {
    code: def.code,
    provisional: compiled.provisional,
    status: 'computed',
    kind: 'distribution',
    total: total + 0,
    base: base + 0,
    parts,
  };
}

function categoryLabel(categoryCode: unknown): string {
  return typeof categoryCode === 'string' ? categoryCode : String(categoryCode);
}

/** Computes one compiled indicator for one structure. Never throws; never NaN or Infinity. */
export function runCompiled(compiled: CompiledIndicator, input: StructureInput): IndicatorResult {
  const safeInput: Partial<StructureInput> = typeof input === 'object' && input !== null ? input : {};
  const categoryCode = safeInput.categoryCode;
  if (typeof categoryCode !== 'string' || !compiled.categories.has(categoryCode)) {
    return notComputable(compiled, {
      code: 'NOT_APPLICABLE',
      message: `Indicateur non applicable à la catégorie ${quote(categoryLabel(categoryCode))}.`,
    });
  }
  const values = safeInput.values;
  const { body, definition: def } = compiled;
  switch (body.kind) {
    case 'invalid':
      return notComputable(compiled, {
        code: 'INVALID_DEFINITION',
        message: 'Calcul impossible : la définition de l’indicateur est invalide.',
      });
    case 'value': {
      const r = evaluate(body.formula, values);
      return r.ok ? computed(compiled, 'value', r.value) : fail(compiled, r);
    }
    case 'ratio': {
      const variantKey = safeInput.variants?.[def.code];
      const ratio = (variantKey !== undefined && body.variants.get(variantKey)) || body.main;
      const multiplier = def.kind === 'ratio' && Number.isFinite(def.multiplier) ? def.multiplier : 1;
      return computeRatio(compiled, ratio, values, multiplier);
    }
    case 'distribution':
      return computeDistribution(compiled, body, values);
  }
}

/** Computes one indicator for one structure. Never throws. */
export function computeIndicator(def: IndicatorDefinition, input: StructureInput): IndicatorResult {
  return runCompiled(compileIndicator(def), input);
}

/** Computes every indicator for one structure, in definition order. Formulas are parsed once. */
export function computeIndicators(
  defs: readonly IndicatorDefinition[],
  input: StructureInput,
): IndicatorResult[] {
  const results: IndicatorResult[] = new Array(defs.length);
  for (let i = 0; i < defs.length; i += 1) {
    results[i] = runCompiled(compileIndicator(defs[i] as IndicatorDefinition), input);
  }
  return results;
}
