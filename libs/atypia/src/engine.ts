/**
 * The atypia engine. Own rules (bounds, coherence, year over year) read one structure and run at
 * each save; peer rules compare a structure with the distribution of its category, computed once
 * for a whole campaign by `computePeerReferences`. Nothing here throws or returns NaN/Infinity:
 * a rule that cannot be evaluated (blank or invalid value, group too small) simply gives no flag.
 */
import {
  evaluate,
  operandsOf,
  parseFormula,
  toFiniteNumber,
  type FormulaNode,
  type IndicatorResult,
} from '@tdb/indicators';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import {
  formatAbsoluteChange,
  formatNumber,
  formatRatio,
  formatRelativeChange,
  formatValue,
  ordinalPercentile,
  renderTemplate,
} from './format';
import {
  PEER_LEVELS,
  targetKey,
  type AtypiaFlag,
  type AtypiaRule,
  type AtypiaRuleSet,
  type AtypiaTarget,
  type BoundsFlag,
  type BoundsRule,
  type CoherenceFlag,
  type CoherenceRule,
  type ComparisonOperator,
  type IndicatorValues,
  type OwnRulesInput,
  type PeerGroupReference,
  type PeerLevel,
  type PeerOutlierFlag,
  type PeerOutlierRule,
  type PeerReferences,
  type PeerStructure,
  type TargetInfo,
  type YearOverYearFlag,
  type YearOverYearPart,
  type YearOverYearRule,
} from './schema';
import { percentile, quartiles, sortedValues, tukeyFences, type SortedValues } from './stats';

const hasOwn = Object.prototype.hasOwnProperty;

/** An object (typed inputs may still be anything at run time: this check does not narrow). */
function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function rulesOf(ruleSet: AtypiaRuleSet): readonly AtypiaRule[] {
  return isRecord(ruleSet) && Array.isArray(ruleSet.rules) ? ruleSet.rules : [];
}

const scopeCache = new WeakMap<AtypiaRule, ReadonlySet<string> | 'ALL'>();

function appliesTo(rule: AtypiaRule, categoryCode: unknown): boolean {
  if (typeof categoryCode !== 'string') return false;
  let scope = scopeCache.get(rule);
  if (scope === undefined) {
    scope =
      rule.categories === 'ALL' ? 'ALL' : new Set(Array.isArray(rule.categories) ? rule.categories : []);
    scopeCache.set(rule, scope);
  }
  return scope === 'ALL' || scope.has(categoryCode);
}

/** The finite number a structure has for a target, or undefined (blank, invalid, not computable). */
export function targetValue(
  target: AtypiaTarget,
  values: Readonly<Record<string, unknown>> | undefined,
  indicators: IndicatorValues | undefined,
): number | undefined {
  if (!isRecord(target)) return undefined;
  if ('item' in target) {
    if (!values || !isRecord(values) || !hasOwn.call(values, target.item)) return undefined;
    const n = toFiniteNumber(values[target.item]);
    return typeof n === 'number' ? n : undefined;
  }
  if (!indicators || !isRecord(indicators) || !hasOwn.call(indicators, target.indicator)) return undefined;
  const v = indicators[target.indicator];
  return typeof v === 'number' && Number.isFinite(v) ? v + 0 : undefined;
}

/** Indicator values by code from `computeIndicators` results (distributions and failures: null). */
export function indicatorValues(results: readonly IndicatorResult[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const r of results) {
    out[r.code] =
      r.status === 'computed' && r.kind !== 'distribution' && Number.isFinite(r.value) ? r.value : null;
  }
  return out;
}

function infoOf(ruleSet: AtypiaRuleSet, target: AtypiaTarget): TargetInfo {
  const targets = ruleSet.targets;
  const key = targetKey(target);
  const info = targets && isRecord(targets) && hasOwn.call(targets, key) ? targets[key] : undefined;
  return info ?? { label: 'item' in target ? target.item : target.indicator };
}

function categoryName(code: string): string {
  return findCategory(code)?.shortLabel ?? code;
}

function finite(...numbers: (number | undefined)[]): boolean {
  return numbers.every((n) => n === undefined || Number.isFinite(n));
}

// ----------------------------------------------------------------------------------------------
// Year-over-year part of bounds and peer flags

function yearOverYearPart(value: number, previous: number | undefined): YearOverYearPart | undefined {
  if (previous === undefined) return undefined;
  if (previous === 0) return { previous };
  const relativeChange = (value - previous) / Math.abs(previous);
  return Number.isFinite(relativeChange) ? { previous, relativeChange } : { previous };
}

