import { evaluate, operandsOf, parseFormula, printFormula, type FormulaNode } from './formula';

function ast(text: string): FormulaNode {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ast;
}

function value(text: string, values: Record<string, unknown> = {}): number | string {
  const r = evaluate(ast(text), values);
  return r.ok ? r.value : r.code;
}

describe('parseFormula', () => {
  it('respects precedence and associativity', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('100 / 10 / 5')).toBe(2);
    expect(value('2 * 3 / 4')).toBe(1.5);
    expect(value('-2 * 3 + 10')).toBe(4);
    expect(value('- -2')).toBe(2);
    expect(value('-(1 + 2) * 2')).toBe(-6);
    expect(value('+3 - +1')).toBe(2);
    expect(value('.5 + 0.25')).toBe(0.75);
  });

  it('reads item codes and functions', () => {
    const values = { a: 4, b: 6, c: 10 };
    expect(value('a / b * 100', { a: 3, b: 4 })).toBe(75);
    expect(value('sum(a, b, c)', values)).toBe(20);
    expect(value('min(a, b, c) + max(a, b, c)', values)).toBe(14);
    expect(value('sum(a * 2, (b + c) / 2)', values)).toBe(16);
    expect(operandsOf(ast('sum(a, b) / (a + c) * 2'))).toEqual(['a', 'b', 'c']);
  });

  it('caches the AST by source text', () => {
    const first = parseFormula('a + b');
    expect(parseFormula('a + b')).toBe(first);
  });

  it.each([
    ['', 'formula is empty'],
    ['1 +', 'unexpected end of formula'],
    ['(a + b', 'expected ")" but found end of formula'],
    ['a + b)', 'unexpected ")" at 5'],
    ['a $ b', 'unexpected character "$" at 2'],
    ['A + b', 'unexpected character "A" at 0'],
    ['eval(a)', 'unknown function "eval" at 0'],
    ['sum()', 'function "sum" needs at least one argument'],
    ['1.2.3', 'unexpected ".3" at 3'],
    ['1 . 2', 'invalid number at 2'],
    ['a b', 'unexpected "b" at 2'],
    ['sum(a,)', 'unexpected ")" at 6'],
  ])('rejects %j: %s', (text, message) => {
    const parsed = parseFormula(text);
    expect(parsed.ok ? 'parsed' : parsed.error.message).toBe(message);
  });

  it('rejects non-strings, over-long and over-deep formulas without throwing', () => {
    expect(parseFormula(42).ok).toBe(false);
    expect(parseFormula(undefined).ok).toBe(false);
    expect(parseFormula('a+'.repeat(3000) + 'a').ok).toBe(false);
    const deep = parseFormula('('.repeat(200) + 'a' + ')'.repeat(200));
    expect(deep.ok ? '' : deep.error.message).toMatch(/nested deeper/);
    expect(parseFormula('-'.repeat(500) + 'a').ok).toBe(false);
  });

  it('prints back with the fewest parentheses that keep the meaning', () => {
    for (const text of [
      'a - (b - c)',
      '(a + b) / c * 100',
      'a / (b * c)',
      '-(a + b)',
      'sum(a, b) - min(c, 1)',
    ]) {
      expect(printFormula(ast(text))).toBe(text);
    }
    expect(printFormula(ast('((a)) + (b * c)'))).toBe('a + b * c');
  });
});

describe('evaluate', () => {
  it('reports missing items, all of them', () => {
    expect(evaluate(ast('a / b + c'), { c: 1 })).toEqual({
      ok: false,
      code: 'MISSING_ITEM',
      items: ['a', 'b'],
    });
    expect(evaluate(ast('a'), { a: null })).toEqual({ ok: false, code: 'MISSING_ITEM', items: ['a'] });
    expect(evaluate(ast('a'), { a: '  ' })).toEqual({ ok: false, code: 'MISSING_ITEM', items: ['a'] });
  });

  it('reports invalid values before missing ones', () => {
    expect(evaluate(ast('a + b'), { a: 'x' })).toEqual({ ok: false, code: 'INVALID_VALUE', items: ['a'] });
    for (const bad of [true, NaN, Infinity, -Infinity, {}, [], '1e3', '12abc']) {
      expect(evaluate(ast('a'), { a: bad })).toEqual({ ok: false, code: 'INVALID_VALUE', items: ['a'] });
    }
  });

  it('reads numbers given as (French) text', () => {
    expect(value('a', { a: '1 234,5' })).toBe(1234.5);
    expect(value('a', { a: '-12.5' })).toBe(-12.5);
    expect(value('a', { a: '\u00a07\u202f000 ' })).toBe(7000);
  });

  it('reports division by zero with the divisor', () => {
    const r = evaluate(ast('a / (b - c)'), { a: 1, b: 2, c: 2 });
    expect(r.ok ? r : r.code).toBe('ZERO_DENOMINATOR');
    if (!r.ok && r.code === 'ZERO_DENOMINATOR') expect(printFormula(r.divisor)).toBe('b - c');
    expect(value('0 / 0')).toBe('ZERO_DENOMINATOR');
  });

  it('reports overflow instead of returning Infinity or NaN', () => {
    expect(value('a * a', { a: 1e200 })).toBe('OUT_OF_RANGE');
    expect(value('a / b', { a: 1e300, b: 1e-300 })).toBe('OUT_OF_RANGE');
    expect(value('a * 10 - a * 10', { a: 1e308 })).toBe('OUT_OF_RANGE');
  });

  it('sum_present skips blank operands; coalesce takes the first filled one', () => {
    expect(value('sum_present(a, b, c)', { a: 1, c: 2 })).toBe(3);
    expect(evaluate(ast('sum_present(a, b)'), {})).toEqual({
      ok: false,
      code: 'MISSING_ITEM',
      items: ['a', 'b'],
    });
    expect(value('sum_present(a, b)', { a: 1, b: 'x' })).toBe('INVALID_VALUE');
    expect(value('sum(a, b)', { a: 1 })).toBe('MISSING_ITEM');
    expect(value('coalesce(a, b, 0)', { b: 5 })).toBe(5);
    expect(value('coalesce(a, b, 0)', {})).toBe(0);
    expect(value('coalesce(a, b)', { a: 'x', b: 1 })).toBe('INVALID_VALUE');
  });

  it('never returns -0 and ignores Object.prototype members', () => {
    expect(Object.is(value('-a', { a: 0 }), 0)).toBe(true);
    expect(value('constructor + 1', {})).toBe('MISSING_ITEM');
    expect(value('to_string + has_own_property', {})).toBe('MISSING_ITEM');
    expect(value('__proto__', {})).toBe('MISSING_ITEM');
  });

  it('accepts garbage instead of a values object', () => {
    for (const garbage of [undefined, null, 42, 'text']) {
      expect(evaluate(ast('1 + 1'), garbage)).toEqual({ ok: true, value: 2 });
      expect(evaluate(ast('a'), garbage)).toEqual({ ok: false, code: 'MISSING_ITEM', items: ['a'] });
    }
  });
});
