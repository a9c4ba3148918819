import { describe, expect, it } from 'vitest';
import { rebase } from './conflicts';

describe('rebase', () => {
  it('re-applies changes on items nobody else changed, and sets aside clashing ones', () => {
    const known = { a: 1, b: 2, c: null, d: 'x' };
    const current = { a: 1, b: 5, c: 3, d: 'y' };
    const mine = { a: 10, b: 6, c: 3, e: true };
    expect(rebase(known, current, mine)).toEqual({
      reapply: { a: 10, e: true },
      conflicts: { b: { mine: 6, theirs: 5 } },
    });
  });
});
