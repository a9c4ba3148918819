import {
  evaluateOwnRules,
  evaluatePeerRules,
  type AtypiaFlag,
  type AtypiaTarget,
  type AtypiaRuleSet,
  type PeerReferences,
  type PeerStructure,
  type RuleKind,
} from '@tdb/atypia';

/** The rules a structure's own figures decide (evaluated with its indicators). */
export const OWN_RULE_KINDS: readonly RuleKind[] = ['bounds', 'coherence', 'year_over_year'];
/** The rules that compare a structure with its peers (evaluated after the peers' statistics). */
export const PEER_RULE_KINDS: readonly RuleKind[] = ['peer_outlier'];

/** Where a structure stands: the columns of `structures` the rules read. */
export interface SubjectPlace {
  finess: string;
  categoryCode: string;
  regionCode: string;
  departmentCode: string;
}

/** What the rules of one structure read; built by `atypiaSubject` only. */
export interface AtypiaSubject extends PeerStructure {
  readonly regionCode: string;
  readonly departmentCode: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly indicators: Readonly<Record<string, number | null>>;
}

/**
 * The one assembly of a structure's atypia subject, for the save of a structure and for the
 * campaign job alike: its place, its values (own and OG-level merged), its computed indicators,
 * and last campaign's values and indicators (year-over-year parts of the messages).
 */
export function atypiaSubject(
  place: SubjectPlace,
  values: Readonly<Record<string, unknown>>,
  indicators: Readonly<Record<string, number | null>>,
  previous: {
    values?: Readonly<Record<string, unknown>>;
    indicators?: Readonly<Record<string, number | null>>;
  },
): AtypiaSubject {
  return {
    finess: place.finess,
    categoryCode: place.categoryCode,
    regionCode: place.regionCode,
    departmentCode: place.departmentCode,
    values,
    indicators,
    previousValues: previous.values,
    previousIndicators: previous.indicators,
  };
}

/** Own rules, then peer rules against the campaign's references (when there are any). */
export function evaluateAtypia(
  ruleSet: AtypiaRuleSet,
  subject: AtypiaSubject,
  references: PeerReferences | null,
  part: 'all' | 'own' | 'peer' = 'all',
): AtypiaFlag[] {
  const own =
    part === 'peer'
      ? []
      : evaluateOwnRules(ruleSet, {
          categoryCode: subject.categoryCode,
          values: subject.values,
          indicators: subject.indicators,
          previousValues: subject.previousValues,
          previousIndicators: subject.previousIndicators,
        });
  if (part === 'own' || !references) return own;
  return [...own, ...evaluatePeerRules(ruleSet, subject, references)];
}

/** The item and indicator codes the rules of `kinds` read (their targets), each once. */
export function ruleTargets(
  ruleSet: AtypiaRuleSet,
  kinds: readonly RuleKind[],
): { items: string[]; indicators: string[] } {
  const items = new Set<string>();
  const indicators = new Set<string>();
  for (const rule of ruleSet.rules) {
    const target: AtypiaTarget | undefined = rule.target;
    if (!kinds.includes(rule.kind) || !target) continue;
    if ('item' in target) items.add(target.item);
    else indicators.add(target.indicator);
  }
  return { items: [...items], indicators: [...indicators] };
}
