import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import { computeIndicators } from './compute';
import { getIndicatorDefinitions } from './definitions';
import type { DistributionDefinition } from './schema';
import { distributionShares, storedDistribution, storedPart } from './stored';

const dictionary = getDictionary(2026);
const definitions = getIndicatorDefinitions(2026).indicators;
const distributions = new Map(
  definitions.filter((d): d is DistributionDefinition => d.kind === 'distribution').map((d) => [d.code, d]),
);
const numericCodes = dictionary.items
  .filter((i) => ['integer', 'decimal', 'percentage'].includes(i.type))
  .map((i) => i.code);

describe('stored distributions', () => {
  it('gives back, through JSON, exactly the labelled shares compute gave', () => {
    let seen = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...CATEGORIES.map((c) => c.code)),
        fc.dictionary(
          fc.constantFrom(...numericCodes),
          fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
        ),
        (categoryCode, values) => {
          for (const result of computeIndicators(definitions, { categoryCode, values })) {
            if (result.status !== 'computed' || result.kind !== 'distribution') continue;
            seen += 1;
            const stored = JSON.parse(JSON.stringify(storedDistribution(result)));
            expect(distributionShares(distributions.get(result.code)!, stored)).toEqual(result.parts);
            for (const part of result.parts)
              expect(storedPart(stored, part.key)).toEqual({ value: part.value, share: part.share });
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(seen).toBeGreaterThan(100);
  });

  it('has no part the definition does not know, and no share of a part it lacks', () => {
    const stored = storedDistribution({
      base: 80,
      parts: [
        { key: 'gir_1', value: 20 },
        { key: 'gir_2', value: 60 },
      ],
    });
    expect(stored).toEqual({ base: 80, values: { gir_1: 20, gir_2: 60 } });
    expect(storedPart(stored, 'gir_3')).toBeNull();
    expect(
      distributionShares(
        {
          parts: [
            { key: 'gir_2', label: 'GIR 2', formula: 'a' },
            { key: 'gir_3', label: 'GIR 3', formula: 'b' },
          ],
        },
        stored,
      ),
    ).toEqual([{ key: 'gir_2', label: 'GIR 2', value: 60, share: 75 }]);
  });
});
