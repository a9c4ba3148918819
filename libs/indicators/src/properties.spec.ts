import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import { computeIndicator, computeIndicators } from './compute';
import { getIndicatorDefinitions } from './definitions';
import type { IndicatorResult } from './schema';

const dictionary = getDictionary(2026);
const definitions = getIndicatorDefinitions(2026).indicators;
const numericCodes = dictionary.items
  .filter((i) => ['integer', 'decimal', 'percentage'].includes(i.type))
  .map((i) => i.code);
const categoryCodes = CATEGORIES.map((c) => c.code);

/** Anything a form, an import or a bug could put in a value. */
const garbage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308),
  fc.string(),
  fc.constantFrom('12,5', ' 1 000 ', '-3', 'abc', ''),
  fc.boolean(),
  fc.constant({}),
);

/** Plausible entered values: non-negative counts and amounts, some left blank. */
const plausible = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
);

const valuesOf = (arb: fc.Arbitrary<unknown>) =>
  fc.dictionary(fc.constantFrom(...numericCodes), arb, { maxKeys: numericCodes.length });

const category = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...categoryCodes) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constant(undefined), fc.constant(42)) },
);

function checkFinite(result: IndicatorResult): void {
  if (result.status === 'not_computable') {
    expect(typeof result.reason.message).toBe('string');
    expect(result.reason.message.length).toBeGreaterThan(0);
    return;
  }
  if (result.kind === 'distribution') {
    for (const n of [result.total, result.base, ...result.parts.flatMap((p) => [p.value, p.share])]) {
      expect(Number.isFinite(n)).toBe(true);
    }
  } else {
    expect(Number.isFinite(result.value)).toBe(true);
  }
}

describe('properties', () => {
  it('no input yields NaN, Infinity or an exception', () => {
    fc.assert(
      fc.property(category, valuesOf(garbage), (categoryCode, values) => {
        const results = computeIndicators(definitions, { categoryCode: categoryCode as string, values });
        expect(results).toHaveLength(definitions.length);
        results.forEach(checkFinite);
      }),
      { numRuns: 300 },
    );
  });

  it('survives garbage in place of the input itself', () => {
    for (const input of [
      undefined,
      null,
      42,
      'x',
      [],
      { categoryCode: 'EHPAD', values: 'x' },
      { values: null },
    ]) {
      for (const def of definitions) {
        checkFinite(computeIndicator(def, input as never));
      }
    }
  });

  it('shares of a distribution without base add up to 100 % when computable', () => {
    const distributions = definitions.filter((d) => d.kind === 'distribution' && d.base === undefined);
    expect(distributions.length).toBeGreaterThan(5);
    let computed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...categoryCodes),
        valuesOf(fc.oneof(plausible, garbage)),
        (categoryCode, values) => {
          for (const def of distributions) {
            const result = computeIndicator(def, { categoryCode, values });
            if (result.status !== 'computed' || result.kind !== 'distribution') continue;
            computed += 1;
            const sum = result.parts.reduce((s, p) => s + p.share, 0);
            expect(Math.abs(sum - 100)).toBeLessThan(1e-9);
            expect(result.base).toBe(result.total);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(computed).toBeGreaterThan(0);
  });

  it('the six absenteeism rates by motif add up to the global rate (R05 = R04)', () => {
    const r04 = definitions.find((d) => d.code === 'R04');
    const r05 = definitions.find((d) => d.code === 'R05');
    if (!r04 || !r05) throw new Error('R04/R05 missing');
    fc.assert(
      fc.property(valuesOf(plausible), (values) => {
        const global = computeIndicator(r04, { categoryCode: 'EHPAD', values });
        const byMotif = computeIndicator(r05, { categoryCode: 'EHPAD', values });
        if (global.status !== 'computed' || global.kind === 'distribution') return;
        if (global.value === 0) {
          // No absence at all: the split by motif has no total to share.
          expect(byMotif).toMatchObject({ status: 'not_computable', reason: { code: 'ZERO_DENOMINATOR' } });
        } else {
          expect(byMotif.status).toBe('computed');
          if (byMotif.status === 'computed' && byMotif.kind === 'distribution') {
            expect(Math.abs(byMotif.total - global.value)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, global.value),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('computes every indicator for 1,000 synthetic structures (sanity, not timed)', () => {
    const structures = fc.sample(fc.tuple(fc.constantFrom(...categoryCodes), valuesOf(plausible)), {
      numRuns: 1000,
      seed: 2026,
    });
    let computed = 0;
    for (const [categoryCode, values] of structures) {
      const results = computeIndicators(definitions, { categoryCode, values });
      results.forEach(checkFinite);
      computed += results.filter((r) => r.status === 'computed').length;
    }
    expect(structures).toHaveLength(1000);
    expect(computed).toBeGreaterThan(1000);
  });
});
