import fc from 'fast-check';
import { displayLabel, loadDictionary } from './load';
import { getDictionary } from './dictionaries';

const item = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: 'jours_ouverture',
  label: "Nombre de jours d'ouverture",
  domain: 'PRESTATIONS',
  type: 'integer',
  min: 0,
  max: 366,
  categories: 'ALL',
  requiredIn: 'ALL',
  ogLevel: false,
  ...over,
});
const dict = (items: unknown[], over: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: '2026.1',
  campaignYear: 2026,
  dataYear: 2025,
  items,
  ...over,
});
const errorsOf = (raw: unknown): string[] => {
  const result = loadDictionary(raw);
  return result.ok ? [] : result.errors;
};

describe('loadDictionary', () => {
  it('accepts a minimal valid dictionary', () => {
    const result = loadDictionary(dict([item()]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.dictionary.items[0]?.code).toBe('jours_ouverture');
  });

  it('cleans labels as people read them: no list dash, no doubled or edge spaces', () => {
    const result = loadDictionary(
      dict([
        item({ label: '- Nombre de lits et places autorisés au 31.12.N-1  (permanent) ' }),
        item({
          code: 'outil',
          type: 'choice',
          min: undefined,
          max: undefined,
          label: 'De quel type d’outil disposez-vous  ?',
          choices: [{ code: 'aucun', label: ' Aucun  outil' }],
        }),
      ]),
    );
    expect(result.ok && result.dictionary.items.map((i) => i.label)).toEqual([
      'Nombre de lits et places autorisés au 31.12.N-1 (permanent)',
      'De quel type d’outil disposez-vous ?',
    ]);
    expect(result.ok && result.dictionary.items[1]?.choices?.[0]?.label).toBe('Aucun outil');
  });

  it('leaves no label of the shipped dictionaries with a dash, doubled spaces or edge spaces', () => {
    const bad = (label: string) => /^[-–•]|\s{2,}|^\s|\s$/.test(label);
    const dictionary = getDictionary(2026);
    const labels = dictionary.items.flatMap((i) => [i.label, ...(i.choices ?? []).map((c) => c.label)]);
    expect(labels.filter(bad)).toEqual([]);
  });

  it('displayLabel is idempotent and never leaves a leading dash or doubled space', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const once = displayLabel(raw);
        expect(displayLabel(once)).toBe(once);
        expect(/\s{2,}/.test(once)).toBe(false);
        expect(/^[-–•\s]|\s$/.test(once)).toBe(false);
      }),
    );
  });

  it('rejects a non-object and bad header fields', () => {
    expect(errorsOf(null)).toEqual(['dictionary: must be an object']);
    expect(errorsOf(dict([], { version: '2026', campaignYear: 'x', extra: 1 }))).toEqual([
      'dictionary.extra: unknown field',
      'dictionary.version: must look like "2026.1"',
      'dictionary.campaignYear: must be a year',
    ]);
    expect(errorsOf({ version: '2026.1', campaignYear: 2026, dataYear: 2025 })).toEqual([
      'dictionary.items: must be an array',
    ]);
  });

  it('reports unknown fields', () => {
    expect(errorsOf(dict([item({ colour: 'red' })]))).toEqual([
      'item "jours_ouverture".colour: unknown field',
    ]);
  });

  it('reports duplicate codes and non snake_case codes', () => {
    expect(errorsOf(dict([item(), item()]))).toEqual(['item "jours_ouverture".code: duplicated code']);
    expect(errorsOf(dict([item({ code: 'JoursOuverture' })]))).toEqual([
      'item "JoursOuverture".code: must be snake_case',
    ]);
    expect(errorsOf(dict([item({ code: undefined })]))).toEqual(['items[0].code: required string']);
  });

  it('reports a bad domain and a bad type', () => {
    expect(errorsOf(dict([item({ domain: 'QUALITE' })]))).toEqual([
      'item "jours_ouverture".domain: unknown domain "QUALITE"',
    ]);
    expect(errorsOf(dict([item({ type: 'float', min: undefined, max: undefined })]))).toEqual([
      'item "jours_ouverture".type: unknown type "float"',
    ]);
  });

  it('requires choices for a choice item, and only for it', () => {
    const choice = { type: 'choice', min: undefined, max: undefined };
    expect(errorsOf(dict([item(choice)]))).toEqual([
      'item "jours_ouverture".choices: required (non-empty) for a choice item',
    ]);
    expect(errorsOf(dict([item({ ...choice, choices: [] })]))).toEqual([
      'item "jours_ouverture".choices: required (non-empty) for a choice item',
    ]);
    expect(
      errorsOf(
        dict([
          item({
            ...choice,
            choices: [
              { code: 'a', label: 'A' },
              { code: 'a', label: 'B' },
            ],
          }),
        ]),
      ),
    ).toEqual(['item "jours_ouverture".choices[1]: duplicated choice code "a"']);
    expect(errorsOf(dict([item({ choices: [{ code: 'a', label: 'A' }] })]))).toEqual([
      'item "jours_ouverture".choices: only allowed for a choice item',
    ]);
  });

  it('reports min > max and bounds on a non-numeric type', () => {
    expect(errorsOf(dict([item({ min: 10, max: 5 })]))).toEqual([
      'item "jours_ouverture".min: 10 is greater than max 5',
    ]);
    expect(errorsOf(dict([item({ type: 'date' })]))).toEqual([
      'item "jours_ouverture".min/max: bounds only apply to numeric types',
    ]);
  });

  it('reports unknown category codes', () => {
    expect(errorsOf(dict([item({ categories: ['EHPAD', 'HOPITAL'], requiredIn: [] })]))).toEqual([
      'item "jours_ouverture".categories: unknown category code "HOPITAL"',
    ]);
    expect(errorsOf(dict([item({ categories: [], requiredIn: [] })]))).toEqual([
      'item "jours_ouverture".categories: must not be empty',
    ]);
    expect(errorsOf(dict([item({ requiredIn: ['XYZ'] })]))).toEqual([
      'item "jours_ouverture".requiredIn: unknown category code "XYZ"',
    ]);
  });

  it('requires requiredIn to be a subset of categories', () => {
    expect(errorsOf(dict([item({ categories: ['EHPAD'], requiredIn: ['EHPAD', 'IME'] })]))).toEqual([
      'item "jours_ouverture".requiredIn: "IME" is not in categories',
    ]);
    expect(errorsOf(dict([item({ categories: ['EHPAD'], requiredIn: 'ALL' })]))).toEqual([
      'item "jours_ouverture".requiredIn: "ALL" but categories is restricted',
    ]);
    expect(errorsOf(dict([item({ categories: ['EHPAD'], requiredIn: [] })]))).toEqual([]);
  });

  it('checks exportColumn range and uniqueness', () => {
    expect(errorsOf(dict([item({ exportColumn: 0 })]))).toEqual([
      'item "jours_ouverture".exportColumn: must be an integer in 1..331',
    ]);
    expect(errorsOf(dict([item({ exportColumn: 332 })]))).toEqual([
      'item "jours_ouverture".exportColumn: must be an integer in 1..331',
    ]);
    expect(errorsOf(dict([item({ exportColumn: 20 }), item({ code: 'autre', exportColumn: 20 })]))).toEqual([
      'item "autre".exportColumn: 20 already used by item "jours_ouverture"',
    ]);
  });

  it('checks ogLevel and label', () => {
    expect(errorsOf(dict([item({ ogLevel: 'non', label: '' })]))).toEqual([
      'item "jours_ouverture".label: required string',
      'item "jours_ouverture".ogLevel: required boolean',
    ]);
  });
});
