/**
 * A small, safe formula language over dictionary item codes: numbers, item codes, + - * /,
 * parentheses, unary minus and a few functions. Text is tokenised and parsed by recursive descent
 * into an AST (no eval, no Function); ASTs are cached by source text. Evaluation never throws and
 * never returns NaN or Infinity: it returns a value or a typed failure.
 */

export type BinaryOperator = '+' | '-' | '*' | '/';

/** Functions a formula may call. */
export const FUNCTIONS = ['sum', 'sum_present', 'min', 'max', 'coalesce'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export type FormulaNode =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'item'; readonly code: string }
  | { readonly type: 'negate'; readonly operand: FormulaNode }
  | {
      readonly type: 'binary';
      readonly operator: BinaryOperator;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly type: 'call'; readonly name: FunctionName; readonly args: readonly FormulaNode[] };

export interface FormulaSyntaxError {
  readonly message: string;
  /** 0-based character offset in the source text. */
  readonly position: number;
}

export type ParseResult =
  | { readonly ok: true; readonly ast: FormulaNode }
  | { readonly ok: false; readonly error: FormulaSyntaxError };

/** Longest formula accepted, and deepest nesting (guards the recursive parser and evaluator). */
export const MAX_FORMULA_LENGTH = 4000;
export const MAX_FORMULA_DEPTH = 64;

type Token =
  | { kind: 'number'; value: number; raw: string; pos: number }
  | { kind: 'ident'; value: string; pos: number }
  | { kind: 'punct'; value: '+' | '-' | '*' | '/' | '(' | ')' | ','; pos: number }
  | { kind: 'end'; pos: number };

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
    } else if ((ch >= '0' && ch <= '9') || ch === '.') {
      const m = /^(\d+(\.\d+)?|\.\d+)/.exec(text.slice(i));
      if (!m) throw new SyntaxFailure(`invalid number at ${i}`, i);
      tokens.push({ kind: 'number', value: Number(m[0]), raw: m[0], pos: i });
      i += m[0].length;
    } else if ((ch >= 'a' && ch <= 'z') || ch === '_') {
      const m = /^[a-z_][a-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', value: m[0], pos: i });
      i += m[0].length;
    } else if ('+-*/(),'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch as '+', pos: i });
      i += 1;
    } else {
      throw new SyntaxFailure(`unexpected character ${JSON.stringify(ch)} at ${i}`, i);
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'end of formula';
  if (token.kind === 'number') return `"${token.raw}" at ${token.pos}`;
  return `"${String(token.value)}" at ${token.pos}`;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private expectPunct(value: string): void {
    if (!this.isPunct(value)) {
      const token = this.peek();
      throw new SyntaxFailure(`expected "${value}" but found ${describe(token)}`, token.pos);
    }
    this.index += 1;
  }

  parseFormula(): FormulaNode {
    const node = this.expression();
    const token = this.peek();
    if (token.kind !== 'end') throw new SyntaxFailure(`unexpected ${describe(token)}`, token.pos);
    return node;
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_FORMULA_DEPTH) {
      throw new SyntaxFailure(`formula nested deeper than ${MAX_FORMULA_DEPTH} levels`, this.peek().pos);
    }
  }

  private expression(): FormulaNode {
    this.enter();
    let node = this.term();
    while (this.isPunct('+') || this.isPunct('-')) {
      const operator = (this.next() as { value: BinaryOperator }).value;
      node = { type: 'binary', operator, left: node, right: this.term() };
    }
    this.depth -= 1;
    return node;
  }

  private term(): FormulaNode {
    let node = this.unary();
    while (this.isPunct('*') || this.isPunct('/')) {
      const operator = (this.next() as { value: BinaryOperator }).value;
      node = { type: 'binary', operator, left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): FormulaNode {
    if (this.isPunct('-')) {
      this.next();
      this.enter();
      const operand = this.unary();
      this.depth -= 1;
      return { type: 'negate', operand };
    }
    if (this.isPunct('+')) {
      this.next();
      return this.unary();
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.next();
    if (token.kind === 'number') return { type: 'number', value: token.value };
    if (token.kind === 'ident') {
      if (!this.isPunct('(')) return { type: 'item', code: token.value };
      if (!(FUNCTIONS as readonly string[]).includes(token.value)) {
        throw new SyntaxFailure(`unknown function "${token.value}" at ${token.pos}`, token.pos);
      }
      this.next();
      const args: FormulaNode[] = [];
      if (!this.isPunct(')')) {
        args.push(this.expression());
        while (this.isPunct(',')) {
          this.next();
          args.push(this.expression());
        }
      }
      this.expectPunct(')');
      if (args.length === 0) {
        throw new SyntaxFailure(`function "${token.value}" needs at least one argument`, token.pos);
      }
      return { type: 'call', name: token.value as FunctionName, args };
    }
    if (token.kind === 'punct' && token.value === '(') {
      const node = this.expression();
      this.expectPunct(')');
      return node;
    }
    throw new SyntaxFailure(`unexpected ${describe(token)}`, token.pos);
  }
}

const parseCache = new Map<string, ParseResult>();
const PARSE_CACHE_LIMIT = 10_000;

/** Parses a formula once; the result (AST or syntax error) is cached by source text. Never throws. */
export function parseFormula(text: unknown): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, error: { message: 'formula must be a string', position: 0 } };
  }
  const cached = parseCache.get(text);
  if (cached) return cached;
  let result: ParseResult;
  if (text.length > MAX_FORMULA_LENGTH) {
    result = { ok: false, error: { message: `formula longer than ${MAX_FORMULA_LENGTH}`, position: 0 } };
  } else if (text.trim() === '') {
    result = { ok: false, error: { message: 'formula is empty', position: 0 } };
  } else {
    try {
      result = { ok: true, ast: new Parser(tokenize(text)).parseFormula() };
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      result = { ok: false, error: { message: e.message, position: e.position } };
    }
  }
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
  parseCache.set(text, result);
  return result;
}

