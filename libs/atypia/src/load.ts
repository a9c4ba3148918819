import { displayLabel, type Dictionary, type Item } from '@tdb/dictionary';
import {
  operandsOf,
  parseFormula,
  type IndicatorDefinition,
  type IndicatorDefinitions,
} from '@tdb/indicators';
import { CATEGORIES } from '@tdb/reference';
import { placeholdersOf } from './format';
import {
  COMPARISON_OPERATORS,
  KIND_LETTERS,
  PEER_LEVELS,
  PEER_METHODS,
  PLACEHOLDERS,
  RULE_KINDS,
  SEVERITIES,
  SIDES,
  targetKey,
  type AtypiaRuleSet,
  type AtypiaTarget,
  type RuleKind,
  type TargetInfo,
} from './schema';

export type AtypiaLoadResult = { ok: true; ruleSet: AtypiaRuleSet } | { ok: false; errors: string[] };

const ROOT_FIELDS = new Set(['dictionaryVersion', 'campaignYear', 'rules']);
const COMMON_FIELDS = ['code', 'label', 'kind', 'severity', 'categories', 'message', 'rationale'];
const KIND_FIELDS: Record<RuleKind, Set<string>> = {
  bounds: new Set([...COMMON_FIELDS, 'target', 'min', 'max']),
  coherence: new Set([
    ...COMMON_FIELDS,
    'left',
    'operator',
    'right',
    'tolerance',
    'relativeTolerance',
    'unit',
    'target',
  ]),
  year_over_year: new Set([...COMMON_FIELDS, 'target', 'change', 'maxIncrease', 'maxDecrease', 'minBase']),
  peer_outlier: new Set([
    ...COMMON_FIELDS,
    'target',
    'method',
    'lowerPercentile',
    'upperPercentile',
    'k',
    'side',
    'minGroupSize',
    'levels',
  ]),
};
const CODE_PATTERN = /^AT[BCVP]\d{2}$/;
const CATEGORY_CODES = CATEGORIES.map((c) => c.code);
const CATEGORY_SET = new Set(CATEGORY_CODES);
const NUMERIC_TYPES = new Set(['integer', 'decimal', 'percentage']);
/** Smallest peer group allowed: below 5 values a distribution is not shown (statistical secrecy). */
export const MIN_PEER_GROUP_SIZE = 5;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

