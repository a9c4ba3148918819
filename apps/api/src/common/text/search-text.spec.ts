import { containsPattern, toSearchText } from './search-text';

describe('search text', () => {
  it('folds case, accents and punctuation', () => {
    expect(toSearchText("RÉSIDENCE L'ÉTÉ", null, 'Orléans')).toBe('residence l ete orleans');
  });

  it('escapes the LIKE wildcards of a search', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(containsPattern('')).toBe('%%');
  });
});
