/** Lower case without diacritics nor punctuation runs: "RÉSIDENCE L'ÉTÉ" → "residence l ete". */
export function toSearchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A LIKE pattern matching `text` anywhere, its own `%`, `_` and `\` taken literally (PostgreSQL's
 * default LIKE escape is the backslash): a search for "%" finds a "%", not everything.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