/** " ; +40 % par rapport à N-1 (N-1 : 101,4 %)" or "" when N-1 is unknown. */
function yearOverYearText(part: YearOverYearPart | undefined, unit: string | undefined): string {
  if (!part) return '';
  const previous = formatValue(part.previous, unit);
  if (part.relativeChange === undefined) return ` ; N-1 : ${previous}`;
  return ` ; ${formatRelativeChange(part.relativeChange)} par rapport à N-1 (N-1 : ${previous})`;
}

// ----------------------------------------------------------------------------------------------
// Own rules

function evaluateBounds(
  ruleSet: AtypiaRuleSet,
  rule: BoundsRule,
  input: OwnRulesInput,
): BoundsFlag | undefined {
  const value = targetValue(rule.target, input.values, input.indicators);
  if (value === undefined) return undefined;
  const { min, max } = rule;
  let bound: number;
  let reason: string;
  const info = infoOf(ruleSet, rule.target);
  if (typeof max === 'number' && value > max) {
    bound = max;
    reason = `au-dessus du maximum attendu (${formatValue(max, info.unit)})`;
  } else if (typeof min === 'number' && value < min) {
    bound = min;
    reason = `en dessous du minimum attendu (${formatValue(min, info.unit)})`;
  } else {
    return undefined;
  }
  if (!finite(bound, min, max)) return undefined;
  const yoy = yearOverYearPart(
    value,
    targetValue(rule.target, input.previousValues, input.previousIndicators),
  );
  const yoyText = yearOverYearText(yoy, info.unit);
  const message = renderMessage(rule.message, yoyText, {
    label: info.label,
    value: formatValue(value, info.unit),
    category: categoryName(input.categoryCode),
    reason,
    min: min === undefined ? '–' : formatValue(min, info.unit),
    max: max === undefined ? '–' : formatValue(max, info.unit),
    bound: formatValue(bound, info.unit),
  });
  return {
    kind: 'bounds',
    ruleCode: rule.code,
    ruleLabel: rule.label,
    severity: rule.severity,
    target: rule.target,
    value,
    reference: { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), bound },
    ...(yoy ? { yearOverYear: yoy } : {}),
    message,
  };
}

/** Renders a template; the year-over-year part goes where {yoy} is, or at the end. */
function renderMessage(template: string, yoyText: string, values: Record<string, string>): string {
  const hasSlot = template.includes('{yoy}');
  const text = renderTemplate(template, { ...values, yoy: yoyText });
  return hasSlot ? text : `${text}${yoyText}`;
}

interface CompiledCoherence {
  readonly left: FormulaNode;
  readonly right: FormulaNode;
  readonly items: readonly string[];
  readonly target: string | undefined;
}

/**
 * The item codes the rules of `kinds` read from a structure's values: their item targets and every
 * operand of the coherence formulas, each once (a recompute reads no other value for them).
 */
export function itemsReadBy(ruleSet: AtypiaRuleSet, kinds: readonly AtypiaRule['kind'][]): string[] {
  const items = new Set<string>();
  for (const rule of ruleSet.rules) {
    if (!kinds.includes(rule.kind)) continue;
    if (rule.target && 'item' in rule.target) items.add(rule.target.item);
    if (rule.kind === 'coherence') {
      for (const side of [rule.left, rule.right]) {
        const parsed = parseFormula(side);
        if (parsed.ok) for (const code of operandsOf(parsed.ast)) items.add(code);
      }
    }
  }
  return [...items];
}

const coherenceCache = new WeakMap<CoherenceRule, CompiledCoherence | null>();

function compileCoherence(rule: CoherenceRule): CompiledCoherence | null {
  let compiled = coherenceCache.get(rule);
  if (compiled !== undefined) return compiled;
  const left = parseFormula(rule.left);
  const right = parseFormula(rule.right);
  if (!left.ok || !right.ok) {
    compiled = null;
  } else {
    const items: string[] = [];
    const walk = (node: FormulaNode): void => {
      if (node.type === 'item') {
        if (!items.includes(node.code)) items.push(node.code);
      } else if (node.type === 'negate') walk(node.operand);
      else if (node.type === 'binary') {
        walk(node.left);
        walk(node.right);
      } else if (node.type === 'call') node.args.forEach(walk);
    };
    walk(left.ast);
    walk(right.ast);
    const target = rule.target && typeof rule.target.item === 'string' ? rule.target.item : items[0];
    compiled = { left: left.ast, right: right.ast, items, target };
  }
  coherenceCache.set(rule, compiled);
  return compiled;
}

