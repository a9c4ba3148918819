import { containsPattern, toSearchText } from './search-text';

const FINESS_PATTERN = /^[0-9][0-9AB][0-9]{7}$/;

/** A WHERE condition with its named parameters (`:name`), for a query builder or `namedQuery`. */
export interface SearchCondition {
  sql: string;
  parameters: Record<string, string>;
}

/**
 * What a structure search box means, the same in the registry and in a campaign's submissions:
 * a FINESS number finds that ESMS or the ESMS of that OG, 3 to 8 digits a FINESS prefix, anything
 * else words found anywhere in `search_text` in any order ("SAINT-GERMAIN", "l’été", an exact
 * name with its hyphens and apostrophes). Punctuation only finds nothing; a blank search, null.
 * `alias` is the structures table's alias in the query.
 */
export function structureSearchCondition(q: string | undefined, alias = 's'): SearchCondition | null {
  const text = q?.trim() ?? '';
  if (text === '') return null;
  const upper = text.toUpperCase().replace(/\s+/g, '');
  if (FINESS_PATTERN.test(upper)) {
    return {
      sql: `(${alias}.finess = :qFiness OR ${alias}.og_finess = :qFiness)`,
      parameters: { qFiness: upper },
    };
  }
  if (/^\d{3,8}$/.test(upper)) {
    return { sql: `${alias}.finess LIKE :qPrefix`, parameters: { qPrefix: `${upper}%` } };
  }
  const words = toSearchText(text)
    .split(' ')
    .filter((word) => word !== '');
  if (words.length === 0) return { sql: 'FALSE', parameters: {} };
  const parameters: Record<string, string> = {};
  const sql = words.map((word, index) => {
    parameters[`qWord${index}`] = containsPattern(word);
    return `${alias}.search_text LIKE :qWord${index}`;
  });
  return { sql: `(${sql.join(' AND ')})`, parameters };
}

const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY';

/**
 * Words of `q` found anywhere, in any order, in the text of `haystack` (an SQL expression), accents
 * and case ignored on both sides: for small tables searched without a stored `search_text` (the
 * accounts). The accents are taken off in SQL by translate(), the same on every server collation
 * (lower() and unaccent are not), and off the query by toSearchText, which also reads "é" typed
 * as e + combining accent (NFD) as "e".
 */
export function wordsCondition(
  haystack: string,
  q: string | undefined,
  prefix: string,
): SearchCondition | null {
  const text = q?.trim() ?? '';
  if (text === '') return null;
  const words = toSearchText(text)
    .split(' ')
    .filter((word) => word !== '');
  if (words.length === 0) return { sql: 'FALSE', parameters: {} };
  const parameters: Record<string, string> = { [`${prefix}From`]: ACCENTED, [`${prefix}To`]: PLAIN };
  const plain = `lower(translate(${haystack}, :${prefix}From, :${prefix}To))`;
  const sql = words.map((word, index) => {
    parameters[`${prefix}Word${index}`] = containsPattern(word);
    return `${plain} LIKE :${prefix}Word${index}`;
  });
  return { sql: `(${sql.join(' AND ')})`, parameters };
}