interface Context {
  readonly items: ReadonlyMap<string, Item>;
  readonly indicators: ReadonlyMap<string, IndicatorDefinition>;
  readonly targets: Record<string, TargetInfo>;
  readonly errors: string[];
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

/** A numeric dictionary item collected in every category of the rule. */
function checkItem(
  code: string,
  where: string,
  categories: readonly string[] | undefined,
  ctx: Context,
): void {
  const item = ctx.items.get(code);
  if (!item) {
    ctx.errors.push(`${where}: unknown item code "${code}"`);
    return;
  }
  if (!NUMERIC_TYPES.has(item.type)) {
    ctx.errors.push(`${where}: item "${code}" is not numeric (${item.type})`);
    return;
  }
  if (categories && item.categories !== 'ALL') {
    const outside = categories.filter((c) => !item.categories.includes(c));
    if (outside.length > 0) {
      ctx.errors.push(`${where}: item "${code}" is not collected in category ${outside.join(', ')}`);
    }
  }
  ctx.targets[`item:${code}`] = { label: displayLabel(item.label), unit: item.unit };
}

function checkTarget(
  raw: unknown,
  where: string,
  categories: readonly string[] | undefined,
  ctx: Context,
  itemOnly = false,
): AtypiaTarget | undefined {
  if (!isRecord(raw)) {
    ctx.errors.push(`${where}: must be { "item": code }${itemOnly ? '' : ' or { "indicator": code }'}`);
    return undefined;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1 || (keys[0] !== 'item' && (itemOnly || keys[0] !== 'indicator'))) {
    ctx.errors.push(`${where}: must be { "item": code }${itemOnly ? '' : ' or { "indicator": code }'}`);
    return undefined;
  }
  const code = raw[keys[0] as string];
  if (!isNonEmptyString(code)) {
    ctx.errors.push(`${where}.${keys[0]}: required string`);
    return undefined;
  }
  if (keys[0] === 'item') {
    checkItem(code, where, categories, ctx);
    return { item: code };
  }
  const def = ctx.indicators.get(code);
  if (!def) {
    ctx.errors.push(`${where}: unknown indicator code "${code}"`);
    return undefined;
  }
  if (def.kind === 'distribution') {
    ctx.errors.push(`${where}: indicator "${code}" is a distribution, not a single value`);
    return undefined;
  }
  if (categories && def.categories !== 'ALL') {
    const outside = categories.filter((c) => !def.categories.includes(c));
    if (outside.length > 0) {
      ctx.errors.push(`${where}: indicator "${code}" does not apply to category ${outside.join(', ')}`);
    }
  }
  ctx.targets[targetKey({ indicator: code })] = {
    label: def.label,
    unit: def.unit === 'ratio' ? undefined : def.unit,
  };
  return { indicator: code };
}

function checkFormula(
  text: unknown,
  where: string,
  categories: readonly string[] | undefined,
  ctx: Context,
): string[] | undefined {
  if (!isNonEmptyString(text)) {
    ctx.errors.push(`${where}: required formula string`);
    return undefined;
  }
  const parsed = parseFormula(text);
  if (!parsed.ok) {
    ctx.errors.push(`${where}: syntax error: ${parsed.error.message}`);
    return undefined;
  }
  const operands = operandsOf(parsed.ast);
  for (const code of operands) checkItem(code, where, categories, ctx);
  return operands;
}

function checkOptionalNumber(
  raw: Record<string, unknown>,
  field: string,
  where: string,
  errors: string[],
  test: (n: number) => boolean,
  expected: string,
): number | undefined {
  const v = raw[field];
  if (v === undefined) return undefined;
  if (!isFiniteNumber(v) || !test(v)) {
    errors.push(`${where}.${field}: must be ${expected}`);
    return undefined;
  }
  return v;
}

function checkMessage(raw: unknown, where: string, kind: RuleKind, errors: string[]): void {
  if (!isNonEmptyString(raw)) {
    errors.push(`${where}: required string`);
    return;
  }
  const allowed = PLACEHOLDERS[kind];
  const used = placeholdersOf(raw);
  for (const name of used) {
    if (!allowed.includes(name)) {
      errors.push(
        `${where}: unknown placeholder {${name}} (allowed: ${allowed.map((a) => `{${a}}`).join(' ')})`,
      );
    }
  }
  if (!used.includes('reason')) errors.push(`${where}: must contain {reason} (the figures behind the flag)`);
  if (kind !== 'coherence' && !used.includes('value')) errors.push(`${where}: must contain {value}`);
}

function checkRule(raw: unknown, index: number, seen: Set<string>, ctx: Context): void {
  const { errors } = ctx;
  if (!isRecord(raw)) {
    errors.push(`rules[${index}]: must be an object`);
    return;
  }
  const code = raw['code'];
  const name = isNonEmptyString(code) ? `rule "${code}"` : `rules[${index}]`;
  const kind = raw['kind'] as RuleKind;
  if (!RULE_KINDS.includes(kind)) {
    errors.push(
      `${name}.kind: unknown kind ${JSON.stringify(raw['kind'])} (allowed: ${RULE_KINDS.join(', ')})`,
    );
    return;
  }
  if (!isNonEmptyString(code)) {
    errors.push(`${name}.code: required string`);
  } else if (!CODE_PATTERN.test(code)) {
    errors.push(`${name}.code: must look like ATB01, ATC01, ATV01 or ATP01`);
  } else {
    if (seen.has(code)) errors.push(`${name}.code: duplicated code`);
    seen.add(code);
    if (code.charAt(2) !== KIND_LETTERS[kind]) {
      errors.push(`${name}.code: a ${kind} rule code starts with AT${KIND_LETTERS[kind]}`);
    }
  }
  for (const key of Object.keys(raw)) {
    if (!KIND_FIELDS[kind].has(key)) errors.push(`${name}.${key}: unknown field for a ${kind} rule`);
  }
  if (!isNonEmptyString(raw['label'])) errors.push(`${name}.label: required string`);
  if (!SEVERITIES.includes(raw['severity'] as never)) {
    errors.push(`${name}.severity: must be one of ${SEVERITIES.join(', ')}`);
  }
  if (raw['rationale'] !== undefined && !isNonEmptyString(raw['rationale'])) {
    errors.push(`${name}.rationale: must be a non-empty string`);
  }
  checkMessage(raw['message'], `${name}.message`, kind, errors);
  const categories = checkScope(raw['categories'], `${name}.categories`, errors);

  switch (kind) {
    case 'bounds': {
      checkTarget(raw['target'], `${name}.target`, categories, ctx);
      const min = checkOptionalNumber(raw, 'min', name, errors, () => true, 'a finite number');
      const max = checkOptionalNumber(raw, 'max', name, errors, () => true, 'a finite number');
      if (raw['min'] === undefined && raw['max'] === undefined) errors.push(`${name}: needs min or max`);
      if (min !== undefined && max !== undefined && min > max) {
        errors.push(`${name}.min: ${min} is greater than max ${max}`);
      }
      break;
    }
    case 'coherence': {
      const left = checkFormula(raw['left'], `${name}.left`, categories, ctx);
      const right = checkFormula(raw['right'], `${name}.right`, categories, ctx);
      if (!COMPARISON_OPERATORS.includes(raw['operator'] as never)) {
        errors.push(`${name}.operator: must be one of ${COMPARISON_OPERATORS.join(' ')}`);
      }
      checkOptionalNumber(raw, 'tolerance', name, errors, (n) => n >= 0, 'a number ≥ 0');
      checkOptionalNumber(
        raw,
        'relativeTolerance',
        name,
        errors,
        (n) => n >= 0 && n <= 1,
        'a number in 0..1',
      );
      if (raw['unit'] !== undefined && !isNonEmptyString(raw['unit'])) {
        errors.push(`${name}.unit: must be a non-empty string`);
      }
      if (raw['target'] !== undefined) {
        checkTarget(raw['target'], `${name}.target`, categories, ctx, true);
      } else if (left?.length === 0 && right?.length === 0) {
        errors.push(`${name}: left and right read no item`);
      }
      break;
    }
    case 'year_over_year': {
      checkTarget(raw['target'], `${name}.target`, categories, ctx);
      const change = raw['change'];
      if (change !== 'relative' && change !== 'absolute') {
        errors.push(`${name}.change: must be "relative" or "absolute"`);
      }
      checkOptionalNumber(raw, 'maxIncrease', name, errors, (n) => n > 0, 'a number > 0');
      checkOptionalNumber(raw, 'maxDecrease', name, errors, (n) => n > 0, 'a number > 0');
      if (raw['maxIncrease'] === undefined && raw['maxDecrease'] === undefined) {
        errors.push(`${name}: needs maxIncrease or maxDecrease`);
      }
      checkOptionalNumber(raw, 'minBase', name, errors, (n) => n >= 0, 'a number ≥ 0');
      break;
    }
    case 'peer_outlier': {
      checkTarget(raw['target'], `${name}.target`, categories, ctx);
      const method = raw['method'];
      if (!PEER_METHODS.includes(method as never)) {
        errors.push(`${name}.method: must be one of ${PEER_METHODS.join(', ')}`);
      } else if (method === 'percentile') {
        const inRange = (n: number) => n >= 0 && n <= 100;
        const lo = checkOptionalNumber(raw, 'lowerPercentile', name, errors, inRange, 'a number in 0..100');
        const hi = checkOptionalNumber(raw, 'upperPercentile', name, errors, inRange, 'a number in 0..100');
        if (raw['lowerPercentile'] === undefined && raw['upperPercentile'] === undefined) {
          errors.push(`${name}: a percentile rule needs lowerPercentile or upperPercentile`);
        }
        if (lo !== undefined && hi !== undefined && lo >= hi) {
          errors.push(`${name}.lowerPercentile: must be below upperPercentile`);
        }
        for (const f of ['k', 'side']) {
          if (raw[f] !== undefined) errors.push(`${name}.${f}: only for the tukey method`);
        }
      } else {
        if (!isFiniteNumber(raw['k']) || (raw['k'] as number) <= 0)
          errors.push(`${name}.k: must be a number > 0`);
        if (raw['side'] !== undefined && !SIDES.includes(raw['side'] as never)) {
          errors.push(`${name}.side: must be one of ${SIDES.join(', ')}`);
        }
        for (const f of ['lowerPercentile', 'upperPercentile']) {
          if (raw[f] !== undefined) errors.push(`${name}.${f}: only for the percentile method`);
        }
      }
      const size = raw['minGroupSize'];
      if (typeof size !== 'number' || !Number.isInteger(size) || size < MIN_PEER_GROUP_SIZE) {
        errors.push(`${name}.minGroupSize: must be an integer ≥ ${MIN_PEER_GROUP_SIZE}`);
      }
      const levels = raw['levels'];
      if (levels !== undefined) {
        if (
          !Array.isArray(levels) ||
          levels.length === 0 ||
          levels.some((l) => !PEER_LEVELS.includes(l as never)) ||
          new Set(levels).size !== levels.length
        ) {
          errors.push(`${name}.levels: must be a non-empty list of distinct ${PEER_LEVELS.join(', ')}`);
        } else {
          const ranks = levels.map((l) => PEER_LEVELS.indexOf(l as never));
          if (ranks.some((r, i) => i > 0 && r < (ranks[i - 1] as number))) {
            errors.push(
              `${name}.levels: must go from the finest level to the widest (${PEER_LEVELS.join(', ')})`,
            );
          }
        }
      }
      break;
    }
  }
}

/**
 * Validates raw (parsed JSON) atypia rules by hand against the dictionary and the indicator
 * definitions they are written for: fields and enums, thresholds, message placeholders, and that
 * every item read is a numeric item collected in every category of the rule and every indicator
 * is a single-value indicator that applies to them. Lists every error found.
 */
export function loadAtypiaRules(
  raw: unknown,
  dictionary: Dictionary,
  indicatorDefinitions: IndicatorDefinitions,
): AtypiaLoadResult {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: ['rules file: must be an object'] };
  for (const key of Object.keys(raw)) {
    if (!ROOT_FIELDS.has(key)) errors.push(`rules file.${key}: unknown field`);
  }
  if (raw['dictionaryVersion'] !== dictionary.version) {
    errors.push(
      `rules file.dictionaryVersion: ${JSON.stringify(raw['dictionaryVersion'])} does not match dictionary version "${dictionary.version}"`,
    );
  }
  if (indicatorDefinitions.dictionaryVersion !== dictionary.version) {
    errors.push(
      `indicator definitions are written for dictionary "${indicatorDefinitions.dictionaryVersion}", not "${dictionary.version}"`,
    );
  }
  if (raw['campaignYear'] !== dictionary.campaignYear) {
    errors.push(`rules file.campaignYear: must be ${dictionary.campaignYear} (the dictionary's campaign)`);
  }
  const rules = raw['rules'];
  if (!Array.isArray(rules)) {
    errors.push('rules file.rules: must be an array');
    return { ok: false, errors };
  }
  const ctx: Context = {
    items: new Map(dictionary.items.map((i) => [i.code, i])),
    indicators: new Map(indicatorDefinitions.indicators.map((d) => [d.code, d])),
    targets: {},
    errors,
  };
  const seen = new Set<string>();
  rules.forEach((rule: unknown, index) => checkRule(rule, index, seen, ctx));
  if (errors.length > 0) return { ok: false, errors };
  const ruleSet = { ...(raw as unknown as AtypiaRuleSet), targets: ctx.targets };
  return { ok: true, ruleSet };
}
