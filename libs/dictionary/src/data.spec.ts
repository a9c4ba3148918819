import columnsFile from '../data/export-2021-columns.json';
import { CATEGORIES } from '@tdb/reference';
import {
  EXPORT_2021_COMPUTED_COLUMNS,
  EXPORT_2021_DUPLICATE_COLUMNS,
  RAW_DICTIONARIES,
  dictionaryYears,
  getDictionary,
} from './dictionaries';
import { displayLabel, loadDictionary } from './load';
import { isRequired, itemsFor } from './values';

const columns = columnsFile.columns;
const dictionary = getDictionary(2026);

describe('2026 dictionary file', () => {
  it('loads with no error', () => {
    const result = loadDictionary(RAW_DICTIONARIES[2026]);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(dictionaryYears()).toEqual([2026]);
    expect(dictionary).toMatchObject({ version: '2026.1', campaignYear: 2026, dataYear: 2025 });
  });

  it('has the 331 export columns in the fixture', () => {
    expect(columns).toHaveLength(331);
    expect(columns[13]).toEqual({ n: 14, letter: 'N', label: 'Sources de financement' });
    expect(columns[330]).toEqual({ n: 331, letter: 'LS', label: "Politique d'achat" });
  });

  it('covers every export column 14..331 exactly once (item, computed or duplicate)', () => {
    const byItem = new Map<number, string[]>();
    for (const item of dictionary.items) {
      if (item.exportColumn === undefined) continue;
      byItem.set(item.exportColumn, [...(byItem.get(item.exportColumn) ?? []), item.code]);
    }
    const computed = new Set(EXPORT_2021_COMPUTED_COLUMNS.map((c) => c.n));
    const duplicates = new Set(EXPORT_2021_DUPLICATE_COLUMNS.map((c) => c.n));
    for (let n = 14; n <= 331; n += 1) {
      const uses = (byItem.get(n)?.length ?? 0) + (computed.has(n) ? 1 : 0) + (duplicates.has(n) ? 1 : 0);
      expect([n, uses]).toEqual([n, 1]);
    }
    for (let n = 1; n <= 13; n += 1) {
      expect(byItem.has(n) || computed.has(n) || duplicates.has(n)).toBe(false);
    }
  });

  it('lists the indicator block EI–KD as computed, with the export labels', () => {
    const computed = EXPORT_2021_COMPUTED_COLUMNS;
    expect(computed.filter((c) => c.n >= 139 && c.n <= 290)).toHaveLength(152);
    expect(computed.map((c) => c.letter)).toEqual(expect.arrayContaining(['EI', 'KD', 'LE', 'LH', 'LO']));
    for (const c of computed) expect(c).toEqual(columns[c.n - 1]);
    expect(EXPORT_2021_DUPLICATE_COLUMNS).toEqual([
      {
        n: 322,
        letter: 'LJ',
        label: "Nombre de personnes accompagnées dans l'effectif au 31.12",
        sameAs: 319,
      },
    ]);
  });

  it('uses the TSV label for every export item, as displayLabel cleans it', () => {
    for (const item of dictionary.items) {
      if (item.exportColumn === undefined) continue;
      const column = columns[item.exportColumn - 1]?.label;
      expect([item.code, item.label]).toEqual([
        item.code,
        column === undefined ? undefined : displayLabel(column),
      ]);
    }
  });

  it('infers types from the labels', () => {
    for (const item of dictionary.items) {
      if (item.exportColumn === undefined) continue;
      if (/^Date /.test(item.label)) expect([item.code, item.type]).toEqual([item.code, 'date']);
      if (/^-? ?Nombre /.test(item.label)) expect([item.code, item.type]).toEqual([item.code, 'integer']);
      if (/^Mode de réalisation/.test(item.label)) {
        expect([item.code, item.type]).toEqual([item.code, 'choice']);
        expect(item.choices?.map((c) => c.code)).toEqual(['interne', 'externalise', 'mutualise', 'mixte']);
      }
    }
  });

  it('restricts GIR/GMP/PMP, déficiences and séances to the right categories', () => {
    const byCode = new Map(dictionary.items.map((i) => [i.code, i]));
    expect(byCode.get('personnes_gir_1')?.categories).toEqual(['EHPAD', 'SSIAD', 'SPASAD']);
    expect(byCode.get('gmp_valide')?.categories).toEqual(['EHPAD', 'SSIAD', 'SPASAD']);
    expect(byCode.get('pmp_valide')?.categories).toEqual(['EHPAD', 'SSIAD', 'SPASAD']);
    expect(byCode.get('seances_realisees')?.categories).toEqual(['CAMSP', 'CMPP']);
    expect(byCode.get('seances_financees')?.exportColumn).toBe(37);
    const deficience = byCode.get('deficience_principale_autisme_ted');
    expect(deficience?.categories).not.toContain('EHPAD');
    expect(deficience?.categories).toContain('IME');
    expect(itemsFor(dictionary, 'IME').some((i) => i.code === 'personnes_gir_1')).toBe(false);
    expect(itemsFor(dictionary, 'EHPAD').some((i) => i.code === 'seances_realisees')).toBe(false);
  });

  it('holds the raw operands of README §5.2 with units and bounds', () => {
    const byCode = new Map(dictionary.items.map((i) => [i.code, i]));
    const expected: [string, string][] = [
      ['journees_realisees_hebergement_permanent', 'jours'],
      ['journees_financees', 'jours'],
      ['jours_ouverture', 'jours'],
      ['seances_realisees', 'séances'],
      ['personnes_accompagnees_31_12', 'personnes'],
      ['entrees_domicile', 'personnes'],
      ['sorties_deces', 'personnes'],
      ['duree_accompagnement_sortants', 'jours'],
      ['etp_reels_paramedical_infirmier', 'ETP'],
      ['etp_budgetes', 'ETP'],
      ['etp_vacants', 'ETP'],
      ['effectif_physique_n_1', 'personnes'],
      ['recrutements', 'personnes'],
      ['departs', 'personnes'],
      ['jours_absence_at_mp', 'jours'],
      ['compte_6111', '€'],
      ['compte_6226', '€'],
      ['depenses_groupe_2', '€'],
      ['recettes_realisees', '€'],
      ['caf', '€'],
      ['produits_hors_775_777_7781_78', '€'],
      ['valeur_brute_constructions', '€'],
      ['amortissements_equipements', '€'],
      ['dettes_financieres', '€'],
      ['capitaux_permanents', '€'],
      ['frng', '€'],
      ['charges_courantes', '€'],
      ['energie_consommation_kwh', 'kWh'],
      ['energie_superficie', 'm²'],
    ];
    for (const [code, unit] of expected) {
      expect([code, byCode.get(code)?.unit]).toEqual([code, unit]);
    }
    expect(byCode.get('etp_budgetes')?.max).toBe(10000);
    const absences = dictionary.items.filter((i) => i.code.startsWith('jours_absence_'));
    expect(absences).toHaveLength(6);
    for (const i of dictionary.items) {
      if (i.unit === 'ETP') expect(i.max).toBeLessThanOrEqual(10000);
      if (['jours', 'personnes', 'ETP', 'kWh', 'm²'].includes(i.unit ?? '')) {
        expect([i.code, i.min]).toEqual([i.code, 0]);
      }
    }
  });

  it('marks the core operands as required', () => {
    const byCode = new Map(dictionary.items.map((i) => [i.code, i]));
    const item = (code: string) => {
      const found = byCode.get(code);
      if (!found) throw new Error(code);
      return found;
    };
    expect(isRequired(item('jours_ouverture'), 'IME')).toBe(true);
    expect(isRequired(item('journees_financees'), 'EHPAD')).toBe(true);
    expect(isRequired(item('journees_financees'), 'CMPP')).toBe(false);
    expect(isRequired(item('seances_realisees'), 'CMPP')).toBe(true);
    expect(isRequired(item('personnes_gir_3'), 'EHPAD')).toBe(true);
    expect(isRequired(item('personnes_gir_3'), 'SSIAD')).toBe(false);
    expect(isRequired(item('personnes_gir_3'), 'IME')).toBe(false);
    for (const cat of CATEGORIES) {
      expect(itemsFor(dictionary, cat.code).filter((i) => isRequired(i, cat.code)).length).toBeGreaterThan(5);
    }
  });
});
