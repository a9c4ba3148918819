import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import { CATEGORIES } from '@tdb/reference';
import { evaluateOwnRules, itemsReadBy } from './engine';
import { getAtypiaRules } from './rules';

const dictionary = getDictionary(2026);
const ruleSet = getAtypiaRules(2026);
const OWN = ['bounds', 'coherence', 'year_over_year'] as const;
const read = new Set(itemsReadBy(ruleSet, OWN));

describe('itemsReadBy', () => {
  it('lists item targets and the operands of coherence formulas, for the kinds asked only', () => {
    const coherence = ruleSet.rules.find((r) => r.kind === 'coherence')!;
    expect(itemsReadBy({ ...ruleSet, rules: [coherence] }, ['bounds'])).toEqual([]);
    expect(itemsReadBy({ ...ruleSet, rules: [coherence] }, ['coherence']).length).toBeGreaterThan(1);
    const codes = new Set(dictionary.items.map((i) => i.code));
    expect([...read].every((code) => codes.has(code))).toBe(true);
  });

  it('is all the own rules depend on: values cut to those items raise the same flags', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
    const values = fc.dictionary(fc.constantFrom(...dictionary.items.map((i) => i.code)), value, {
      maxKeys: 400,
    });
    const cut = (v: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(v).filter(([code]) => read.has(code)));
    fc.assert(
      fc.property(
        fc.constantFrom(...CATEGORIES.map((c) => c.code)),
        values,
        values,
        (categoryCode, now, before) => {
          expect(
            evaluateOwnRules(ruleSet, { categoryCode, values: cut(now), previousValues: cut(before) }),
          ).toEqual(evaluateOwnRules(ruleSet, { categoryCode, values: now, previousValues: before }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
