import { completeness, getDictionary, itemsFor, validateValue } from '@tdb/dictionary';
import {
  BOUNDS_ERROR_KINDS,
  GIR_WEIGHTS,
  MISSING_ERROR_KINDS,
  generateCampaignValues,
  generateSubmissionValues,
  missingBlockRate,
  type StructureInput,
} from './generator';

const dictionary = getDictionary(2026);
const CATS = [
  'EHPAD',
  'EHPAD',
  'EHPAD',
  'SSIAD',
  'SPASAD',
  'MAS',
  'EAM',
  'EANM',
  'ESAT',
  'SAVS',
  'SAMSAH',
  'CRP',
  'IME',
  'ITEP',
  'SESSAD',
  'IEM',
  'EEAP',
  'IDA',
  'IDV',
  'IESSA',
  'CAMSP',
  'CMPP',
];

function structures(n: number): StructureInput[] {
  return Array.from({ length: n }, (_, i) => {
    const categoryCode = CATS[i % CATS.length] as string;
    const ambulatory = categoryCode === 'CAMSP' || categoryCode === 'CMPP';
    return {
      finess: `${i % 50 === 0 ? '97' : '01'}${String(1000000 + i).padStart(7, '0')}`,
      categoryCode,
      capacity: ambulatory ? null : 10 + ((i * 37) % 150),
    };
  });
}

const sample = structures(2000);
const campaign = generateCampaignValues(7, sample, dictionary, 2024);

