import { getDictionary } from '@tdb/dictionary';
import { computeIndicators, getIndicatorDefinitions } from '@tdb/indicators';
import { evaluateOwnRules, indicatorValues } from './engine';
import { loadAtypiaRules } from './load';
import { getAtypiaRules } from './rules';
import type { AtypiaFlag, AtypiaRuleSet } from './schema';

// Every expected figure and message below was worked out by hand from the literal inputs.
const rules2026 = getAtypiaRules(2026);

function only(ruleSet: AtypiaRuleSet, ...codes: string[]): AtypiaRuleSet {
  return { ...ruleSet, rules: ruleSet.rules.filter((r) => codes.includes(r.code)) };
}

function ruleSetOf(rules: unknown[]): AtypiaRuleSet {
  const result = loadAtypiaRules(
    { dictionaryVersion: '2026.1', campaignYear: 2026, rules },
    getDictionary(2026),
    getIndicatorDefinitions(2026),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.ruleSet;
}

function messages(flags: AtypiaFlag[]): string[] {
  return flags.map((f) => f.message);
}

describe('bounds', () => {
  const set = only(rules2026, 'ATB01');

  it('flags an EHPAD occupancy of 142 % above 105 %, with the change from N-1', () => {
    const flags = evaluateOwnRules(set, {
      categoryCode: 'EHPAD',
      values: {},
      indicators: { P15: 142 },
      previousIndicators: { P15: 101.4 },
    });
    expect(flags).toEqual([
      {
        kind: 'bounds',
        ruleCode: 'ATB01',
        ruleLabel: "Taux d'occupation permanent supérieur à 105 %",
        severity: 'high',
        target: { indicator: 'P15' },
        value: 142,
        reference: { max: 105, bound: 105 },
        // (142 − 101.4) / 101.4 = 0.40039…
        yearOverYear: { previous: 101.4, relativeChange: expect.closeTo(0.40039, 5) },
        message:
          "Taux d'occupation des lits et places autorisés en accompagnement permanent de 142 % : " +
          'au-dessus du maximum attendu (105 %) ; +40 % par rapport à N-1 (N-1 : 101,4 %)',
      },
    ]);
  });

  it('says nothing at 105 % exactly, for a category outside the rule, or without a value', () => {
    expect(evaluateOwnRules(set, { categoryCode: 'EHPAD', values: {}, indicators: { P15: 105 } })).toEqual(
      [],
    );
    expect(evaluateOwnRules(set, { categoryCode: 'SESSAD', values: {}, indicators: { P15: 142 } })).toEqual(
      [],
    );
    expect(evaluateOwnRules(set, { categoryCode: 'EHPAD', values: {}, indicators: { P15: null } })).toEqual(
      [],
    );
    expect(evaluateOwnRules(set, { categoryCode: 'EHPAD', values: {} })).toEqual([]);
  });

  it('flags below a minimum, without a N-1 part when N-1 is unknown (GMP 213 instead of 717)', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATB03'), {
      categoryCode: 'EHPAD',
      values: {},
      indicators: { P08: 213 },
    });
    expect(messages(flags)).toEqual([
      'GMP validé de 213 points : en dessous du minimum attendu (400 points) ; inversion possible avec le PMP',
    ]);
    expect(flags[0]?.reference).toEqual({ min: 400, bound: 400 });
  });

  it('reads an item target from the entered values, text included', () => {
    const set2 = ruleSetOf([
      {
        code: 'ATB01',
        label: 'Ouverture',
        kind: 'bounds',
        severity: 'low',
        categories: ['EHPAD'],
        target: { item: 'jours_ouverture' },
        min: 360,
        message: '{label} : {value}, {reason}',
      },
    ]);
    expect(
      messages(evaluateOwnRules(set2, { categoryCode: 'EHPAD', values: { jours_ouverture: '300' } })),
    ).toEqual([
      "Nombre de jours d'ouverture de l'année : 300 jours, en dessous du minimum attendu (360 jours)",
    ]);
    expect(evaluateOwnRules(set2, { categoryCode: 'EHPAD', values: { jours_ouverture: 'abc' } })).toEqual([]);
  });
});

