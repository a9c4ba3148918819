/**
 * What no route accepts, whatever its DTO: JSON nested deeper than any of our documents (class-
 * transformer and class-validator recurse and overflow the stack on 5,000 levels, and walking them
 * costs CPU even on the unauthenticated login), too many values, and text PostgreSQL cannot store
 * or that no person types (NUL bytes, lone UTF-16 surrogates). Checked once for every request,
 * before authentication and validation, by an iterative walk (no recursion to overflow).
 */

/** Our deepest document (a campaign's scope or a dictionary patch) is under 10 levels. */
export const MAX_DEPTH = 32;
/** A bulk save of every value of an OG's structures stays under this. */
export const MAX_NODES = 200_000;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text is refused, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contient un caractère nul';
  if (LONE_SURROGATE.test(text)) return 'contient un caractère Unicode incomplet';
  return null;
}

/** Where a parsed value comes from: the query string or the JSON body. */
export type InputPart = 'query' | 'body';

const PARTS: Record<InputPart, { whole: string; of: string; place: (path: string) => string }> = {
  query: { whole: 'La requête', of: 'de la requête', place: (path) => `Le paramètre « ${path} »` },
  body: {
    whole: 'Le corps de la requête',
    of: 'du corps de la requête',
    place: (path) => `Le champ « ${path} » du corps de la requête`,
  },
};

/** The first problem of a parsed value (body, query), in French with where it is, or null. */
export function hostileInputProblem(value: unknown, part: InputPart): string | null {
  const { whole: root, of, place } = PARTS[part];
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (++nodes > MAX_NODES) return `${root} contient trop de valeurs (plus de ${MAX_NODES}).`;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return `${path === '' ? root : place(path)} ${problem} : retirez-le puis recommencez.`;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_DEPTH) return `${root} est imbriqué trop profondément (plus de ${MAX_DEPTH} niveaux).`;
    const isArray = Array.isArray(current);
    for (const [key, child] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) return `Un nom de champ ${of} ${problem}.`;
      const childPath = isArray ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      stack.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return null;
}