const VIOLATION_SYMBOL: Record<ComparisonOperator, string> = {
  '<=': '>',
  '<': '≥',
  '>=': '<',
  '>': '≤',
  '=': '≠',
};

const OPERATOR_SYMBOL: Record<ComparisonOperator, string> = {
  '<=': '≤',
  '<': '<',
  '>=': '≥',
  '>': '>',
  '=': '=',
};

function violates(operator: ComparisonOperator, left: number, right: number, tolerance: number): boolean {
  const gap = left - right;
  switch (operator) {
    case '<=':
      return gap > tolerance;
    case '<':
      return gap >= tolerance;
    case '>=':
      return gap < -tolerance;
    case '>':
      return gap <= -tolerance;
    case '=':
      return Math.abs(gap) > tolerance;
  }
}

function evaluateCoherence(rule: CoherenceRule, input: OwnRulesInput): CoherenceFlag | undefined {
  const compiled = compileCoherence(rule);
  if (!compiled || compiled.target === undefined) return undefined;
  const l = evaluate(compiled.left, input.values);
  const r = evaluate(compiled.right, input.values);
  if (!l.ok || !r.ok) return undefined;
  const left = l.value;
  const right = r.value;
  const gap = left - right;
  const absolute = typeof rule.tolerance === 'number' && rule.tolerance >= 0 ? rule.tolerance : 0;
  const relative =
    typeof rule.relativeTolerance === 'number' && rule.relativeTolerance >= 0 ? rule.relativeTolerance : 0;
  const tolerance = Math.max(absolute, relative * Math.abs(right));
  if (!finite(left, right, gap, tolerance)) return undefined;
  if (!COMPARISONS.has(rule.operator) || !violates(rule.operator, left, right, tolerance)) return undefined;
  const unit = rule.unit;
  const toleranceText = tolerance > 0 ? `, tolérance ${formatValue(tolerance, unit)}` : '';
  const reason =
    `${formatValue(left, unit)} ${VIOLATION_SYMBOL[rule.operator]} ${formatValue(right, unit)}` +
    ` (écart ${formatAbsoluteChange(gap, unit)}${toleranceText})`;
  const message = renderTemplate(rule.message, {
    category: categoryName(input.categoryCode),
    reason,
    left: formatValue(left, unit),
    right: formatValue(right, unit),
    gap: formatValue(Math.abs(gap), unit),
    tolerance: formatValue(tolerance, unit),
    operator: OPERATOR_SYMBOL[rule.operator],
  });
  return {
    kind: 'coherence',
    ruleCode: rule.code,
    ruleLabel: rule.label,
    severity: rule.severity,
    target: { item: compiled.target },
    value: left,
    items: compiled.items,
    reference: { left, right, operator: rule.operator, gap, tolerance },
    message,
  };
}

const COMPARISONS = new Set<string>(['<=', '<', '>=', '>', '=']);

/** A factor this large (or small) between N and N-1 is shown as "× 1 000" rather than in %. */
const RATIO_DISPLAY_THRESHOLD = 10;

function evaluateYearOverYear(
  ruleSet: AtypiaRuleSet,
  rule: YearOverYearRule,
  input: OwnRulesInput,
): YearOverYearFlag | undefined {
  const value = targetValue(rule.target, input.values, input.indicators);
  const previous = targetValue(rule.target, input.previousValues, input.previousIndicators);
  if (value === undefined || previous === undefined) return undefined;
  const minBase = typeof rule.minBase === 'number' && rule.minBase >= 0 ? rule.minBase : 0;
  if (Math.abs(previous) < minBase) return undefined;
  const relative = rule.change === 'relative';
  if (relative && previous === 0) return undefined;
  const delta = relative ? (value - previous) / Math.abs(previous) : value - previous;
  if (!Number.isFinite(delta)) return undefined;
  const up = typeof rule.maxIncrease === 'number' && delta > rule.maxIncrease;
  const down = typeof rule.maxDecrease === 'number' && delta < -rule.maxDecrease;
  if (!up && !down) return undefined;
  const info = infoOf(ruleSet, rule.target);
  const rawRatio = previous !== 0 ? value / previous : undefined;
  const ratio = rawRatio !== undefined && Number.isFinite(rawRatio) ? rawRatio + 0 : undefined;
  let change: string;
  if (
    relative &&
    ratio !== undefined &&
    ratio > 0 &&
    (ratio >= RATIO_DISPLAY_THRESHOLD || ratio <= 1 / RATIO_DISPLAY_THRESHOLD)
  ) {
    change = formatRatio(ratio);
  } else if (relative) {
    change = formatRelativeChange(delta);
  } else {
    change = formatAbsoluteChange(delta, info.unit);
  }
  const previousText = formatValue(previous, info.unit);
  const message = renderTemplate(rule.message, {
    label: info.label,
    value: formatValue(value, info.unit),
    category: categoryName(input.categoryCode),
    reason: `${change} par rapport à N-1 (N-1 : ${previousText})`,
    previous: previousText,
    change,
  });
  return {
    kind: 'year_over_year',
    ruleCode: rule.code,
    ruleLabel: rule.label,
    severity: rule.severity,
    target: rule.target,
    value,
    reference: {
      previous,
      change: relative ? 'relative' : 'absolute',
      delta,
      ...(ratio === undefined ? {} : { ratio }),
    },
    message,
  };
}

