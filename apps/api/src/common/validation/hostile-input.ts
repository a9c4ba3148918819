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

/** The first problem of a parsed value (body, query), in French with where it is, or null. */
export function hostileInputProblem(value: unknown, root: string): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: root }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (++nodes > MAX_NODES) return `${root} contient trop de valeurs (plus de ${MAX_NODES}).`;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return `Le texte de ${path} ${problem} : retirez-le puis recommencez.`;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_DEPTH) return `${root} est imbriqué trop profondément (plus de ${MAX_DEPTH} niveaux).`;
    for (const [key, child] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) return `Un nom de champ de ${path} ${problem}.`;
      stack.push({ value: child, depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return null;
}
