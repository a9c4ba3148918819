const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "1 240 personnes", "87,5 %", "—" for no value; a bare ratio has no unit (as on the pages). */
export const fmt = (value: number | null | undefined, unit = ''): string =>
  value === null || value === undefined
    ? '—'
    : `${number.format(value)}${unit && unit !== 'ratio' ? ` ${unit}` : ''}`;

/**
 * A document definition made printable with the embedded fonts: Intl's French thousands
 * separator, the narrow no-break space U+202F, is not in Roboto (pdfmake draws its missing-glyph
 * box, wider than the space, over the next column); every string, the footer's template included,
 * gets the no-break space U+00A0 instead. Only the PDF: the pages and workbooks keep Intl's output.
 */
export function printable<T>(node: T): T {
  if (typeof node === 'string') return node.replace(/\u202f/g, '\u00a0') as T;
  if (Array.isArray(node)) return node.map((child: unknown) => printable(child)) as T;
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, printable(value)])) as T;
  }
  return node;
}