/** Item codes a formula reads, in order of first appearance. */
export function operandsOf(ast: FormulaNode): string[] {
  const seen = new Set<string>();
  const walk = (node: FormulaNode): void => {
    switch (node.type) {
      case 'item':
        seen.add(node.code);
        break;
      case 'negate':
        walk(node.operand);
        break;
      case 'binary':
        walk(node.left);
        walk(node.right);
        break;
      case 'call':
        node.args.forEach(walk);
        break;
      case 'number':
        break;
    }
  };
  walk(ast);
  return [...seen];
}

// ----------------------------------------------------------------------------------------------
// Evaluation

/** Values entered by one structure, by item code. Anything may come in; only numbers are used. */
export type ItemValues = Readonly<Record<string, unknown>>;

export type EvaluationFailure =
  /** Items with no value (undefined, null, blank string). */
  | { readonly ok: false; readonly code: 'MISSING_ITEM'; readonly items: readonly string[] }
  /** Items whose value is not a finite number (text, boolean, NaN, Infinity…). */
  | { readonly ok: false; readonly code: 'INVALID_VALUE'; readonly items: readonly string[] }
  /** A division by zero; `divisor` is the AST of the divisor. */
  | { readonly ok: false; readonly code: 'ZERO_DENOMINATOR'; readonly divisor: FormulaNode }
  /** An intermediate or final result beyond the range of finite numbers. */
  | { readonly ok: false; readonly code: 'OUT_OF_RANGE' };

export type EvaluationResult = { readonly ok: true; readonly value: number } | EvaluationFailure;

const NUMBER_TEXT = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;
const hasOwn = Object.prototype.hasOwnProperty;

/** A value as a finite number, `undefined` when missing, `null` when not a number. */
export function toFiniteNumber(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value === 'string') {
    const text = value.replace(/[\s\u00a0\u202f]/g, '');
    if (text === '') return undefined;
    if (!NUMBER_TEXT.test(text)) return null;
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n + 0 : null;
  }
  return null;
}

/** Failures recorded while a compiled formula runs; a failed sub-expression returns NaN. */
interface RunContext {
  readonly values: ItemValues;
  missing: string[] | null;
  invalid: string[] | null;
  zero: FormulaNode | undefined;
  overflow: boolean;
}

