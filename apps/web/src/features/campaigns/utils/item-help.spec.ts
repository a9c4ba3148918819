import { describe, expect, it } from 'vitest';
import type { Item } from '@tdb/dictionary';
import type { ItemIndicatorUse } from '@tdb/contracts';
import { itemHelpFacts } from './item-help';

const base = { domain: 'PRESTATIONS', categories: 'ALL', requiredIn: [], ogLevel: false } as const;
const places: Item = {
  ...base,
  code: 'nb_places',
  label: 'Nombre de places',
  type: 'integer',
  unit: 'places',
  min: 0,
  max: 1500,
  help: 'Au 31 décembre, places installées.',
};
const uses: ItemIndicatorUse[] = [
  { code: 'P15', label: "Taux d'occupation", categories: ['EHPAD', 'MAS'] },
  { code: 'P01', label: 'Taux de dérogation', categories: ['IME'] },
  { code: 'R01', label: 'Taux d’encadrement', categories: 'ALL' },
];

describe('itemHelpFacts', () => {
  it('says the unit, the form, the bounds and how the item is counted, from the dictionary', () => {
    expect(itemHelpFacts(places, undefined)).toEqual({
      unit: 'places',
      format: 'Nombre entier',
      bounds: 'De 0 à 1 500 places',
      counting: 'Au 31 décembre, places installées.',
      indicators: [],
    });
  });

  it('gives one-sided bounds, a percentage’s 0 to 100, and none for what is not a number', () => {
    expect(itemHelpFacts({ ...places, max: undefined, unit: undefined }, []).bounds).toBe('Au moins 0');
    expect(itemHelpFacts({ ...places, min: undefined, max: 12.5, unit: undefined }, []).bounds).toBe(
      'Au plus 12,5',
    );
    const rate: Item = { ...base, code: 't', label: 'Taux', type: 'percentage', unit: '%' };
    expect(itemHelpFacts(rate, []).bounds).toBe('De 0 à 100 %');
    const choice: Item = {
      ...base,
      code: 's',
      label: 'Statut',
      type: 'choice',
      choices: [
        { code: 'PUBLIC', label: 'Public' },
        { code: 'PRIVE', label: 'Privé' },
      ],
    };
    expect(itemHelpFacts(choice, [])).toMatchObject({
      bounds: null,
      counting: null,
      unit: null,
      format: 'Un choix parmi : Public ; Privé',
    });
  });

  it('keeps the indicators that apply to the structures shown', () => {
    expect(itemHelpFacts(places, uses, ['EHPAD']).indicators.map((u) => u.code)).toEqual(['P15', 'R01']);
    expect(itemHelpFacts(places, uses, ['IME', 'MAS']).indicators.map((u) => u.code)).toEqual([
      'P15',
      'P01',
      'R01',
    ]);
    expect(itemHelpFacts(places, uses).indicators).toHaveLength(3);
  });
});
