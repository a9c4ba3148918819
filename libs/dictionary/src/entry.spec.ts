import { checkEntry } from './entry';
import type { Dictionary } from './schema';

const DICTIONARY: Dictionary = {
  version: 'test.1',
  campaignYear: 2026,
  dataYear: 2025,
  items: [
    {
      code: 'places',
      label: 'Places installées',
      domain: 'CARACTERISATION',
      type: 'integer',
      min: 0,
      categories: 'ALL',
      requiredIn: 'ALL',
      ogLevel: false,
    },
    {
      code: 'seances',
      label: 'Séances',
      domain: 'PRESTATIONS',
      type: 'integer',
      categories: ['CAMSP'],
      requiredIn: [],
      ogLevel: false,
    },
    {
      code: 'dpo',
      label: 'DPO désigné',
      domain: 'SYSTEME_INFORMATION',
      type: 'boolean',
      categories: 'ALL',
      requiredIn: [],
      ogLevel: true,
    },
    {
      code: 'part',
      label: 'Part',
      domain: 'FINANCES',
      type: 'percentage',
      categories: ['EHPAD'],
      requiredIn: [],
      ogLevel: true,
    },
  ],
};

describe('checkEntry', () => {
  it('normalises structure values, erases blanks and lists the domains touched', () => {
    const result = checkEntry(
      DICTIONARY,
      { level: 'structure', categoryCode: 'CAMSP' },
      { places: '1 200', seances: null },
    );
    expect(result).toEqual({
      values: { places: 1200, seances: null },
      errors: [],
      domains: ['CARACTERISATION', 'PRESTATIONS'],
    });
  });

  it('refuses unknown codes, OG-level items, other categories and bad values, each with its reason', () => {
    const result = checkEntry(
      DICTIONARY,
      { level: 'structure', categoryCode: 'EHPAD' },
      {
        nope: 1,
        dpo: true,
        seances: 3,
        places: -2,
      },
    );
    expect(result.errors).toEqual([
      { itemCode: 'nope', message: 'Donnée inconnue du dictionnaire test.1 : « nope ».' },
      { itemCode: 'dpo', message: "« DPO désigné » se saisit au niveau de l'organisme gestionnaire." },
      { itemCode: 'seances', message: '« Séances » ne concerne pas cette catégorie de structure.' },
      { itemCode: 'places', message: 'Places installées : La valeur doit être supérieure ou égale à 0.' },
    ]);
    expect(result.values).toEqual({});
  });

  it('takes OG-level items for an organisation when one of its structures is concerned', () => {
    expect(
      checkEntry(
        DICTIONARY,
        { level: 'organisation', categoryCodes: ['IME', 'EHPAD'] },
        { dpo: 'oui', part: '12,5' },
      ).values,
    ).toEqual({
      dpo: true,
      part: 12.5,
    });
    expect(
      checkEntry(
        DICTIONARY,
        { level: 'organisation', categoryCodes: ['IME'] },
        { part: 10, places: 3 },
      ).errors.map((e) => e.itemCode),
    ).toEqual(['part', 'places']);
  });
});