type Compiled = (ctx: RunContext) => number;

function readItem(ctx: RunContext, code: string): number {
  const raw = ctx.values[code];
  // Fast path: an own finite number (inherited Object.prototype members are never numbers).
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw + 0;
  const n = toFiniteNumber(hasOwn.call(ctx.values, code) ? raw : undefined);
  if (n === undefined) {
    if (ctx.missing === null) ctx.missing = [code];
    else if (!ctx.missing.includes(code)) ctx.missing.push(code);
    return NaN;
  }
  if (n === null) {
    if (ctx.invalid === null) ctx.invalid = [code];
    else if (!ctx.invalid.includes(code)) ctx.invalid.push(code);
    return NaN;
  }
  return n;
}

function checked(ctx: RunContext, value: number): number {
  if (Number.isFinite(value)) return value;
  ctx.overflow = true;
  return NaN;
}

/**
 * Runs an operand of sum_present/coalesce; returns NaN and undoes its missing items when it failed
 * only because items were blank (those are returned in `skipped`), so the caller may skip it.
 */
function runSkippable(ctx: RunContext, fn: Compiled, skipped: string[]): number | 'skipped' {
  const missing = ctx.missing?.length ?? 0;
  const invalid = ctx.invalid?.length ?? 0;
  const zero = ctx.zero;
  const overflow = ctx.overflow;
  const value = fn(ctx);
  if (value === value) return value;
  const nowMissing = ctx.missing?.length ?? 0;
  if (
    (ctx.invalid?.length ?? 0) === invalid &&
    ctx.zero === zero &&
    ctx.overflow === overflow &&
    nowMissing > missing
  ) {
    skipped.push(...(ctx.missing as string[]).splice(missing));
    return 'skipped';
  }
  return NaN;
}

function restoreSkipped(ctx: RunContext, skipped: string[]): number {
  for (const code of skipped) {
    if (ctx.missing === null) ctx.missing = [code];
    else if (!ctx.missing.includes(code)) ctx.missing.push(code);
  }
  return NaN;
}

function compileNode(node: FormulaNode): Compiled {
  switch (node.type) {
    case 'number': {
      const value = node.value;
      return () => value;
    }
    case 'item': {
      const code = node.code;
      return (ctx) => readItem(ctx, code);
    }
    case 'negate': {
      const operand = compileNode(node.operand);
      return (ctx) => -operand(ctx) + 0;
    }
    case 'binary': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const divisor = node.right;
      switch (node.operator) {
        case '+':
          return (ctx) => {
            const a = left(ctx);
            const b = right(ctx);
            return a !== a || b !== b ? NaN : checked(ctx, a + b);
          };
        case '-':
          return (ctx) => {
            const a = left(ctx);
            const b = right(ctx);
            return a !== a || b !== b ? NaN : checked(ctx, a - b);
          };
        case '*':
          return (ctx) => {
            const a = left(ctx);
            const b = right(ctx);
            return a !== a || b !== b ? NaN : checked(ctx, a * b);
          };
        case '/':
          return (ctx) => {
            const a = left(ctx);
            const b = right(ctx);
            if (a !== a || b !== b) return NaN;
            if (b === 0) {
              if (ctx.zero === undefined) ctx.zero = divisor;
              return NaN;
            }
            return checked(ctx, a / b);
          };
      }
      break;
    }
    case 'call': {
      const args = node.args.map(compileNode);
      switch (node.name) {
        case 'sum':
          return (ctx) => {
            let total = 0;
            let failed = false;
            for (const arg of args) {
              const v = arg(ctx);
              if (v !== v) failed = true;
              else total += v;
            }
            return failed ? NaN : checked(ctx, total);
          };
        case 'min':
        case 'max': {
          const pick = node.name === 'min' ? Math.min : Math.max;
          return (ctx) => {
            let result = NaN;
            let failed = false;
            for (const arg of args) {
              const v = arg(ctx);
              if (v !== v) failed = true;
              else result = result !== result ? v : pick(result, v);
            }
            return failed ? NaN : result;
          };
        }
        case 'sum_present':
          return (ctx) => {
            const skipped: string[] = [];
            let total = 0;
            let present = 0;
            let failed = false;
            for (const arg of args) {
              const v = runSkippable(ctx, arg, skipped);
              if (v === 'skipped') continue;
              if (v !== v) failed = true;
              else {
                total += v;
                present += 1;
              }
            }
            if (failed) return NaN;
            if (present === 0) return restoreSkipped(ctx, skipped);
            return checked(ctx, total);
          };
        case 'coalesce':
          return (ctx) => {
            const skipped: string[] = [];
            for (const arg of args) {
              const v = runSkippable(ctx, arg, skipped);
              if (v !== 'skipped') return v;
            }
            return restoreSkipped(ctx, skipped);
          };
      }
    }
  }
  return () => NaN;
}

