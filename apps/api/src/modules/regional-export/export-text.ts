import type { ExportColumnSpec } from './export-columns';

/** A cell of the export: text, number, date or nothing. */
export type ExportCell = string | number | Date | null;

/** yyyy-mm-dd: the one reading of a date for programs and spreadsheets alike. */
const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * A text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is
 * prefixed with an apostrophe, as in the workbooks; numbers are written as numbers.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(cell: ExportCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoDate(cell);
  // Decimal comma, as French spreadsheets read it (the separator is the semicolon).
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  const text = neutralised(cell);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's first bytes: a BOM (Excel then reads UTF-8) and the columns' labels. */
export function csvHeader(columns: readonly ExportColumnSpec[]): string {
  return `\uFEFF${columns.map((c) => csvField(c.label)).join(';')}\r\n`;
}

/** One row of the CSV: `;` separated, CRLF ended. */
export function csvLine(cells: readonly ExportCell[]): string {
  return `${cells.map(csvField).join(';')}\r\n`;
}

/**
 * The key of a column in a JSON line: the identity's name (finess, region…), the item's or
 * indicator's code (« P15 », « P06.gir1.share »); null for a column that repeats another one or
 * has no source (left out of the object).
 */
export function jsonKey(column: ExportColumnSpec): string | null {
  const source = column.source;
  switch (source.kind) {
    case 'identity':
      return source.key;
    case 'item':
      return source.code;
    case 'indicator':
      return source.part
        ? `${source.code}.${source.part}${source.measure === 'share' ? '.share' : ''}`
        : source.code;
    case 'same':
    case 'empty':
      return null;
  }
}

/** One JSON line per ESMS: the columns that have a key, dates as yyyy-mm-dd, missing values null. */
export function jsonLine(columns: readonly ExportColumnSpec[]): (cells: readonly ExportCell[]) => string {
  const keys = columns.map(jsonKey);
  return (cells) => {
    const object: Record<string, string | number | null> = {};
    keys.forEach((key, i) => {
      if (key === null) return;
      const cell = cells[i] ?? null;
      object[key] = cell instanceof Date ? isoDate(cell) : cell;
    });
    return `${JSON.stringify(object)}\n`;
  };
}
