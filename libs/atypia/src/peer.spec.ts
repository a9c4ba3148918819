import { getDictionary } from '@tdb/dictionary';
import { getIndicatorDefinitions } from '@tdb/indicators';
import { computePeerReferences, evaluatePeerRules, peerReferenceKey } from './engine';
import { loadAtypiaRules } from './load';
import { getAtypiaRules } from './rules';
import type { AtypiaRuleSet, PeerStructure } from './schema';

// Every expected figure below was worked out by hand (percentiles: h = (n − 1)·p/100, linear).
function ruleSetOf(rules: unknown[]): AtypiaRuleSet {
  const result = loadAtypiaRules(
    { dictionaryVersion: '2026.1', campaignYear: 2026, rules },
    getDictionary(2026),
    getIndicatorDefinitions(2026),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.ruleSet;
}

const percentileRule = {
  code: 'ATP01',
  label: 'Occupation atypique',
  kind: 'peer_outlier',
  severity: 'low',
  categories: ['EHPAD', 'MAS'],
  target: { indicator: 'P15' },
  method: 'percentile',
  lowerPercentile: 10,
  upperPercentile: 90,
  minGroupSize: 5,
  message: "Taux d'occupation {value} : {reason}",
};

let counter = 0;
function ehpad(
  departmentCode: string,
  regionCode: string,
  p15: number | null,
  categoryCode = 'EHPAD',
): PeerStructure {
  counter += 1;
  return { finess: `0${counter}`, categoryCode, regionCode, departmentCode, indicators: { P15: p15 } };
}

// Bretagne (53): 3 EHPAD in Finistère (29), 3 in Ille-et-Vilaine (35); Île-de-France (11): 2 in Paris (75).
const population: PeerStructure[] = [
  ehpad('29', '53', 90),
  ehpad('29', '53', 98),
  ehpad('29', '53', 130),
  ehpad('35', '53', 92),
  ehpad('35', '53', 94),
  ehpad('35', '53', 96),
  ehpad('75', '11', 60),
  ehpad('75', '11', 97),
  ehpad('75', '11', null), // no value: left out
  ehpad('29', '53', 150, 'MAS'),
  ehpad('29', '53', 80, 'MAS'),
  ehpad('35', '53', 85, 'MAS'),
  ehpad('29', '53', 200, 'IME'), // outside the rule's categories
];

describe('computePeerReferences', () => {
  const set = ruleSetOf([percentileRule]);
  const refs = computePeerReferences(set, population);

  it('builds one group per category × level × territory, with n for every group', () => {
    expect(Object.keys(refs.groups).sort()).toEqual(
      [
        'ATP01|EHPAD|department|29',
        'ATP01|EHPAD|department|35',
        'ATP01|EHPAD|department|75',
        'ATP01|EHPAD|region|53',
        'ATP01|EHPAD|region|11',
        'ATP01|EHPAD|national|FR',
        'ATP01|MAS|department|29',
        'ATP01|MAS|department|35',
        'ATP01|MAS|region|53',
        'ATP01|MAS|national|FR',
      ].sort(),
    );
    expect(refs.groups[peerReferenceKey('ATP01', 'EHPAD', 'department', '29')]).toEqual({
      ruleCode: 'ATP01',
      categoryCode: 'EHPAD',
      level: 'department',
      territoryCode: '29',
      n: 3,
      sufficient: false,
    });
  });

  it('region 53: [90, 92, 94, 96, 98, 130] → P10 91, Q1 92.5, median 95, Q3 97.5, P90 114', () => {
    expect(refs.groups['ATP01|EHPAD|region|53']).toEqual({
      ruleCode: 'ATP01',
      categoryCode: 'EHPAD',
      level: 'region',
      territoryCode: '53',
      n: 6,
      sufficient: true,
      min: 90,
      q1: 92.5, // h = 1.25
      median: 95, // h = 2.5
      q3: 97.5, // h = 3.75
      max: 130,
      lowerBound: 91, // h = 0.5
      upperBound: 114, // h = 4.5 → 98 + 0.5 × 32
    });
  });

  it('nation: [60, 90, 92, 94, 96, 97, 98, 130] → P10 81, P90 107.6', () => {
    const g = refs.groups['ATP01|EHPAD|national|FR'];
    expect(g?.n).toBe(8);
    expect(g?.lowerBound).toBeCloseTo(81, 10); // h = 0.7 → 60 + 0.7 × 30
    expect(g?.upperBound).toBeCloseTo(107.6, 10); // h = 6.3 → 98 + 0.3 × 32
  });

  it('gives empty references for an empty or absent population', () => {
    expect(computePeerReferences(set, [])).toEqual({ groups: {} });
    expect(computePeerReferences(set, undefined as unknown as PeerStructure[])).toEqual({ groups: {} });
  });
});

describe('evaluatePeerRules', () => {
  const set = ruleSetOf([percentileRule]);
  const refs = computePeerReferences(set, population);

  it('department too small (3 < 5): the region is used', () => {
    const flags = evaluatePeerRules(set, ehpad('29', '53', 130), refs);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.reference).toMatchObject({
      level: 'region',
      territoryCode: '53',
      n: 6,
      side: 'high',
      bound: 114,
    });
    expect(flags[0]?.message).toBe(
      "Taux d'occupation 130 % : au-dessus du 90e centile (114 %) des 6 EHPAD de la région Bretagne",
    );
  });

  it('department and region too small: the nation is used', () => {
    const flags = evaluatePeerRules(set, ehpad('75', '11', 60), refs);
    expect(flags.map((f) => f.message)).toEqual([
      "Taux d'occupation 60 % : en dessous du 10e centile (81 %) des 8 EHPAD au niveau national",
    ]);
    expect(flags[0]?.reference).toMatchObject({
      level: 'national',
      territoryCode: 'FR',
      side: 'low',
      bound: 81,
    });
  });

  it('a value inside the band is not flagged', () => {
    expect(evaluatePeerRules(set, ehpad('29', '53', 95), refs)).toEqual([]);
  });

  it('a group too small at every level gives no flag (3 MAS in France)', () => {
    expect(evaluatePeerRules(set, ehpad('29', '53', 150, 'MAS'), refs)).toEqual([]);
  });

  it('no flag without a value, outside the categories, or without references', () => {
    expect(evaluatePeerRules(set, ehpad('29', '53', null), refs)).toEqual([]);
    expect(evaluatePeerRules(set, ehpad('29', '53', 200, 'IME'), refs)).toEqual([]);
    expect(evaluatePeerRules(set, ehpad('29', '53', 500), { groups: {} })).toEqual([]);
  });

  it('uses the department when it is large enough, and adds the change from N-1', () => {
    const dept = [88, 89, 90, 91, 92].map((v) => ehpad('29', '53', v));
    const refs2 = computePeerReferences(set, [...dept, ehpad('35', '53', 99)]);
    // Finistère: [88, 89, 90, 91, 92] → P90 = 91.6 (h = 3.6)
    const structure = { ...ehpad('29', '53', 92), previousIndicators: { P15: 80 } };
    const flags = evaluatePeerRules(set, structure, refs2);
    expect(flags.map((f) => f.message)).toEqual([
      "Taux d'occupation 92 % : au-dessus du 90e centile (91,6 %) des 5 EHPAD du département Finistère (29) ; " +
        '+15 % par rapport à N-1 (N-1 : 80 %)',
    ]);
    expect(flags[0]?.yearOverYear).toEqual({ previous: 80, relativeChange: 0.15 });
  });

  it('Tukey fences: [8 … 16, 40] → Q1 10.25, median 12.5, Q3 14.75, upper fence 21.5', () => {
    const tukey = ruleSetOf([
      {
        code: 'ATP02',
        label: 'Absentéisme atypique',
        kind: 'peer_outlier',
        severity: 'low',
        categories: 'ALL',
        target: { indicator: 'R04' },
        method: 'tukey',
        k: 1.5,
        minGroupSize: 5,
        levels: ['national'],
        message: 'Absentéisme {value} : {reason}',
      },
    ]);
    const people = [8, 9, 10, 11, 12, 13, 14, 15, 16, 40].map((v, i) => ({
      finess: `x${i}`,
      categoryCode: 'EHPAD',
      regionCode: '53',
      departmentCode: '29',
      indicators: { R04: v },
    }));
    const refs3 = computePeerReferences(tukey, people);
    expect(refs3.groups['ATP02|EHPAD|national|FR']).toMatchObject({
      n: 10,
      q1: 10.25,
      median: 12.5,
      q3: 14.75,
      lowerBound: 3.5, // 10.25 − 1.5 × 4.5
      upperBound: 21.5, // 14.75 + 1.5 × 4.5
    });
    const flagged = people.flatMap((p) => evaluatePeerRules(tukey, p, refs3));
    expect(flagged.map((f) => f.message)).toEqual([
      'Absentéisme 40 % : au-dessus de la borne haute Q3 + 1,5 × IQR (21,5 % ; médiane 12,5 %) des 10 EHPAD au niveau national',
    ]);
  });

  it('Tukey with ties (IQR = 0): only values different from the common value are flagged', () => {
    const tukey = ruleSetOf([
      {
        code: 'ATP02',
        label: 'Rotation',
        kind: 'peer_outlier',
        severity: 'low',
        categories: 'ALL',
        target: { indicator: 'R06' },
        method: 'tukey',
        k: 3,
        side: 'high',
        minGroupSize: 5,
        message: '{value} {reason}',
      },
    ]);
    const people = [20, 20, 20, 20, 20, 35, 10].map((v, i) => ({
      finess: `t${i}`,
      categoryCode: 'IME',
      departmentCode: '29',
      regionCode: '53',
      indicators: { R06: v },
    }));
    const refs4 = computePeerReferences(tukey, people);
    // department 29: [10, 20, 20, 20, 20, 20, 35] → Q1 = Q3 = 20, upper fence 20, no lower fence (side high)
    expect(refs4.groups['ATP02|IME|department|29']).toMatchObject({ q1: 20, q3: 20, upperBound: 20 });
    expect(refs4.groups['ATP02|IME|department|29']?.lowerBound).toBeUndefined();
    const flagged = people.flatMap((p) => evaluatePeerRules(tukey, p, refs4)).map((f) => f.value);
    expect(flagged).toEqual([35]);
  });

  it('the 2026 occupancy rule writes the figures of the example', () => {
    const rules = getAtypiaRules(2026);
    const set2026 = { ...rules, rules: rules.rules.filter((r) => r.code === 'ATP01') };
    // 30 EHPAD in region 53 at 90, 91, …, 119 %: P95 = 90 + 0.95 × 29 = 117.55 → "117,6 %" (h = 27.55).
    const people = Array.from({ length: 30 }, (_, i) => ehpad(i < 10 ? '29' : '56', '53', 90 + i));
    const refs5 = computePeerReferences(set2026, people);
    const flags = evaluatePeerRules(
      set2026,
      { ...ehpad('29', '53', 142), previousIndicators: { P15: 101.4 } },
      refs5,
    );
    expect(flags.map((f) => f.message)).toEqual([
      "Taux d'occupation de 142 % : au-dessus du 95e centile (117,6 %) des 30 EHPAD de la région Bretagne ; " +
        '+40 % par rapport à N-1 (N-1 : 101,4 %)',
    ]);
  });
});