/**
 * Runs the bounds, coherence and year-over-year rules that apply to the structure's category
 * (what runs at each save). Returns the flags in rule order; never throws.
 */
export function evaluateOwnRules(ruleSet: AtypiaRuleSet, input: OwnRulesInput): AtypiaFlag[] {
  const flags: AtypiaFlag[] = [];
  if (!isRecord(input)) return flags;
  const safe: OwnRulesInput = {
    categoryCode: input.categoryCode,
    values: isRecord(input.values) ? input.values : {},
    indicators: isRecord(input.indicators) ? input.indicators : undefined,
    previousValues: isRecord(input.previousValues) ? input.previousValues : undefined,
    previousIndicators: isRecord(input.previousIndicators) ? input.previousIndicators : undefined,
  };
  for (const rule of rulesOf(ruleSet)) {
    if (!isRecord(rule) || !appliesTo(rule, safe.categoryCode)) continue;
    try {
      let flag: AtypiaFlag | undefined;
      if (rule.kind === 'bounds') flag = evaluateBounds(ruleSet, rule, safe);
      else if (rule.kind === 'coherence') flag = evaluateCoherence(rule, safe);
      else if (rule.kind === 'year_over_year') flag = evaluateYearOverYear(ruleSet, rule, safe);
      if (flag) flags.push(flag);
    } catch {
      // Only reachable with hostile inputs (a getter that throws): the rule gives no flag.
    }
  }
  return keepStrongestYearOverYear(flags);
}

const SEVERITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

/**
 * Several year-over-year rules may watch one target at different thresholds (±40 %, and ×100 for
 * a euro/kilo-euro mix-up): only the most severe flag of a target is kept (the first on a tie).
 */
function keepStrongestYearOverYear(flags: AtypiaFlag[]): AtypiaFlag[] {
  const best = new Map<string, AtypiaFlag>();
  for (const f of flags) {
    if (f.kind !== 'year_over_year') continue;
    const key = targetKey(f.target);
    const current = best.get(key);
    if (!current || (SEVERITY_RANK[f.severity] ?? 0) > (SEVERITY_RANK[current.severity] ?? 0))
      best.set(key, f);
  }
  return flags.filter((f) => f.kind !== 'year_over_year' || best.get(targetKey(f.target)) === f);
}

// ----------------------------------------------------------------------------------------------
// Peer rules

/** The key of a group in `PeerReferences.groups`. */
export function peerReferenceKey(
  ruleCode: string,
  categoryCode: string,
  level: PeerLevel,
  territoryCode: string,
): string {
  return `${ruleCode}|${categoryCode}|${level}|${territoryCode}`;
}

function levelsOf(rule: PeerOutlierRule): readonly PeerLevel[] {
  return Array.isArray(rule.levels) && rule.levels.length > 0 ? rule.levels : PEER_LEVELS;
}

function territoryOf(structure: PeerStructure, level: PeerLevel): string | undefined {
  if (level === 'national') return 'FR';
  const code = level === 'region' ? structure.regionCode : structure.departmentCode;
  return typeof code === 'string' && code.trim() !== '' ? code : undefined;
}

