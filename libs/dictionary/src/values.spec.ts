import fc from 'fast-check';
import { getDictionary } from './dictionaries';
import type { Dictionary, Item } from './schema';
import { boundsOf, completeness, isRequired, itemsFor, validateValue } from './values';

const base = { domain: 'PRESTATIONS', categories: 'ALL', requiredIn: [], ogLevel: false } as const;
const integer: Item = { ...base, code: 'entrees', label: 'Entrées', type: 'integer', min: 0, max: 1000 };
const decimal: Item = { ...base, code: 'etp', label: 'ETP', type: 'decimal', min: 0, max: 10000 };
const percentage: Item = { ...base, code: 'taux', label: 'Taux', type: 'percentage' };
const boundedPct: Item = { ...percentage, code: 'evolution', min: -50, max: 200 };
const boolean: Item = { ...base, code: 'cpom', label: 'CPOM', type: 'boolean' };
const choice: Item = {
  ...base,
  code: 'mode',
  label: 'Mode',
  type: 'choice',
  choices: [
    { code: 'interne', label: 'En interne' },
    { code: 'externalise', label: 'Externalisé' },
  ],
};
const date: Item = { ...base, code: 'date_ouverture', label: 'Date', type: 'date' };
const text: Item = { ...base, code: 'nature', label: 'Nature', type: 'text' };

