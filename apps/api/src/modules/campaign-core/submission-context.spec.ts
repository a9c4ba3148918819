import fc from 'fast-check';
import type { ItemValue, ValueMap } from '@tdb/contracts';
import { getDictionary } from '@tdb/dictionary';
import { mergedValues, ogItemCodes } from './submission-context';

const dictionary = getDictionary(2026);
const ogCodes = ogItemCodes(dictionary);
const ownCodes = dictionary.items.filter((i) => !i.ogLevel).map((i) => i.code);

/** What a merge means: every own value but the OG-level ones, then the OG's values of those. */
function reference(own: ValueMap, og: ValueMap): ValueMap {
  const merged: ValueMap = Object.assign({}, own);
  for (const code of ogCodes) {
    if (og[code] === undefined) delete merged[code];
    else merged[code] = og[code];
  }
  return merged;
}

const value: fc.Arbitrary<ItemValue> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.string(),
  fc.constant(null),
);
const valuesOf = (codes: readonly string[]) =>
  fc
    .subarray([...codes])
    .chain((chosen) =>
      fc
        .tuple(...chosen.map(() => value))
        .map((vs): ValueMap => Object.fromEntries(chosen.map((c, i) => [c, vs[i] as ItemValue]))),
    );

describe('mergedValues', () => {
  it('takes the OG-level items from the OG only, every other item from the structure, and copies', () => {
    expect(ogCodes.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(valuesOf([...ownCodes.slice(0, 40), ...ogCodes]), valuesOf(ogCodes), (own, og) => {
        const before = structuredClone(own);
        const merged = mergedValues(own, og, dictionary);
        expect(merged).toEqual(reference(own, og));
        expect(own).toEqual(before);
      }),
    );
  });

  it('writes into the structure’s own map when asked (callers that own it)', () => {
    fc.assert(
      fc.property(valuesOf([...ownCodes.slice(0, 40), ...ogCodes]), valuesOf(ogCodes), (own, og) => {
        const expected = reference(own, og);
        const merged = mergedValues(own, og, dictionary, true);
        expect(merged).toBe(own);
        expect(merged).toEqual(expected);
      }),
    );
  });
});
