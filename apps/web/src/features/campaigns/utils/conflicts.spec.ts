import { describe, expect, it } from 'vitest';
import type { SubmissionDetail } from '@tdb/contracts';
import { conflictNoticeText, isStaleCurrent, rebase, withStaleCurrent } from './conflicts';

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

describe('after a 409', () => {
  const old = {
    version: 3,
    status: 'IN_PROGRESS',
    values: { a: 1 },
    ogValues: { og: 1 },
    ogVersion: 7,
  } as unknown as SubmissionDetail;

  it('recognises the current submission the 409 carries', () => {
    expect(isStaleCurrent({ version: 4, values: {} })).toBe(true);
    expect(isStaleCurrent({ version: '4', values: {} })).toBe(false);
    expect(isStaleCurrent(null)).toBe(false);
  });

  it("shows the server's values and versions, the OG's alone when only they came back", () => {
    expect(withStaleCurrent(old, { version: 9, values: { og: 2 } }, 'og')).toMatchObject({
      version: 3,
      values: { a: 1 },
      ogValues: { og: 2 },
      ogVersion: 9,
    });
    expect(
      withStaleCurrent(old, { version: 4, status: 'VALIDATED', values: { a: 2 } }, 'structure'),
    ).toMatchObject({
      version: 4,
      status: 'VALIDATED',
      values: { a: 2 },
      ogValues: { og: 1 },
      ogVersion: 7,
    });
  });

  it('says how many items the user must choose about', () => {
    expect(conflictNoticeText(0)).toMatch(/réappliquées\.$/);
    expect(conflictNoticeText(1)).toMatch(/Une donnée a été modifiée des deux côtés/);
    expect(conflictNoticeText(3)).toMatch(/3 données ont été modifiées des deux côtés/);
  });
});