describe('generateSubmissionValues', () => {
  it('is deterministic from the seed', () => {
    const s = sample[3] as StructureInput;
    const a = generateSubmissionValues({ seed: 1, structure: s, dictionary, dataYear: 2024 });
    const b = generateSubmissionValues({ seed: 1, structure: s, dictionary, dataYear: 2024 });
    const c = generateSubmissionValues({ seed: 2, structure: s, dictionary, dataYear: 2024 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.values)).not.toBe(JSON.stringify(c.values));
  });

  it('gives valid values except planted ones, and planted values keep their type', () => {
    for (const s of sample) {
      const { values, plantedErrors } = campaign.get(s.finess)!;
      const planted = new Map(plantedErrors.map((e) => [e.itemCode, e.kind]));
      for (const item of itemsFor(dictionary, s.categoryCode)) {
        if (!(item.code in values)) continue;
        const kind = planted.get(item.code);
        const ok = validateValue(item, values[item.code]).ok;
        if (
          kind === undefined ||
          (!BOUNDS_ERROR_KINDS.includes(kind) && !MISSING_ERROR_KINDS.includes(kind))
        ) {
          if (!ok)
            throw new Error(
              `${s.categoryCode} ${item.code}=${String(values[item.code])} (${kind ?? 'clean'})`,
            );
        }
      }
      for (const e of plantedErrors) {
        if (BOUNDS_ERROR_KINDS.includes(e.kind)) {
          expect(
            validateValue(
              dictionary.items.find((i) => i.code === e.itemCode)!,
              values[e.itemCode],
            ).ok,
          ).toBe(false);
        }
      }
    }
  });

  it('reaches 90 % completeness unless a block was planted missing, and falls under it otherwise', () => {
    for (const s of sample) {
      const { values, plantedErrors } = campaign.get(s.finess)!;
      const ratio = completeness(dictionary, s.categoryCode, values).ratio;
      const missing = plantedErrors.some((e) => e.kind === 'missing_block');
      const bounds = plantedErrors.some((e) => e.kind === 'negative_amount');
      if (missing) expect(ratio).toBeLessThan(0.9);
      else if (!bounds) expect(ratio).toBe(1);
      else expect(ratio).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('makes GIR counts sum to the population and derives the GMP from them', () => {
    let checked = 0;
    for (const s of sample) {
      if (!['EHPAD', 'SSIAD', 'SPASAD'].includes(s.categoryCode)) continue;
      const { values, plantedErrors } = campaign.get(s.finess)!;
      if (plantedErrors.some((e) => e.itemCode.startsWith('personnes_gir_') || e.itemCode === 'gmp_connu'))
        continue;
      if (!('personnes_gir_1' in values)) continue;
      const counts = [1, 2, 3, 4, 5, 6].map((g) => values[`personnes_gir_${g}`] as number);
      const pop = values['personnes_accompagnees_31_12'] as number;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(pop);
      const gmp = counts.reduce((a, n, i) => a + n * GIR_WEIGHTS[i]!, 0) / pop;
      expect(values['gmp_connu'] as number).toBeCloseTo(gmp, 1);
      if (s.categoryCode === 'EHPAD' && pop >= 30) {
        expect(gmp).toBeGreaterThan(450);
        expect(gmp).toBeLessThan(950);
      }
      const pmp = values['pmp_connu'] as number;
      expect(pmp).toBeGreaterThanOrEqual(80);
      expect(pmp).toBeLessThanOrEqual(350);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('keeps occupancy, staffing and absenteeism plausible for unplanted structures', () => {
    const ehpadAbs: number[] = [];
    for (const s of sample) {
      const { values, plantedErrors } = campaign.get(s.finess)!;
      if (plantedErrors.length > 0) continue;
      if ('journees_theoriques' in values) {
        const done = Object.keys(values)
          .filter((c) => c.startsWith('journees_realisees_'))
          .reduce((a, c) => a + (values[c] as number), 0);
        const occ = done / (values['journees_theoriques'] as number);
        expect(occ).toBeGreaterThan(0.35);
        expect(occ).toBeLessThanOrEqual(1.3);
      }
      if (s.categoryCode === 'EHPAD') {
        const total = [
          'direction',
          'administration',
          'services_generaux',
          'restauration',
          'socio_educatif',
          'paramedical',
          'psychologue',
          'ash',
          'medical',
          'education_nationale',
          'autres_fonctions',
        ].reduce((a, f) => a + (values[`etp_reels_${f}`] as number), 0);
        const ratio = total / (s.capacity as number);
        expect(ratio).toBeGreaterThan(0.3);
        expect(ratio).toBeLessThan(1.1);
        const abs =
          ['courte', 'moyenne', 'longue'].reduce(
            (a, m) => a + (values[`jours_absence_maladie_${m}`] as number),
            0,
          ) +
          ['maternite_paternite', 'at_mp', 'conges_speciaux'].reduce(
            (a, m) => a + (values[`jours_absence_${m}`] as number),
            0,
          );
        ehpadAbs.push(abs / (total * 365));
      }
    }
    ehpadAbs.sort((a, b) => a - b);
    const median = ehpadAbs[Math.floor(ehpadAbs.length / 2)]!;
    expect(median).toBeGreaterThan(0.07);
    expect(median).toBeLessThan(0.14);
  });

  it('plants errors at the expected rates', () => {
    let any = 0;
    let missing = 0;
    let expectedMissing = 0;
    for (const s of sample) {
      const { plantedErrors } = campaign.get(s.finess)!;
      if (plantedErrors.length > 0) any++;
      if (plantedErrors.some((e) => e.kind === 'missing_block')) missing++;
      expectedMissing += missingBlockRate(s);
    }
    const sd = Math.sqrt(expectedMissing);
    expect(Math.abs(missing - expectedMissing)).toBeLessThan(4 * sd);
    expect(any / sample.length).toBeGreaterThan(0.15);
    expect(any / sample.length).toBeLessThan(0.32);
    const clean = generateSubmissionValues({
      seed: 7,
      structure: sample[0]!,
      dictionary,
      dataYear: 2024,
      errorScale: 0,
    });
    expect(clean.plantedErrors).toEqual([]);
  });

  it('drifts little from last year when given the previous values', () => {
    const keys = [
      'journees_realisees_hebergement_permanent',
      'personnes_accompagnees_31_12',
      'etp_reels_paramedical',
      'depenses_realisees',
      'personnes_gir_2',
      'effectif_physique_n_1',
    ];
    const changes: number[] = [];
    let sameBool = 0;
    let bools = 0;
    for (const s of sample.filter((x) => x.categoryCode === 'EHPAD').slice(0, 200)) {
      const prev = generateSubmissionValues({
        seed: 3,
        structure: s,
        dictionary,
        dataYear: 2023,
        errorScale: 0,
      }).values;
      // A different seed: only the `previous` anchoring keeps the values close.
      const next = generateSubmissionValues({
        seed: 99,
        structure: s,
        dictionary,
        dataYear: 2024,
        previous: prev,
        errorScale: 0,
      }).values;
      for (const k of keys) {
        const a = prev[k] as number;
        const b = next[k] as number;
        if (a >= 20) changes.push(Math.abs(b - a) / a);
      }
      for (const item of itemsFor(dictionary, 'EHPAD')) {
        if (item.type === 'boolean' && typeof prev[item.code] === 'boolean') {
          bools++;
          if (prev[item.code] === next[item.code]) sameBool++;
        }
      }
    }
    changes.sort((a, b) => a - b);
    expect(changes[Math.floor(changes.length / 2)]!).toBeLessThan(0.06);
    expect(changes[Math.floor(changes.length * 0.95)]!).toBeLessThan(0.25);
    expect(sameBool / bools).toBeGreaterThan(0.9);
  });
});