describe('coherence', () => {
  it('installed ≤ authorised: 45 installed for 40 authorised', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATC01'), {
      categoryCode: 'MAS',
      values: { lits_places_installes_permanent: 45, lits_places_autorises_permanent: 40 },
    });
    expect(flags).toEqual([
      {
        kind: 'coherence',
        ruleCode: 'ATC01',
        ruleLabel: 'Lits et places installés supérieurs aux autorisés (permanent)',
        severity: 'high',
        target: { item: 'lits_places_installes_permanent' },
        value: 45,
        items: ['lits_places_installes_permanent', 'lits_places_autorises_permanent'],
        reference: { left: 45, right: 40, operator: '<=', gap: 5, tolerance: 0 },
        message:
          'Capacité installée en accompagnement permanent supérieure à la capacité autorisée : ' +
          '45 lits/places > 40 lits/places (écart +5 lits/places)',
      },
    ]);
  });

  it('holds at equality and is not evaluated when an operand is blank', () => {
    const set = only(rules2026, 'ATC01');
    const values = { lits_places_installes_permanent: 40, lits_places_autorises_permanent: 40 };
    expect(evaluateOwnRules(set, { categoryCode: 'MAS', values })).toEqual([]);
    expect(
      evaluateOwnRules(set, { categoryCode: 'MAS', values: { lits_places_installes_permanent: 45 } }),
    ).toEqual([]);
  });

  it('GIR counts 12 + 20 + 10 + 9 + 3 + 2 = 56 for 60 residents (tolerance 1)', () => {
    const gir = {
      personnes_gir_1: 12,
      personnes_gir_2: 20,
      personnes_gir_3: 10,
      personnes_gir_4: 9,
      personnes_gir_5: 3,
      personnes_gir_6: 2,
    };
    const set = only(rules2026, 'ATC04');
    const flags = evaluateOwnRules(set, {
      categoryCode: 'EHPAD',
      values: { ...gir, personnes_accompagnees_31_12: 60 },
    });
    expect(messages(flags)).toEqual([
      'La somme des personnes classées GIR 1 à 6 ne correspond pas aux personnes accompagnées au 31/12 : ' +
        '56 personnes ≠ 60 personnes (écart -4 personnes, tolérance 1 personne)',
    ]);
    expect(flags[0]?.reference).toEqual({ left: 56, right: 60, operator: '=', gap: -4, tolerance: 1 });
    // 57 residents: a gap of 1 is within the tolerance.
    expect(
      evaluateOwnRules(set, { categoryCode: 'EHPAD', values: { ...gir, personnes_accompagnees_31_12: 57 } }),
    ).toEqual([]);
  });

  it('staff by function: paramedical details 8 + 22.5 + 1 = 31.5 ETP for a total of 30 (tolerance 0.5)', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATC05'), {
      categoryCode: 'EHPAD',
      values: {
        etp_reels_paramedical: 30,
        etp_reels_paramedical_infirmier: 8,
        etp_reels_paramedical_aide_soignant: 22.5,
        etp_reels_paramedical_autre: 1,
      },
    });
    expect(messages(flags)).toEqual([
      'Le détail des ETP paramédicaux ne correspond pas au total de la fonction : ' +
        '31,5 ETP ≠ 30 ETP (écart +1,5 ETP, tolérance 0,5 ETP)',
    ]);
    expect(flags[0]?.target).toEqual({ item: 'etp_reels_paramedical' });
  });

  it('charges: groups 1 + 2 + 3 = 4 600 000 € for 4 520 000 € declared (relative tolerance 1 % = 45 200 €)', () => {
    const values = {
      depenses_groupe_1: 900_000,
      depenses_groupe_2: 3_200_000,
      depenses_groupe_3: 500_000,
      depenses_realisees: 4_520_000,
    };
    const flags = evaluateOwnRules(only(rules2026, 'ATC10'), { categoryCode: 'IME', values });
    expect(messages(flags)).toEqual([
      'La somme des dépenses des groupes 1 à 3 ne correspond pas aux dépenses réalisées : ' +
        '4 600 000 € ≠ 4 520 000 € (écart +80 000 €, tolérance 45 200 €)',
    ]);
    // 4 560 000 €: gap 40 000 € ≤ 45 600 € (1 % of 4 560 000).
    expect(
      evaluateOwnRules(only(rules2026, 'ATC10'), {
        categoryCode: 'IME',
        values: { ...values, depenses_realisees: 4_560_000 },
      }),
    ).toEqual([]);
  });

  it('every operator, with and without tolerance', () => {
    const rule = (operator: string, tolerance?: number) => ({
      code: 'ATC01',
      label: 'T',
      kind: 'coherence',
      severity: 'low',
      categories: 'ALL',
      left: 'etp_vacants',
      operator,
      right: 'etp_budgetes',
      ...(tolerance === undefined ? {} : { tolerance }),
      message: '{left} {operator} {right} : {reason}',
    });
    const run = (operator: string, left: number, right: number, tolerance?: number) =>
      messages(
        evaluateOwnRules(ruleSetOf([rule(operator, tolerance)]), {
          categoryCode: 'IME',
          values: { etp_vacants: left, etp_budgetes: right },
        }),
      );
    expect(run('<', 5, 5)).toEqual(['5 < 5 : 5 ≥ 5 (écart 0)']);
    expect(run('<', 4, 5)).toEqual([]);
    expect(run('>=', 4, 5)).toEqual(['4 ≥ 5 : 4 < 5 (écart -1)']);
    expect(run('>=', 4, 5, 1)).toEqual([]);
    expect(run('>', 5, 5)).toEqual(['5 > 5 : 5 ≤ 5 (écart 0)']);
    expect(run('=', 5.2, 5, 0.5)).toEqual([]);
    expect(run('=', 5.6, 5, 0.5)).toEqual(['5,6 = 5 : 5,6 ≠ 5 (écart +0,6, tolérance 0,5)']);
  });
});

