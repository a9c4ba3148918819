import { getDictionary, itemsFor } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import { getIndicatorDefinitions, RAW_INDICATOR_DEFINITIONS } from './definitions';
import { operandsOf, parseFormula } from './formula';
import { loadIndicatorDefinitions, provisionalNotice } from './load';
import { AXES, PROVISIONAL_NOTICE, type IndicatorDefinition } from './schema';
import { formulasOf } from './item-uses';
import { formulaInWords } from './words';

const dictionary = getDictionary(2026);
const definitions = getIndicatorDefinitions(2026);
const indicators = definitions.indicators;

describe('2026 indicator definitions', () => {
  it('load with no error and are written for dictionary 2026.1', () => {
    const result = loadIndicatorDefinitions(RAW_INDICATOR_DEFINITIONS[2026], dictionary);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(definitions.dictionaryVersion).toBe('2026.1');
    expect(definitions.dictionaryVersion).toBe(dictionary.version);
    expect(definitions.campaignYear).toBe(2026);
  });

  it('cover the four axes with the codes of the domain reference', () => {
    const byAxis = Object.fromEntries(AXES.map((a) => [a, indicators.filter((i) => i.axis === a).length]));
    expect(byAxis).toEqual({ PRESTATIONS: 26, RESSOURCES: 12, FINANCES: 11, OBJECTIFS: 3 });
    const codes = indicators.map((i) => i.code);
    const expected = [
      ...Array.from({ length: 23 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 10 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 10 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`),
      'O01',
      'O02',
      'O03',
      'P04a',
      'P08a',
      'P09a',
      'R01a',
      'R01b',
      'F09a',
    ];
    expect([...codes].sort()).toEqual([...expected].sort());
  });

  it('use only numeric dictionary items collected in every category the indicator applies to', () => {
    for (const def of indicators) {
      const categories = def.categories === 'ALL' ? CATEGORIES.map((c) => c.code) : def.categories;
      for (const formula of formulasOf(def)) {
        const parsed = parseFormula(formula);
        expect([def.code, formula, parsed.ok]).toEqual([def.code, formula, true]);
        if (!parsed.ok) continue;
        for (const category of categories) {
          const available = new Set(
            itemsFor(dictionary, category)
              .filter((i) => ['integer', 'decimal', 'percentage'].includes(i.type))
              .map((i) => i.code),
          );
          const absent = operandsOf(parsed.ast).filter((code) => !available.has(code));
          expect([def.code, category, absent]).toEqual([def.code, category, []]);
        }
      }
    }
  });

  it('mark the definitions without a public formula as provisional (domain reference §11)', () => {
    const provisional = indicators.filter((i) => i.status === 'provisional').map((i) => i.code);
    expect(provisional).toEqual([
      'P01', 'P07', 'P10', 'P11', 'P12', 'P14', 'P15', 'P16', 'P17', 'P19', 'P21', 'P22', 'P23',
      'R01', 'R01a', 'R01b', 'R03', 'R08', 'R09',
      'F01', 'F02', 'F05', 'F06', 'F07', 'F09', 'F09a', 'F10',
    ]); // prettier-ignore
    for (const def of indicators) {
      expect(provisionalNotice(def)).toBe(def.status === 'provisional' ? PROVISIONAL_NOTICE : undefined);
    }
  });

  it('give every sheet a label, meaning, source and formula in words', () => {
    for (const def of indicators) {
      expect(def.label.length).toBeGreaterThan(5);
      expect(def.meaning.length).toBeGreaterThan(10);
      expect(def.source.length).toBeGreaterThan(10);
      const words = formulaInWords(def, dictionary);
      expect(words).toMatch(/«/);
      expect(words).not.toMatch(/\b[a-z]+_[a-z0-9_]+\b/); // no raw item code left
    }
  });

  it('renders P13 in words with the item labels', () => {
    const p13 = indicators.find((i) => i.code === 'P13') as IndicatorDefinition;
    expect(formulaInWords(p13, dictionary)).toBe(
      'somme des données renseignées(« Nombre de journées réalisées en hébergement permanent », ' +
        '« Nombre de journées réalisées en hébergement temporaire », ' +
        '« Nombre de journées réalisées en accueil de jour », « Nombre de journées réalisées en internat », ' +
        '« Nombre de journées réalisées en semi-internat », « Nombre de journées réalisées en externat », ' +
        '« Nombre de journées réalisées — autre mode 1 », « Nombre de journées réalisées — autre mode 2 », ' +
        "« Nombre de journées réalisées — autre mode 3 ») / « Nombre de journées financées sur l'année » × 100",
    );
    const p15 = indicators.find((i) => i.code === 'P15') as IndicatorDefinition;
    expect(formulaInWords(p15, dictionary)).toContain(
      "/ (« Nombre de lits et places autorisés au 31.12.N-1 (permanent) » × « Nombre de jours d'ouverture de l'année ») × 100",
    );
  });
});
