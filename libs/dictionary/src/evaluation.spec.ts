import { evaluateSubmission } from './evaluation';
import type { Dictionary } from './schema';

const DICTIONARY: Dictionary = {
  version: 'test.1',
  campaignYear: 2026,
  dataYear: 2025,
  items: [
    {
      code: 'places_installees',
      label: 'Places installées',
      domain: 'CARACTERISATION',
      type: 'integer',
      min: 0,
      categories: 'ALL',
      requiredIn: 'ALL',
      ogLevel: false,
    },
    {
      code: 'journees_realisees',
      label: 'Journées réalisées',
      domain: 'PRESTATIONS',
      type: 'integer',
      min: 0,
      categories: ['EHPAD'],
      requiredIn: [],
      ogLevel: false,
    },
    {
      code: 'taux_absenteisme',
      label: "Taux d'absentéisme",
      domain: 'RESSOURCES_HUMAINES',
      type: 'percentage',
      categories: 'ALL',
      requiredIn: [],
      ogLevel: false,
    },
    {
      code: 'seances',
      label: 'Séances',
      domain: 'PRESTATIONS',
      type: 'integer',
      categories: ['CAMSP'],
      requiredIn: ['CAMSP'],
      ogLevel: false,
    },
  ],
};

describe('evaluateSubmission', () => {
  it('counts completeness over the items of the category only', () => {
    const result = evaluateSubmission(DICTIONARY, 'EHPAD', {
      places_installees: 80,
      journees_realisees: 28000,
    });
    expect(result.completeness.filled).toBe(2);
    expect(result.completeness.expected).toBe(3);
    expect(result.completeness.byDomain.PRESTATIONS).toEqual({ filled: 1, expected: 1, ratio: 1 });
    expect(result.issues).toEqual([]);
    expect(result.blockingErrors).toBe(0);
  });

  it('blocks on a missing required item and on a stored value out of bounds', () => {
    const result = evaluateSubmission(DICTIONARY, 'EHPAD', { taux_absenteisme: 140 });
    expect(result.issues).toEqual([
      {
        itemCode: 'places_installees',
        itemLabel: 'Places installées',
        domain: 'CARACTERISATION',
        message: 'Donnée obligatoire à renseigner avant la validation.',
        blocking: true,
      },
      {
        itemCode: 'taux_absenteisme',
        itemLabel: "Taux d'absentéisme",
        domain: 'RESSOURCES_HUMAINES',
        message: 'La valeur doit être inférieure ou égale à 100.',
        blocking: true,
      },
    ]);
    expect(result.blockingErrors).toBe(2);
  });

  it('warns, without blocking, on a change of more than 50 % from last year', () => {
    const result = evaluateSubmission(
      DICTIONARY,
      'EHPAD',
      { places_installees: 160, journees_realisees: 27000 },
      { places_installees: 80, journees_realisees: 28000 },
    );
    expect(result.issues).toEqual([
      {
        itemCode: 'places_installees',
        itemLabel: 'Places installées',
        domain: 'CARACTERISATION',
        message: "Écart de +100 % par rapport à l'an dernier (80) : vérifiez la valeur.",
        blocking: false,
      },
    ]);
    expect(result.blockingErrors).toBe(0);
  });

  it('ignores values of items that do not apply to the category', () => {
    const result = evaluateSubmission(DICTIONARY, 'CAMSP', { places_installees: 10, journees_realisees: -5 });
    expect(result.issues.map((i) => i.itemCode)).toEqual(['seances']);
  });
});
