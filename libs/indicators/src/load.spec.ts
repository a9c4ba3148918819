import type { Dictionary, Item } from '@tdb/dictionary';
import { computeIndicator } from './compute';
import { loadIndicatorDefinitions } from './load';

const item = (code: string, over: Partial<Item> = {}): Item => ({
  code,
  label: `Libellé ${code}`,
  domain: 'PRESTATIONS',
  type: 'integer',
  categories: 'ALL',
  requiredIn: [],
  ogLevel: false,
  ...over,
});

const dictionary: Dictionary = {
  version: '2026.1',
  campaignYear: 2026,
  dataYear: 2025,
  items: [
    item('journees_realisees'),
    item('journees_financees'),
    item('seances', { categories: ['CAMSP', 'CMPP'] }),
    item('commentaire', { type: 'text' }),
  ],
};

const ratio = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: 'P13',
  label: "Taux de réalisation de l'activité",
  axis: 'PRESTATIONS',
  meaning: 'Journées réalisées sur journées financées.',
  kind: 'ratio',
  numerator: 'journees_realisees',
  denominator: 'journees_financees',
  multiplier: 100,
  unit: '%',
  categories: 'ALL',
  direction: 'higher_is_better',
  status: 'verified',
  source: 'HELIOS',
  notes: [],
  ...over,
});

const file = (indicators: unknown[], over: Record<string, unknown> = {}): Record<string, unknown> => ({
  dictionaryVersion: '2026.1',
  campaignYear: 2026,
  indicators,
  ...over,
});

const errorsOf = (raw: unknown): string[] => {
  const result = loadIndicatorDefinitions(raw, dictionary);
  return result.ok ? [] : result.errors;
};

describe('loadIndicatorDefinitions', () => {
  it('accepts a valid file and compiles it with the dictionary labels', () => {
    const result = loadIndicatorDefinitions(file([ratio()]), dictionary);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const def = result.definitions.indicators[0];
    if (!def) throw new Error('no definition');
    expect(computeIndicator(def, { categoryCode: 'IME', values: { journees_realisees: 90 } })).toMatchObject({
      reason: { code: 'MISSING_ITEM', message: 'Donnée manquante : « Libellé journees_financees ».' },
    });
  });

  it('rejects a non-object, a wrong header and a wrong dictionary version', () => {
    expect(errorsOf([])).toEqual(['definitions: must be an object']);
    expect(errorsOf(file([], { dictionaryVersion: '2025.1', campaignYear: 2025, extra: true }))).toEqual([
      'definitions.extra: unknown field',
      'definitions.dictionaryVersion: "2025.1" does not match dictionary version "2026.1"',
      "definitions.campaignYear: must be 2026 (the dictionary's campaign)",
    ]);
    expect(errorsOf({ dictionaryVersion: '2026.1', campaignYear: 2026 })).toEqual([
      'definitions.indicators: must be an array',
    ]);
  });

  it('reports formulas that do not parse or use unknown, non-numeric or out-of-scope items', () => {
    expect(
      errorsOf(
        file([
          ratio({ numerator: 'journees_realisees +', denominator: 'journees_inconnues' }),
          ratio({
            code: 'P14',
            numerator: 'seances',
            denominator: 'commentaire',
            categories: ['CAMSP', 'EHPAD'],
          }),
        ]),
      ),
    ).toEqual([
      'indicator "P13".numerator: syntax error: unexpected end of formula',
      'indicator "P13".denominator: unknown item code "journees_inconnues"',
      'indicator "P14".numerator: item "seances" is not collected in category EHPAD',
      'indicator "P14".denominator: item "commentaire" is not numeric (text)',
    ]);
    expect(errorsOf(file([ratio({ numerator: 'seances' })]))).toEqual([
      'indicator "P13".numerator: item "seances" is not collected in category CRP, EHPAD, ESAT, IEM, EEAP, EAM, EANM, IME, IDA, IDV, IESSA, ITEP, MAS, SAVS, SAMSAH, SSIAD, SPASAD, SESSAD',
    ]);
  });

  it('reports bad fields, codes, enums and duplicates', () => {
    expect(
      errorsOf(
        file([
          ratio({
            code: 'X1',
            axis: 'FINANCES',
            direction: 'up',
            status: 'draft',
            colour: 'red',
            notes: [1],
          }),
          ratio(),
          ratio(),
          ratio({ code: 'F01', categories: ['EHPAD', 'EHPAD', 'NOPE'], multiplier: 0, label: '' }),
          { code: 'O01', kind: 'chart' },
          'nope',
        ]),
      ),
    ).toEqual([
      'indicator "X1".code: must look like P01, R01a, F10, O03',
      'indicator "X1".colour: unknown field for a ratio indicator',
      'indicator "X1".direction: must be one of higher_is_better, lower_is_better, neutral',
      'indicator "X1".status: must be "verified" or "provisional"',
      'indicator "X1".notes: must be an array of strings',
      'indicator "P13".code: duplicated code',
      'indicator "F01".axis: must be FINANCES for a code starting with F',
      'indicator "F01".label: required string',
      'indicator "F01".categories: duplicated category code "EHPAD"',
      'indicator "F01".categories: unknown category code "NOPE"',
      'indicator "F01".multiplier: must be a positive number',
      'indicator "O01".axis: must be OBJECTIFS for a code starting with O',
      'indicator "O01".kind: unknown kind "chart"',
      'indicators[5]: must be an object',
    ]);
  });

  it('checks distributions and variants', () => {
    const distribution = {
      ...ratio({ code: 'P02', kind: 'distribution' }),
      numerator: undefined,
      denominator: undefined,
      multiplier: undefined,
    };
    delete distribution.numerator;
    delete distribution.denominator;
    delete distribution.multiplier;
    expect(
      errorsOf(
        file([
          {
            ...distribution,
            parts: [{ key: 'a', label: 'A', formula: 'journees_realisees' }],
            missingParts: 'maybe',
          },
          {
            ...distribution,
            code: 'P03',
            parts: [
              { key: 'a', label: 'A', formula: 'journees_realisees' },
              { key: 'a', label: '', formula: '1 +' },
            ],
            base: 'nope',
            missingParts: 'zero',
          },
          ratio({
            code: 'P15',
            variants: [
              { key: 'Bad Key', label: 'x' },
              { key: 'installes', label: 'I', denominator: 'x' },
            ],
          }),
        ]),
      ),
    ).toEqual([
      'indicator "P02".parts: must be an array of at least two parts',
      'indicator "P02".missingParts: must be "zero" or "error"',
      'indicator "P03".parts[1].key: duplicated key "a"',
      'indicator "P03".parts[1].label: required string',
      'indicator "P03".parts[1].formula: syntax error: unexpected end of formula',
      'indicator "P03".base: unknown item code "nope"',
      'indicator "P15".variants[0].key: must be snake_case',
      'indicator "P15".variants[0]: must change the numerator or the denominator',
      'indicator "P15".variants[1].denominator: unknown item code "x"',
    ]);
  });
});
