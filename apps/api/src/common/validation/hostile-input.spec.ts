import fc from 'fast-check';
import { hostileInputProblem, MAX_DEPTH, textProblem } from './hostile-input';

const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('hostile input', () => {
  it('refuses NUL bytes and lone surrogates anywhere, in values and in keys', () => {
    expect(textProblem('a\u0000b')).toMatch(/caractère nul/);
    expect(textProblem('\uD83D')).toMatch(/incomplet/);
    expect(textProblem('x\uDE00y')).toMatch(/incomplet/);
    expect(hostileInputProblem({ values: { nb: ['ok', 'a\u0000'] } }, 'body')).toBe(
      'Le champ « values.nb[1] » du corps de la requête contient un caractère nul : retirez-le puis recommencez.',
    );
    expect(hostileInputProblem({ q: 'a\u0000b' }, 'query')).toBe(
      'Le paramètre « q » contient un caractère nul : retirez-le puis recommencez.',
    );
    expect(hostileInputProblem('\uD800', 'body')).toMatch(
      /^Le corps de la requête contient un caractère Unicode incomplet/,
    );
    expect(hostileInputProblem({ ['k\uD800']: 1 }, 'query')).toMatch(/nom de champ de la requête/);
  });

  it('accepts every well-formed text, emoji and accents included', () => {
    expect(textProblem('Résidence « Les Chênes » 😀 — 12,5 %')).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(textProblem(text.replaceAll('\u0000', ''))).toBeNull();
      }),
    );
  });

  it('refuses nesting past the limit without recursing (5,000 and 1,000,000 levels)', () => {
    expect(hostileInputProblem(nested(MAX_DEPTH), 'body')).toBeNull();
    expect(hostileInputProblem(nested(MAX_DEPTH + 1), 'body')).toMatch(/trop profondément/);
    expect(hostileInputProblem(nested(5_000), 'body')).toMatch(/trop profondément/);
    expect(hostileInputProblem(nested(1_000_000), 'body')).toMatch(/trop profondément/);
  });

  it('refuses too many values', () => {
    expect(hostileInputProblem({ a: new Array(300_000).fill(1) }, 'body')).toMatch(/trop de valeurs/);
  });
});
