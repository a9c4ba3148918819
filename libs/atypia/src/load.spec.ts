import { getDictionary } from '@tdb/dictionary';
import { getIndicatorDefinitions } from '@tdb/indicators';
import raw2026 from '../data/2026.json';
import { loadAtypiaRules } from './load';
import { getAtypiaRules } from './rules';
import { RULE_KINDS } from './schema';

const dictionary = getDictionary(2026);
const indicators = getIndicatorDefinitions(2026);

/** A valid file with the given rules. */
function file(rules: unknown[], overrides: Record<string, unknown> = {}) {
  return { dictionaryVersion: '2026.1', campaignYear: 2026, rules, ...overrides };
}

function errorsOf(raw: unknown): string[] {
  const result = loadAtypiaRules(raw, dictionary, indicators);
  return result.ok ? [] : result.errors;
}

const bounds = {
  code: 'ATB99',
  label: 'Test',
  kind: 'bounds',
  severity: 'high',
  categories: ['EHPAD'],
  target: { indicator: 'P15' },
  max: 105,
  message: 'Occupation {value} : {reason}',
};

describe('the 2026 rules', () => {
  it('load against the 2026 dictionary and indicator definitions', () => {
    const result = loadAtypiaRules(raw2026, dictionary, indicators);
    expect(result.ok ? [] : result.errors).toEqual([]);
    const set = getAtypiaRules(2026);
    expect(set.dictionaryVersion).toBe(dictionary.version);
    expect(set.rules.length).toBeGreaterThanOrEqual(25);
  });

  it('cover every rule kind, with unique codes', () => {
    const { rules } = getAtypiaRules(2026);
    for (const kind of RULE_KINDS) expect(rules.some((r) => r.kind === kind)).toBe(true);
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
  });

  it('give a label and unit for every target from the dictionary and indicator definitions', () => {
    const set = getAtypiaRules(2026);
    expect(set.targets?.['indicator:P15']).toEqual({
      label: 'Taux d’occupation des lits ou places autorisés en accompagnement permanent'.replace('’', "'"),
      unit: '%',
    });
    expect(set.targets?.['item:etp_budgetes']?.unit).toBe('ETP');
  });

  it('refuses an unknown campaign', () => {
    expect(() => getAtypiaRules(1999)).toThrow('No atypia rules for campaign 1999');
  });
});

