import { getIndicatorDefinitions } from './definitions';
import { indicatorsByItem, itemsOfIndicator } from './item-uses';
import type { IndicatorDefinition } from './schema';

const base = {
  axis: 'PRESTATIONS',
  meaning: '',
  unit: '%',
  direction: 'neutral',
  status: 'verified',
  source: '',
  notes: [],
} as const;

const ratio: IndicatorDefinition = {
  ...base,
  code: 'X01',
  label: 'Taux X',
  kind: 'ratio',
  categories: ['EHPAD'],
  numerator: 'sum_present(a, b)',
  denominator: 'c * jours',
  multiplier: 100,
  variants: [{ key: 'v', label: 'Variante', denominator: 'd * jours' }],
};
const value: IndicatorDefinition = {
  ...base,
  code: 'X02',
  label: 'Valeur Y',
  kind: 'value',
  categories: 'ALL',
  formula: 'coalesce(a, 0) - e',
};
const distribution: IndicatorDefinition = {
  ...base,
  code: 'X03',
  label: 'Répartition Z',
  kind: 'distribution',
  categories: 'ALL',
  parts: [
    { key: 'p1', label: 'Part 1', formula: 'f' },
    { key: 'p2', label: 'Part 2', formula: 'g + a' },
  ],
  base: 'total',
  missingParts: 'zero',
};

describe('itemsOfIndicator', () => {
  it('reads the operands of every formula: ratio and its variants, value, parts and base', () => {
    expect(itemsOfIndicator(ratio)).toEqual(['a', 'b', 'c', 'jours', 'd']);
    expect(itemsOfIndicator(value)).toEqual(['a', 'e']);
    expect(itemsOfIndicator(distribution)).toEqual(['f', 'g', 'a', 'total']);
  });
});

describe('indicatorsByItem', () => {
  it('lists, per item, the indicators reading it once each, in the order of the definitions', () => {
    const uses = indicatorsByItem({ indicators: [ratio, value, distribution] });
    const x01 = { code: 'X01', label: 'Taux X', categories: ['EHPAD'] };
    const x02 = { code: 'X02', label: 'Valeur Y', categories: 'ALL' };
    const x03 = { code: 'X03', label: 'Répartition Z', categories: 'ALL' };
    expect(uses).toEqual({
      a: [x01, x02, x03],
      b: [x01],
      c: [x01],
      jours: [x01],
      d: [x01],
      e: [x02],
      f: [x03],
      g: [x03],
      total: [x03],
    });
  });

  it('leaves out items no formula reads', () => {
    expect(indicatorsByItem({ indicators: [value] })).not.toHaveProperty('b');
    expect(indicatorsByItem({ indicators: [] })).toEqual({});
  });

  it('on the 2026 definitions: the people at 31/12 feed P01, the permanent days feed P15', () => {
    const uses = indicatorsByItem(getIndicatorDefinitions(2026));
    expect(uses['personnes_derogation_age']?.map((u) => u.code)).toEqual(['P01']);
    expect(uses['personnes_accompagnees_31_12']?.map((u) => u.code)).toContain('P01');
    expect(uses['lits_places_installes_permanent']?.map((u) => u.code)).toContain('P15');
    expect(uses['personnes_age_85_95']?.map((u) => u.code)).toContain('P02');
  });
});