const compiledNodes = new WeakMap<FormulaNode, Compiled>();

/**
 * Evaluates an AST over one structure's values. Never throws; never returns NaN or Infinity.
 * Missing operands are all listed; `coalesce` and `sum_present` skip missing operands. The AST is
 * compiled once into closures (cached per AST), so repeated evaluation is fast.
 */
export function evaluate(ast: FormulaNode, values: unknown): EvaluationResult {
  const ctx: RunContext = {
    values: typeof values === 'object' && values !== null ? (values as ItemValues) : {},
    missing: null,
    invalid: null,
    zero: undefined,
    overflow: false,
  };
  let value: number;
  try {
    let fn = compiledNodes.get(ast);
    if (!fn) {
      fn = compileNode(ast);
      compiledNodes.set(ast, fn);
    }
    value = fn(ctx);
  } catch {
    // Only reachable with hostile inputs (a getter that throws, an AST too deep for the stack).
    return { ok: false, code: 'INVALID_VALUE', items: [] };
  }
  if (ctx.invalid !== null && ctx.invalid.length > 0)
    return { ok: false, code: 'INVALID_VALUE', items: ctx.invalid };
  if (ctx.missing !== null && ctx.missing.length > 0)
    return { ok: false, code: 'MISSING_ITEM', items: ctx.missing };
  if (ctx.zero !== undefined) return { ok: false, code: 'ZERO_DENOMINATOR', divisor: ctx.zero };
  if (ctx.overflow || !Number.isFinite(value)) return { ok: false, code: 'OUT_OF_RANGE' };
  return { ok: true, value: value + 0 };
}

// ----------------------------------------------------------------------------------------------
// Printing

const PRECEDENCE: Record<BinaryOperator, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

export interface PrintOptions {
  /** How to print an item code (default: the code itself). */
  readonly item?: (code: string) => string;
  /** How to print a function name (default: the name itself). */
  readonly fn?: (name: FunctionName) => string;
  /** Printed operators (default: the formula's own). */
  readonly operators?: Partial<Record<BinaryOperator, string>>;
  /** Printed number (default: String). */
  readonly number?: (n: number) => string;
}

/** Prints an AST back to text with the fewest parentheses that keep its meaning. */
export function printFormula(ast: FormulaNode, options: PrintOptions = {}): string {
  const item = options.item ?? ((c: string) => c);
  const fn = options.fn ?? ((n: FunctionName) => n);
  const num = options.number ?? ((n: number) => String(n));
  const op = (o: BinaryOperator): string => options.operators?.[o] ?? o;
  const print = (node: FormulaNode, parent: number, rightSide: boolean): string => {
    switch (node.type) {
      case 'number':
        return num(node.value);
      case 'item':
        return item(node.code);
      case 'negate':
        return `-${print(node.operand, 3, false)}`;
      case 'call':
        return `${fn(node.name)}(${node.args.map((a) => print(a, 0, false)).join(', ')})`;
      case 'binary': {
        const p = PRECEDENCE[node.operator];
        const text = `${print(node.left, p, false)} ${op(node.operator)} ${print(node.right, p, true)}`;
        return p < parent || (p === parent && rightSide) ? `(${text})` : text;
      }
    }
  };
  return print(ast, 0, false);
}