describe('loadAtypiaRules reports bad rules', () => {
  it('accepts a minimal valid rule', () => {
    expect(errorsOf(file([bounds]))).toEqual([]);
  });

  it('checks the file envelope', () => {
    expect(errorsOf(null)).toEqual(['rules file: must be an object']);
    expect(errorsOf(file([], { dictionaryVersion: '2025.1', extra: 1 }))).toEqual([
      'rules file.extra: unknown field',
      'rules file.dictionaryVersion: "2025.1" does not match dictionary version "2026.1"',
    ]);
    expect(errorsOf(file([], { campaignYear: 2025 }))).toEqual([
      "rules file.campaignYear: must be 2026 (the dictionary's campaign)",
    ]);
    expect(errorsOf({ dictionaryVersion: '2026.1', campaignYear: 2026 })).toEqual([
      'rules file.rules: must be an array',
    ]);
  });

  it('lists every error of every rule', () => {
    const errors = errorsOf(
      file([
        { ...bounds, code: 'ATC98', severity: 'blocking', min: 200, max: 105, colour: 'red' },
        { ...bounds, target: { indicator: 'P99' }, categories: ['EHPAD', 'XYZ', 'EHPAD'] },
        { ...bounds, code: 'ATB99' },
        'not a rule',
        { ...bounds, code: 'ATB50', kind: 'magic' },
      ]),
    );
    expect(errors).toEqual([
      'rule "ATC98".code: a bounds rule code starts with ATB',
      'rule "ATC98".colour: unknown field for a bounds rule',
      'rule "ATC98".severity: must be one of high, medium, low',
      'rule "ATC98".min: 200 is greater than max 105',
      'rule "ATB99".categories: unknown category code "XYZ"',
      'rule "ATB99".categories: duplicated category code "EHPAD"',
      'rule "ATB99".target: unknown indicator code "P99"',
      'rule "ATB99".code: duplicated code',
      'rules[3]: must be an object',
      'rule "ATB50".kind: unknown kind "magic" (allowed: bounds, coherence, year_over_year, peer_outlier)',
    ]);
  });

  it('checks targets: known, numeric, single-valued, collected in every category of the rule', () => {
    const errors = errorsOf(
      file([
        { ...bounds, code: 'ATB01', target: { item: 'personnes_gir_1' }, categories: ['EHPAD', 'MAS'] },
        { ...bounds, code: 'ATB02', target: { item: 'sources_financement' } },
        { ...bounds, code: 'ATB03', target: { indicator: 'P03' } },
        { ...bounds, code: 'ATB04', target: { indicator: 'P15' }, categories: 'ALL' },
        { ...bounds, code: 'ATB05', target: { item: 'x', indicator: 'P15' } },
        { ...bounds, code: 'ATB06', target: { item: 'nope' } },
      ]),
    );
    expect(errors).toEqual([
      'rule "ATB01".target: item "personnes_gir_1" is not collected in category MAS',
      'rule "ATB02".target: item "sources_financement" is not numeric (choice)',
      'rule "ATB03".target: indicator "P03" is a distribution, not a single value',
      'rule "ATB04".target: indicator "P15" does not apply to category CAMSP, CMPP',
      'rule "ATB05".target: must be { "item": code } or { "indicator": code }',
      'rule "ATB06".target: unknown item code "nope"',
    ]);
  });

  it('checks message templates: {reason} and {value} required, placeholders known', () => {
    const errors = errorsOf(
      file([
        { ...bounds, code: 'ATB01', message: 'Valeur atypique' },
        { ...bounds, code: 'ATB02', message: '{value} {reason} {n}' },
        { ...bounds, code: 'ATB03', message: '' },
      ]),
    );
    expect(errors).toEqual([
      'rule "ATB01".message: must contain {reason} (the figures behind the flag)',
      'rule "ATB01".message: must contain {value}',
      'rule "ATB02".message: unknown placeholder {n} (allowed: {label} {value} {category} {reason} {yoy} {min} {max} {bound})',
      'rule "ATB03".message: required string',
    ]);
  });

  it('checks coherence formulas with the @tdb/indicators parser', () => {
    const coherence = {
      code: 'ATC99',
      label: 'Test',
      kind: 'coherence',
      severity: 'medium',
      categories: 'ALL',
      left: 'etp_vacants',
      operator: '<=',
      right: 'etp_budgetes',
      message: '{reason}',
    };
    expect(errorsOf(file([coherence]))).toEqual([]);
    expect(
      errorsOf(
        file([
          { ...coherence, left: 'etp_vacants +', operator: '=<', tolerance: -1, relativeTolerance: 2 },
          {
            ...coherence,
            code: 'ATC98',
            right: 'sum(etp_budgetes, gmp_valide)',
            target: { indicator: 'P15' },
          },
          { ...coherence, code: 'ATC97', left: '1', right: '2' },
        ]),
      ),
    ).toEqual([
      'rule "ATC99".left: syntax error: unexpected end of formula',
      'rule "ATC99".operator: must be one of <= < >= > =',
      'rule "ATC99".tolerance: must be a number ≥ 0',
      'rule "ATC99".relativeTolerance: must be a number in 0..1',
      'rule "ATC98".right: item "gmp_valide" is not collected in category CAMSP, CMPP, CRP, ESAT, IEM, EEAP, EAM, EANM, IME, IDA, IDV, IESSA, ITEP, MAS, SAVS, SAMSAH, SESSAD',
      'rule "ATC98".target: must be { "item": code }',
      'rule "ATC97": left and right read no item',
    ]);
  });

  it('checks year-over-year thresholds', () => {
    const yoy = {
      code: 'ATV99',
      label: 'Test',
      kind: 'year_over_year',
      severity: 'low',
      categories: 'ALL',
      target: { item: 'etp_budgetes' },
      change: 'relative',
      maxIncrease: 0.4,
      message: '{value} {reason}',
    };
    expect(errorsOf(file([yoy]))).toEqual([]);
    expect(
      errorsOf(file([{ ...yoy, change: 'ratio', maxIncrease: undefined, maxDecrease: -1, minBase: -5 }])),
    ).toEqual([
      'rule "ATV99".change: must be "relative" or "absolute"',
      'rule "ATV99".maxDecrease: must be a number > 0',
      'rule "ATV99".minBase: must be a number ≥ 0',
    ]);
    expect(errorsOf(file([{ ...yoy, maxIncrease: undefined }]))).toEqual([
      'rule "ATV99": needs maxIncrease or maxDecrease',
    ]);
  });

  it('checks peer rules: method parameters, group size, levels', () => {
    const peer = {
      code: 'ATP99',
      label: 'Test',
      kind: 'peer_outlier',
      severity: 'low',
      categories: ['EHPAD'],
      target: { indicator: 'R04' },
      method: 'percentile',
      lowerPercentile: 5,
      upperPercentile: 95,
      minGroupSize: 30,
      message: '{value} {reason}',
    };
    expect(errorsOf(file([peer]))).toEqual([]);
    expect(
      errorsOf(
        file([
          { ...peer, lowerPercentile: 95, upperPercentile: 5, k: 1.5, minGroupSize: 2 },
          {
            ...peer,
            code: 'ATP98',
            method: 'tukey',
            lowerPercentile: undefined,
            upperPercentile: 90,
            side: 'up',
          },
          { ...peer, code: 'ATP97', levels: ['national', 'department'] },
          { ...peer, code: 'ATP96', levels: ['region', 'region'] },
          { ...peer, code: 'ATP95', lowerPercentile: undefined, upperPercentile: undefined },
        ]),
      ),
    ).toEqual([
      'rule "ATP99".lowerPercentile: must be below upperPercentile',
      'rule "ATP99".k: only for the tukey method',
      'rule "ATP99".minGroupSize: must be an integer ≥ 5',
      'rule "ATP98".k: must be a number > 0',
      'rule "ATP98".side: must be one of both, high, low',
      'rule "ATP98".upperPercentile: only for the percentile method',
      'rule "ATP97".levels: must go from the finest level to the widest (department, region, national)',
      'rule "ATP96".levels: must be a non-empty list of distinct department, region, national',
      'rule "ATP95": a percentile rule needs lowerPercentile or upperPercentile',
    ]);
  });
});
