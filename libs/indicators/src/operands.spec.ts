import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import { computeIndicators } from './compute';
import { indicatorsByItem } from './item-uses';
import { getIndicatorDefinitions } from './definitions';

const dictionary = getDictionary(2026);
const definitions = getIndicatorDefinitions(2026).indicators;
const operands = new Set(Object.keys(indicatorsByItem({ indicators: definitions })));

describe('the items read by the indicators (indicatorsByItem)', () => {
  it('are dictionary items', () => {
    // The 2026 definitions read dictionary items only (170 of the 340).
    const codes = new Set(dictionary.items.map((i) => i.code));
    expect([...operands].every((code) => codes.has(code))).toBe(true);
    expect(operands.size).toBeLessThan(codes.size);
  });

  it('is all the indicators depend on: values cut to the operands give the same results', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 5000 }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.constantFrom('', 'oui', true, null),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...CATEGORIES.map((c) => c.code)),
        fc.dictionary(fc.constantFrom(...dictionary.items.map((i) => i.code)), value, { maxKeys: 400 }),
        (categoryCode, values) => {
          const cut = Object.fromEntries(Object.entries(values).filter(([code]) => operands.has(code)));
          expect(computeIndicators(definitions, { categoryCode, values: cut })).toEqual(
            computeIndicators(definitions, { categoryCode, values }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