describe('validateValue', () => {
  it('integer', () => {
    expect(validateValue(integer, 12)).toEqual({ ok: true, value: 12 });
    expect(validateValue(integer, ' 1 000 ')).toEqual({ ok: true, value: 1000 });
    expect(validateValue(integer, 12.5)).toEqual({
      ok: false,
      message: 'La valeur doit être un nombre entier.',
    });
    expect(validateValue(integer, 'douze')).toEqual({ ok: false, message: 'La valeur doit être un nombre.' });
    expect(validateValue(integer, -1)).toEqual({
      ok: false,
      message: 'La valeur doit être supérieure ou égale à 0.',
    });
    expect(validateValue(integer, 1001)).toEqual({
      ok: false,
      message: 'La valeur doit être inférieure ou égale à 1000.',
    });
    expect(validateValue(integer, Number.NaN).ok).toBe(false);
    expect(validateValue(integer, Infinity).ok).toBe(false);
  });

  it('decimal accepts a French comma', () => {
    expect(validateValue(decimal, '12,75')).toEqual({ ok: true, value: 12.75 });
    expect(validateValue(decimal, 0.5)).toEqual({ ok: true, value: 0.5 });
    expect(validateValue(decimal, 10000.01)).toEqual({
      ok: false,
      message: 'La valeur doit être inférieure ou égale à 10000.',
    });
  });

  it('gives the bounds the checks apply: the item’s, or 0..100 for a percentage', () => {
    expect(boundsOf(integer)).toEqual({ min: 0, max: 1000 });
    expect(boundsOf(percentage)).toEqual({ min: 0, max: 100 });
    expect(boundsOf(boundedPct)).toEqual({ min: -50, max: 200 });
    expect(boundsOf({ ...base, code: 'x', label: 'X', type: 'decimal' })).toEqual({
      min: undefined,
      max: undefined,
    });
  });

  it('percentage is 0..100 unless bounds say otherwise', () => {
    expect(validateValue(percentage, '87,5 %')).toEqual({ ok: true, value: 87.5 });
    expect(validateValue(percentage, 100)).toEqual({ ok: true, value: 100 });
    expect(validateValue(percentage, 100.1)).toEqual({
      ok: false,
      message: 'La valeur doit être inférieure ou égale à 100.',
    });
    expect(validateValue(percentage, -0.1).ok).toBe(false);
    expect(validateValue(boundedPct, 150)).toEqual({ ok: true, value: 150 });
    expect(validateValue(boundedPct, -20)).toEqual({ ok: true, value: -20 });
    expect(validateValue(boundedPct, -60)).toEqual({
      ok: false,
      message: 'La valeur doit être supérieure ou égale à -50.',
    });
  });

  it('boolean', () => {
    expect(validateValue(boolean, true)).toEqual({ ok: true, value: true });
    expect(validateValue(boolean, 'Oui')).toEqual({ ok: true, value: true });
    expect(validateValue(boolean, 'non')).toEqual({ ok: true, value: false });
    expect(validateValue(boolean, 0)).toEqual({ ok: true, value: false });
    expect(validateValue(boolean, 'peut-être')).toEqual({
      ok: false,
      message: 'La valeur doit être oui ou non.',
    });
  });

  it('choice: by code or label, otherwise lists the choices', () => {
    expect(validateValue(choice, 'interne')).toEqual({ ok: true, value: 'interne' });
    expect(validateValue(choice, 'externalisé')).toEqual({ ok: true, value: 'externalise' });
    expect(validateValue(choice, 'mutualise')).toEqual({
      ok: false,
      message: "La valeur doit être l'un des choix proposés : « En interne », « Externalisé ».",
    });
    expect(validateValue(choice, 3).ok).toBe(false);
  });

  it('date: ISO calendar dates only', () => {
    expect(validateValue(date, '2025-02-28')).toEqual({ ok: true, value: '2025-02-28' });
    expect(validateValue(date, '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(validateValue(date, new Date(Date.UTC(2025, 11, 31)))).toEqual({ ok: true, value: '2025-12-31' });
    for (const bad of ['2025-02-29', '2025-13-01', '31/12/2025', '2025-1-1', 20250101]) {
      expect(validateValue(date, bad)).toEqual({
        ok: false,
        message: 'La date doit être une date valide au format AAAA-MM-JJ.',
      });
    }
    expect(validateValue(date, new Date('nope'))).toEqual({
      ok: false,
      message: "La date n'est pas valide.",
    });
  });

  it('text is trimmed', () => {
    expect(validateValue(text, '  réseau gérontologique ')).toEqual({
      ok: true,
      value: 'réseau gérontologique',
    });
    expect(validateValue(text, 12)).toEqual({ ok: false, message: 'La valeur doit être un texte.' });
    expect(validateValue(text, 'x'.repeat(4001)).ok).toBe(false);
  });

  it('empty values are missing', () => {
    for (const item of [integer, boolean, choice, date, text]) {
      for (const empty of [null, undefined, '', '   ']) {
        expect(validateValue(item, empty)).toEqual({ ok: false, message: 'La valeur est manquante.' });
      }
    }
  });

  it('never throws, and an ok value re-validates to itself (property)', () => {
    const items = [integer, decimal, percentage, boundedPct, boolean, choice, date, text];
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.anything(), (item, value) => {
        const result = validateValue(item, value);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) expect(validateValue(item, result.value)).toEqual(result);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
    );
    const dictionary = getDictionary(2026);
    fc.assert(
      fc.property(
        fc.constantFrom(...dictionary.items),
        fc.oneof(fc.anything(), fc.string(), fc.double(), fc.date({ noInvalidDate: false })),
        (item, value) => {
          expect(() => validateValue(item, value)).not.toThrow();
        },
      ),
    );
  });
});

describe('itemsFor / isRequired / completeness', () => {
  const dictionary: Dictionary = {
    version: '2026.1',
    campaignYear: 2026,
    dataYear: 2025,
    items: [
      { ...integer, requiredIn: 'ALL' },
      { ...boolean, domain: 'CARACTERISATION' },
      { ...date, domain: 'CARACTERISATION', categories: ['EHPAD'], requiredIn: ['EHPAD'] },
      { ...text, domain: 'CARACTERISATION', excludedFromCompleteness: true },
      { ...decimal, domain: 'RESSOURCES_HUMAINES', categories: ['IME', 'SESSAD'] },
      { ...choice, domain: 'FINANCES' },
    ],
  };

  it('filters items by category and tells which are required', () => {
    expect(itemsFor(dictionary, 'EHPAD').map((i) => i.code)).toEqual([
      'entrees',
      'cpom',
      'date_ouverture',
      'nature',
      'mode',
    ]);
    expect(itemsFor(dictionary, 'IME').map((i) => i.code)).toEqual([
      'entrees',
      'cpom',
      'nature',
      'etp',
      'mode',
    ]);
    const [entrees, , dateItem, , etp] = dictionary.items;
    expect(entrees && isRequired(entrees, 'IME')).toBe(true);
    expect(dateItem && isRequired(dateItem, 'EHPAD')).toBe(true);
    expect(dateItem && isRequired(dateItem, 'IME')).toBe(false);
    expect(etp && isRequired(etp, 'IME')).toBe(false);
  });

  it('counts valid values among applicable, non-excluded items', () => {
    const result = completeness(dictionary, 'EHPAD', {
      entrees: 42,
      cpom: 'oui',
      date_ouverture: '2025-13-01',
      nature: 'texte libre',
      etp: 3,
      mode: '',
    });
    expect(result.filled).toBe(2);
    expect(result.expected).toBe(4);
    expect(result.ratio).toBe(0.5);
    expect(result.byDomain.PRESTATIONS).toEqual({ filled: 1, expected: 1, ratio: 1 });
    expect(result.byDomain.CARACTERISATION).toEqual({ filled: 1, expected: 2, ratio: 0.5 });
    expect(result.byDomain.FINANCES).toEqual({ filled: 0, expected: 1, ratio: 0 });
    expect(result.byDomain.RESSOURCES_HUMAINES).toEqual({ filled: 0, expected: 0, ratio: 1 });
  });

  it('an IME with everything filled is complete', () => {
    const result = completeness(dictionary, 'IME', {
      entrees: 10,
      cpom: false,
      etp: '12,5',
      mode: 'interne',
    });
    expect(result).toMatchObject({ filled: 4, expected: 4, ratio: 1 });
    expect(result.byDomain.RESSOURCES_HUMAINES).toEqual({ filled: 1, expected: 1, ratio: 1 });
    expect(completeness(dictionary, 'IME', {})).toMatchObject({ filled: 0, expected: 4, ratio: 0 });
  });

  it('on the 2026 dictionary, an empty EHPAD submission is 0 % complete', () => {
    const real = getDictionary(2026);
    const result = completeness(real, 'EHPAD', {});
    expect(result.filled).toBe(0);
    expect(result.expected).toBe(itemsFor(real, 'EHPAD').filter((i) => !i.excludedFromCompleteness).length);
    expect(result.expected).toBeGreaterThan(200);
  });
});
