import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import { getIndicatorDefinitions } from '@tdb/indicators';
import { CATEGORIES } from '@tdb/reference';
import { computePeerReferences, evaluateOwnRules, evaluatePeerRules } from './engine';
import { loadAtypiaRules } from './load';
import { getAtypiaRules } from './rules';
import type { AtypiaRuleSet, PeerStructure } from './schema';
import { percentile } from './stats';

const rules2026 = getAtypiaRules(2026);
const dictionary = getDictionary(2026);
const numericCodes = dictionary.items
  .filter((i) => ['integer', 'decimal', 'percentage'].includes(i.type))
  .map((i) => i.code);
const indicatorCodes = getIndicatorDefinitions(2026).indicators.map((d) => d.code);
const categoryCodes = CATEGORIES.map((c) => c.code);

/** Anything a form, an import or a bug could put in a value. */
const garbage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
  fc.string(),
  fc.constantFrom('12,5', ' 1 000 ', '-3', 'abc', ''),
  fc.boolean(),
  fc.constant({}),
);

const values = fc.dictionary(fc.constantFrom(...numericCodes), garbage, { maxKeys: 60 });
const indicators = fc.dictionary(fc.constantFrom(...indicatorCodes), garbage, {
  maxKeys: 30,
}) as fc.Arbitrary<Record<string, number | null>>;
const category = fc.oneof(fc.constantFrom(...categoryCodes), fc.string());

/** Every number in a flag is finite and no message shows NaN, Infinity or undefined. */
function assertClean(flag: unknown): void {
  const walk = (v: unknown): void => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else if (typeof v === 'string') expect(v).not.toMatch(/NaN|Infinity|undefined|\{[a-z]+\}/);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(flag);
}

describe('properties', () => {
  it('own rules never throw and never give NaN/Infinity, whatever the input', () => {
    fc.assert(
      fc.property(category, values, indicators, values, indicators, (c, v, i, pv, pi) => {
        const flags = evaluateOwnRules(rules2026, {
          categoryCode: c,
          values: v,
          indicators: i,
          previousValues: pv,
          previousIndicators: pi,
        });
        flags.forEach(assertClean);
      }),
      { numRuns: 300 },
    );
  });

  it('own rules survive inputs that are not even objects', () => {
    for (const input of [null, undefined, 42, 'x', [], { categoryCode: 'EHPAD', values: null }]) {
      expect(evaluateOwnRules(rules2026, input as never)).toEqual([]);
    }
    expect(evaluateOwnRules({} as AtypiaRuleSet, { categoryCode: 'EHPAD', values: {} })).toEqual([]);
  });

  it('peer rules never throw and never give NaN/Infinity, whatever the population', () => {
    const structure = fc.record({
      finess: fc.string(),
      categoryCode: fc.constantFrom('EHPAD', 'IME', 'SESSAD'),
      regionCode: fc.oneof(fc.constantFrom('53', '11', '__proto__', ''), fc.constant(null)),
      departmentCode: fc.oneof(fc.constantFrom('29', '75', 'constructor'), fc.constant(undefined)),
      values,
      indicators,
      previousIndicators: indicators,
    });
    fc.assert(
      fc.property(fc.array(structure, { maxLength: 40 }), (population) => {
        const pop = population as PeerStructure[];
        const refs = computePeerReferences(rules2026, pop);
        for (const g of Object.values(refs.groups)) assertClean(g);
        for (const s of pop) evaluatePeerRules(rules2026, s, refs).forEach(assertClean);
        expect(evaluatePeerRules(rules2026, null as never, refs)).toEqual([]);
        expect(evaluatePeerRules(rules2026, pop[0] ?? ({} as PeerStructure), null as never)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('with a 0–100 percentile band, a value inside [min, max] of its group is never an outlier', () => {
    const loaded = loadAtypiaRules(
      {
        dictionaryVersion: '2026.1',
        campaignYear: 2026,
        rules: [
          {
            code: 'ATP01',
            label: 'Bande complète',
            kind: 'peer_outlier',
            severity: 'low',
            categories: 'ALL',
            target: { indicator: 'R04' },
            method: 'percentile',
            lowerPercentile: 0,
            upperPercentile: 100,
            minGroupSize: 5,
            message: '{value} {reason}',
          },
        ],
      },
      dictionary,
      getIndicatorDefinitions(2026),
    );
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const set = loaded.ruleSet;
    const number = fc.double({ min: -1e12, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(number, { minLength: 5, maxLength: 60 }),
        fc.double({ min: 0, max: 1 }),
        (xs, t) => {
          const pop = xs.map((x, i) => ({
            finess: String(i),
            categoryCode: 'EHPAD',
            regionCode: '53',
            departmentCode: '29',
            indicators: { R04: x },
          }));
          const refs = computePeerReferences(set, pop);
          for (const s of pop) expect(evaluatePeerRules(set, s, refs)).toEqual([]);
          const min = Math.min(...xs);
          const max = Math.max(...xs);
          const inside = Math.min(max, Math.max(min, min + t * (max - min)));
          const probe = { ...(pop[0] as PeerStructure), indicators: { R04: inside } };
          expect(evaluatePeerRules(set, probe, refs)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a percentile is always between the minimum and the maximum and grows with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, p, q) => {
          const sorted = Float64Array.from(xs).sort();
          const a = percentile(sorted, Math.min(p, q)) as number;
          const b = percentile(sorted, Math.max(p, q)) as number;
          expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
          expect(a).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(b).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
          expect(a).toBeLessThanOrEqual(b);
        },
      ),
      { numRuns: 300 },
    );
  });
});