function groupReference(
  rule: PeerOutlierRule,
  categoryCode: string,
  level: PeerLevel,
  territoryCode: string,
  sorted: SortedValues,
): PeerGroupReference {
  const base = { ruleCode: rule.code, categoryCode, level, territoryCode, n: sorted.length };
  const minSize = typeof rule.minGroupSize === 'number' && rule.minGroupSize >= 1 ? rule.minGroupSize : 1;
  if (sorted.length < minSize) return { ...base, sufficient: false };
  const q = quartiles(sorted);
  if (!q) return { ...base, sufficient: false };
  let lowerBound: number | undefined;
  let upperBound: number | undefined;
  if (rule.method === 'tukey') {
    const fences = tukeyFences(sorted, typeof rule.k === 'number' ? rule.k : 1.5);
    if (!fences) return { ...base, sufficient: false };
    const side = rule.side ?? 'both';
    if (side !== 'high') lowerBound = fences.lower;
    if (side !== 'low') upperBound = fences.upper;
  } else {
    if (typeof rule.lowerPercentile === 'number') lowerBound = percentile(sorted, rule.lowerPercentile);
    if (typeof rule.upperPercentile === 'number') upperBound = percentile(sorted, rule.upperPercentile);
  }
  return {
    ...base,
    sufficient: true,
    ...q,
    ...(lowerBound === undefined ? {} : { lowerBound }),
    ...(upperBound === undefined ? {} : { upperBound }),
  };
}

/** The values of one rule target among the peers of a category in a territory, sorted ascending. */
export interface PeerGroupValues {
  readonly categoryCode: string;
  readonly level: PeerLevel;
  readonly territoryCode: string;
  readonly sorted: SortedValues;
}

/**
 * The references of every peer rule from the sorted values of its target's groups (`groupsOf`
 * gives, for a target, its groups at every level): the groups of the rule's categories and levels
 * become the rule's references. Whoever computes the groups (here from a population, in the API
 * once for distributions and rules together) gets the same references.
 */
export function peerReferencesFromGroups(
  ruleSet: AtypiaRuleSet,
  groupsOf: (target: AtypiaTarget) => Iterable<PeerGroupValues>,
): PeerReferences {
  const groups: Record<string, PeerGroupReference> = {};
  for (const rule of rulesOf(ruleSet)) {
    if (!isRecord(rule) || rule.kind !== 'peer_outlier') continue;
    const levels = new Set<PeerLevel>(levelsOf(rule));
    for (const group of groupsOf(rule.target)) {
      if (!levels.has(group.level) || !appliesTo(rule, group.categoryCode)) continue;
      const key = peerReferenceKey(rule.code, group.categoryCode, group.level, group.territoryCode);
      groups[key] = groupReference(rule, group.categoryCode, group.level, group.territoryCode, group.sorted);
    }
  }
  return { groups };
}

/**
 * The distribution of each peer rule's target per category and territory (department, region,
 * nation — as the rule's `levels` ask), from the values of a whole population. Structures outside
 * the rule's categories or without a value are left out; each group is sorted once.
 */
export function computePeerReferences(
  ruleSet: AtypiaRuleSet,
  population: readonly PeerStructure[],
): PeerReferences {
  const structures = Array.isArray(population) ? population : [];
  return peerReferencesFromGroups(ruleSet, (target) => peerGroupsOf(structures, target));
}

/** The sorted values of `target` among a population, per category and territory at every level. */
export function peerGroupsOf(population: readonly PeerStructure[], target: AtypiaTarget): PeerGroupValues[] {
  const buckets = new Map<
    string,
    { categoryCode: string; level: PeerLevel; territoryCode: string; values: number[] }
  >();
  for (const s of Array.isArray(population) ? population : []) {
    if (!isRecord(s) || typeof s.categoryCode !== 'string') continue;
    const value = targetValue(target, s.values, s.indicators);
    if (value === undefined) continue;
    for (const level of PEER_LEVELS) {
      const territoryCode = territoryOf(s, level);
      if (territoryCode === undefined) continue;
      const key = `${s.categoryCode}|${level}|${territoryCode}`;
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { categoryCode: s.categoryCode, level, territoryCode, values: [] };
        buckets.set(key, bucket);
      }
      bucket.values.push(value);
    }
  }
  return [...buckets.values()].map((b) => ({
    categoryCode: b.categoryCode,
    level: b.level,
    territoryCode: b.territoryCode,
    sorted: sortedValues(b.values),
  }));
}

