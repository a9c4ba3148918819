import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The folders of apps/api/src/modules depend on each other in one direction, like floors
 * (structures ← campaign core ← computation ← submissions, review, restitution, exports): a cycle
 * between two folders means neither can change or be tested alone. This test builds the graph of
 * folder imports from the sources (the TypeScript parser, so imports in comments or strings do not
 * count) and fails on any cycle.
 */

const MODULES = resolve(__dirname, '../../src/modules');

function sourceFiles(dir: string, withSpecs = false): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, withSpecs);
    return name.endsWith('.ts') && (withSpecs || !name.endsWith('.spec.ts')) ? [path] : [];
  });
}

/** The module specifiers a file imports or re-exports (type-only imports count: they couple too). */
function importsOf(
  file: string,
  source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false),
): string[] {
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

const folderOf = (path: string): string | null => {
  const rel = relative(MODULES, path);
  if (rel.startsWith('..')) return null;
  return rel.split(sep)[0] ?? null;
};

/** Folder → the folders its files import. */
export function moduleGraph(root = MODULES): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(root)) {
    const from = folderOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const to = folderOf(resolve(join(file, '..'), specifier));
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan): each is a cycle. */
export function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The runners of raw SQL (src/database) that only a repository may import. */
const SQL_RUNNERS = ['database/named-query', 'database/prepared-query'];

/**
 * Where a file runs SQL itself (ADR 0010: the SQL of a table lives in its `<feature>.repository.ts`):
 * an import of a raw SQL runner, a call of `namedQuery`/`preparedQuery`, of a `.query(…)` method
 * (`manager.query`, `dataSource.query`) or of `.createQueryBuilder(…)`. Parsed, so that words in
 * comments and strings do not count.
 */
export function sqlCallsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  for (const specifier of importsOf(file, source)) {
    if (SQL_RUNNERS.some((runner) => specifier.endsWith(runner))) found.push(`imports ${specifier}`);
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && (callee.text === 'namedQuery' || callee.text === 'preparedQuery')) {
        found.push(`${callee.text}() at ${at(node)}`);
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        (callee.name.text === 'query' || callee.name.text === 'createQueryBuilder')
      ) {
        found.push(`.${callee.name.text}() at ${at(node)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('module graph of apps/api/src/modules', () => {
  it('finds a cycle where there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cyclesOf(graph)).toEqual([['a', 'b', 'c']]);
    expect(cyclesOf(new Map([['a', new Set(['b'])]]))).toEqual([]);
  });

  it('has no cycle between module folders', () => {
    const cycles = cyclesOf(moduleGraph()).map((c) => c.join(' ⇄ '));
    expect(cycles).toEqual([]);
  });

  it('keeps authentication and account management apart, both above identity', () => {
    const graph = moduleGraph();
    const edges = (from: string) => [...(graph.get(from) ?? [])];
    expect(edges('auth')).not.toContain('accounts');
    expect(edges('accounts')).not.toContain('auth');
    expect(edges('auth')).toContain('identity');
    expect(edges('accounts')).toContain('identity');
    expect(edges('identity').filter((m) => m !== 'mail')).toEqual([]);
  });

  it('finds SQL run outside a repository where there is some (the check itself works)', () => {
    const service = `import { namedQuery } from '../../database/named-query';
      // manager.query(...) in a comment does not count, nor 'dataSource.query(' in a string.
      export class S {
        async a() { await this.dataSource.query('SELECT 1'); }
        async b() { await namedQuery(this.dataSource, 'SELECT 1', {}); }
        async c() { return this.manager.getRepository(X).createQueryBuilder('x').getMany(); }
        d(request: { query: unknown }) { return request.query; }
      }`;
    expect(sqlCallsOf('example.service.ts', service)).toEqual([
      'imports ../../database/named-query',
      '.query() at line 4',
      'namedQuery() at line 5',
      '.createQueryBuilder() at line 6',
    ]);
  });

  it('runs SQL in repositories only: no service, controller or helper of modules/ calls the database itself', () => {
    const offenders = sourceFiles(MODULES)
      .filter((file) => !file.endsWith('.repository.ts'))
      .flatMap((file) =>
        sqlCallsOf(file).map((call) => `${relative(MODULES, file).split(sep).join('/')}: ${call}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps every file of a module folder at 400 lines or under (a longer one is asking to be split by job)', () => {
    // Being split elsewhere, with AccountsModule (the entries go when they are under the limit).
    const pending = new Set([
      'accounts/accounts.service.ts',
      'auth/auth.service.ts',
      'structures/finess-import.service.ts',
    ]);
    const long = sourceFiles(MODULES, true)
      .map((file) => ({
        file: relative(MODULES, file).split(sep).join('/'),
        lines: readFileSync(file, 'utf8').split('\n').length,
      }))
      .filter((f) => f.lines > 401 && !pending.has(f.file));
    expect(long).toEqual([]);
  });

  it('keeps derived data below its readers and the campaign core below derived data', () => {
    const graph = moduleGraph();
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      if (from === to) return true;
      seen.add(from);
      return [...(graph.get(from) ?? [])].some((next) => !seen.has(next) && reaches(next, to, seen));
    };
    expect(graph.has('campaign-core') && graph.has('computation')).toBe(true);
    for (const lower of ['structures', 'campaign-core', 'computation']) {
      for (const upper of ['campaigns', 'atypia', 'restitution', 'regional-export']) {
        expect({ from: lower, to: upper, reaches: reaches(lower, upper) }).toEqual({
          from: lower,
          to: upper,
          reaches: false,
        });
      }
    }
    expect(reaches('campaign-core', 'computation')).toBe(false);
  });
});