describe('year over year', () => {
  it('capacity: 40 → 60 places is +50 %, beyond ±30 %', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATV01'), {
      categoryCode: 'EHPAD',
      values: { lits_places_autorises_permanent: 60 },
      previousValues: { lits_places_autorises_permanent: 40 },
    });
    expect(flags).toEqual([
      {
        kind: 'year_over_year',
        ruleCode: 'ATV01',
        ruleLabel: 'Capacité autorisée permanente très différente de N-1',
        severity: 'medium',
        target: { item: 'lits_places_autorises_permanent' },
        value: 60,
        reference: { previous: 40, change: 'relative', delta: 0.5, ratio: 1.5 },
        message:
          'Lits et places autorisés en permanent : 60 lits/places, +50 % par rapport à N-1 (N-1 : 40 lits/places)',
      },
    ]);
  });

  it('ignores small bases and changes within the threshold', () => {
    const set = only(rules2026, 'ATV01');
    const run = (value: number, previous: number) =>
      evaluateOwnRules(set, {
        categoryCode: 'EHPAD',
        values: { lits_places_autorises_permanent: value },
        previousValues: { lits_places_autorises_permanent: previous },
      });
    expect(run(8, 4)).toEqual([]); // base 4 < minBase 10
    expect(run(52, 40)).toEqual([]); // +30 % exactly
    expect(run(27, 40)).toHaveLength(1); // −32.5 %
    expect(run(10, 0)).toEqual([]);
  });

  it('euros typed as kilo-euros: 4 520 000 € → 4 520 € is ÷ 1 000; only the strongest flag of a target is kept', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATV03', 'ATV04'), {
      categoryCode: 'EHPAD',
      values: { depenses_realisees: 4520 },
      previousValues: { depenses_realisees: 4_520_000 },
    });
    expect(flags.map((f) => f.ruleCode)).toEqual(['ATV04']);
    expect(messages(flags)).toEqual([
      'Dépenses réalisées : 4 520 €, ÷ 1 000 par rapport à N-1 (N-1 : 4 520 000 €) ; ' +
        "confusion probable entre euros et milliers d'euros",
    ]);
    expect(flags[0]?.reference).toEqual({
      previous: 4_520_000,
      change: 'relative',
      delta: -0.999,
      ratio: 0.001,
    });
  });

  it('a +45 % rise of charges is only the ±40 % rule', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATV03', 'ATV04'), {
      categoryCode: 'EHPAD',
      values: { depenses_realisees: 2_900_000 },
      previousValues: { depenses_realisees: 2_000_000 },
    });
    expect(messages(flags)).toEqual([
      'Dépenses réalisées : 2 900 000 €, +45 % par rapport à N-1 (N-1 : 2 000 000 €)',
    ]);
  });

  it('absolute change in points for a rate: absenteeism 9.5 % → 22 % is +12.5 pts', () => {
    const flags = evaluateOwnRules(only(rules2026, 'ATV06'), {
      categoryCode: 'SSIAD',
      values: {},
      indicators: { R04: 22 },
      previousIndicators: { R04: 9.5 },
    });
    expect(messages(flags)).toEqual([
      "Taux d'absentéisme de 22 % : +12,5 pts par rapport à N-1 (N-1 : 9,5 %)",
    ]);
  });
});

describe('with computed indicators', () => {
  it('indicatorValues turns computeIndicators results into numbers and nulls', () => {
    const definitions = getIndicatorDefinitions(2026).indicators;
    const values = {
      journees_realisees_hebergement_permanent: 20_000,
      lits_places_autorises_permanent: 50,
      jours_ouverture: 365,
    };
    const indicators = indicatorValues(computeIndicators(definitions, { categoryCode: 'EHPAD', values }));
    // 20 000 / (50 × 365) = 109.589… %
    expect(indicators['P15']).toBeCloseTo(109.589, 3);
    expect(indicators['P03']).toBeNull();
    const flags = evaluateOwnRules(only(rules2026, 'ATB01'), { categoryCode: 'EHPAD', values, indicators });
    expect(messages(flags)).toEqual([
      "Taux d'occupation des lits et places autorisés en accompagnement permanent de 109,6 % : " +
        'au-dessus du maximum attendu (105 %)',
    ]);
  });
});