/** The finest group with enough peers for this structure, or undefined. */
export function peerGroupFor(
  rule: PeerOutlierRule,
  structure: PeerStructure,
  references: PeerReferences,
): PeerGroupReference | undefined {
  const groups = isRecord(references) && isRecord(references.groups) ? references.groups : {};
  for (const level of levelsOf(rule)) {
    const territory = territoryOf(structure, level);
    if (territory === undefined) continue;
    const key = peerReferenceKey(rule.code, structure.categoryCode, level, territory);
    const group = hasOwn.call(groups, key) ? groups[key] : undefined;
    if (group && group.sufficient) return group;
  }
  return undefined;
}

function territoryText(group: PeerGroupReference): string {
  if (group.level === 'national') return 'au niveau national';
  if (group.level === 'region') {
    return `de la région ${findRegion(group.territoryCode)?.name ?? group.territoryCode}`;
  }
  const department = findDepartment(group.territoryCode);
  return department
    ? `du département ${department.name} (${department.code})`
    : `du département ${group.territoryCode}`;
}

function evaluatePeer(
  ruleSet: AtypiaRuleSet,
  rule: PeerOutlierRule,
  structure: PeerStructure,
  references: PeerReferences,
): PeerOutlierFlag | undefined {
  const value = targetValue(rule.target, structure.values, structure.indicators);
  if (value === undefined) return undefined;
  const group = peerGroupFor(rule, structure, references);
  if (!group) return undefined;
  let side: 'high' | 'low';
  let bound: number;
  if (typeof group.upperBound === 'number' && value > group.upperBound) {
    side = 'high';
    bound = group.upperBound;
  } else if (typeof group.lowerBound === 'number' && value < group.lowerBound) {
    side = 'low';
    bound = group.lowerBound;
  } else {
    return undefined;
  }
  if (!Number.isFinite(bound) || !finite(group.min, group.q1, group.median, group.q3, group.max))
    return undefined;
  const info = infoOf(ruleSet, rule.target);
  const boundText = formatValue(bound, info.unit);
  let position: string;
  if (rule.method === 'tukey') {
    const k = formatNumber(typeof rule.k === 'number' ? rule.k : 1.5, 2);
    const fence = side === 'high' ? `Q3 + ${k} × IQR` : `Q1 − ${k} × IQR`;
    const median = group.median === undefined ? '' : ` ; médiane ${formatValue(group.median, info.unit)}`;
    position = `${side === 'high' ? 'au-dessus de la borne haute' : 'en dessous de la borne basse'} ${fence} (${boundText}${median})`;
  } else {
    const p = side === 'high' ? rule.upperPercentile : rule.lowerPercentile;
    position = `${side === 'high' ? 'au-dessus du' : 'en dessous du'} ${ordinalPercentile(p ?? 0)} (${boundText})`;
  }
  const category = categoryName(structure.categoryCode);
  const territory = territoryText(group);
  const reason = `${position} des ${formatNumber(group.n, 0)} ${category} ${territory}`;
  const yoy = yearOverYearPart(
    value,
    targetValue(rule.target, structure.previousValues, structure.previousIndicators),
  );
  const message = renderMessage(rule.message, yearOverYearText(yoy, info.unit), {
    label: info.label,
    value: formatValue(value, info.unit),
    category,
    reason,
    bound: boundText,
    n: formatNumber(group.n, 0),
    territory,
    median: group.median === undefined ? '–' : formatValue(group.median, info.unit),
  });
  return {
    kind: 'peer_outlier',
    ruleCode: rule.code,
    ruleLabel: rule.label,
    severity: rule.severity,
    target: rule.target,
    value,
    reference: { ...group, side, bound },
    ...(yoy ? { yearOverYear: yoy } : {}),
    message,
  };
}

/**
 * Compares one structure with its peers: for each peer rule of its category, the finest group
 * (department → region → nation) with at least `minGroupSize` values is used; none → no flag.
 */
export function evaluatePeerRules(
  ruleSet: AtypiaRuleSet,
  structure: PeerStructure,
  references: PeerReferences,
): PeerOutlierFlag[] {
  const flags: PeerOutlierFlag[] = [];
  if (!isRecord(structure)) return flags;
  for (const rule of rulesOf(ruleSet)) {
    if (!isRecord(rule) || rule.kind !== 'peer_outlier' || !appliesTo(rule, structure.categoryCode)) continue;
    try {
      const flag = evaluatePeer(ruleSet, rule, structure, references);
      if (flag) flags.push(flag);
    } catch {
      // Only reachable with hostile inputs: the rule gives no flag.
    }
  }
  return flags;
}
