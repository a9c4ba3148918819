import { getDictionary } from './dictionaries';
import { evaluateSubmission } from './evaluation';
import {
  RAW_SOURCE_MAPPINGS,
  getSourceMapping,
  loadSourceMapping,
  mapSourceRows,
  referenceGap,
  type SourceRow,
} from './sources';

const dictionary = getDictionary(2026);
const mapping = getSourceMapping('FINESS_EQUIPEMENTS', dictionary);

function row(
  finess: string,
  de: string,
  ta: string,
  capautot: number | null,
  capinstot: number | null,
): SourceRow {
  return { finess, fields: { de, ta, client: '711', capautot, capinstot } };
}

describe('the FINESS equipment mapping', () => {
  it('is valid against the 2026 dictionary and maps the six capacity items', () => {
    expect(mapping.items.map((i) => i.item).sort()).toEqual([
      'lits_places_autorises_permanent',
      'lits_places_autorises_temporaire',
      'lits_places_installes_permanent',
      'lits_places_installes_temporaire',
      'places_autorisees_accueil_jour',
      'places_installees_accueil_jour',
    ]);
  });

  it('sums permanent, temporary and day-care capacities of an EHPAD', () => {
    const values = mapSourceRows(mapping, [
      row('750000523', '924', '11', 84, 80),
      row('750000523', '924', '11', 10, 10), // another clientèle, same discipline and activity
      row('750000523', '657', '11', 6, 4),
      row('750000523', '924', '21', 12, 12),
      row('750000523', '961', '21', 14, null), // PASA-like day care, nothing installed
    ]);
    expect(values.get('750000523')).toEqual({
      lits_places_autorises_permanent: 94,
      lits_places_installes_permanent: 90,
      lits_places_autorises_temporaire: 6,
      lits_places_installes_temporaire: 4,
      places_autorisees_accueil_jour: 26,
      places_installees_accueil_jour: 12,
    });
  });

  it('gives the defaults to an establishment without temporary or day care', () => {
    expect(mapSourceRows(mapping, [row('180000123', '358', '16', 30, 28)]).get('180000123')).toEqual({
      lits_places_autorises_permanent: 30,
      lits_places_installes_permanent: 28,
      lits_places_autorises_temporaire: 0,
      lits_places_installes_temporaire: 0,
      places_autorisees_accueil_jour: 0,
      places_installees_accueil_jour: 0,
    });
  });

  it('words the coherence warning with the source, its date and its value', () => {
    const reference = {
      itemCode: 'lits_places_installes_permanent',
      source: 'FINESS_EQUIPEMENTS',
      value: 80,
      date: '2026-01-15',
    };
    expect(referenceGap(mapping, 80, reference)).toBeNull();
    expect(referenceGap(mapping, 82, reference)).toBe(
      'Écart avec FINESS au 15/01/2026 (80) : vérifiez la valeur, ou signalez à votre autorité la mise à jour de FINESS.',
    );
    const evaluation = evaluateSubmission(dictionary, 'EHPAD', { lits_places_installes_permanent: 82 }, {}, [
      reference,
    ]);
    expect(evaluation.issues.filter((i) => i.itemCode === 'lits_places_installes_permanent')).toEqual([
      expect.objectContaining({
        blocking: false,
        message: expect.stringContaining('Écart avec FINESS au 15/01/2026'),
      }),
    ]);
  });
});

describe('loadSourceMapping', () => {
  const valid = RAW_SOURCE_MAPPINGS['FINESS_EQUIPEMENTS'] as Record<string, unknown>;

  it('refuses unknown or non-numeric items, double mappings and malformed conditions', () => {
    const result = loadSourceMapping(
      {
        ...valid,
        items: [
          { item: 'inconnu', sum: 'capautot' },
          { item: 'date_autorisation_activite_principale', sum: 'capautot' },
          { item: 'caf', sum: 'x', where: [{ de: [] }] },
          { item: 'caf', sum: 'x', extra: 1 },
        ],
      },
      dictionary,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'item "inconnu": not an item of dictionary 2026.1',
      'item "date_autorisation_activite_principale": must be a numeric item',
      'item "caf".where[0].de: must be a non-empty array of strings',
      'item "caf".extra: unknown field',
      'item "caf": mapped twice',
    ]);
  });

  it('refuses a source code that is not UPPER_SNAKE_CASE and a coherence rule without its reference', () => {
    const result = loadSourceMapping(
      { ...valid, source: 'finess', coherence: { tolerance: 0, message: 'écart' } },
      dictionary,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'source: required UPPER_SNAKE_CASE string',
        'coherence: must be { tolerance: number ≥ 0, message: string with {reference} }',
      ],
    });
  });
});
