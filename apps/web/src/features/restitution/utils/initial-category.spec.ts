import { describe, expect, it } from 'vitest';
import { initialCategory } from './initial-category';

const counts = (validated: number, confirmed = 0) => ({
  NOT_STARTED: 7,
  IN_PROGRESS: 3,
  VALIDATED: validated,
  INVALIDATED: 1,
  CONFIRMED: confirmed,
});
const categories = [{ code: 'CAMSP' }, { code: 'EHPAD' }, { code: 'IME' }];

describe('initialCategory', () => {
  it('opens on the category with the most validated or confirmed structures, summed over departments', () => {
    const rows = [
      { categoryCode: 'CAMSP', counts: counts(2) },
      { categoryCode: 'EHPAD', counts: counts(3, 1) },
      { categoryCode: 'EHPAD', counts: counts(2) },
      { categoryCode: 'IME', counts: counts(0, 5) },
    ];
    expect(initialCategory(categories, rows)).toBe('EHPAD');
  });

  it('keeps the first category when nothing is validated or the counts are unknown', () => {
    expect(initialCategory(categories, [{ categoryCode: 'IME', counts: counts(0) }])).toBe('CAMSP');
    expect(initialCategory(categories, undefined)).toBe('CAMSP');
    expect(initialCategory([], undefined)).toBe('');
  });
});
