/**
 * The layout shared by the writer and the reader of the preparation grid. The reader never trusts
 * visible labels or sheet names (people rename and translate them): it relies on the hidden row 1
 * markers and on the item codes in column A, both defined here.
 */
import type { Dictionary, Item } from '@tdb/dictionary';

/** Hidden row holding the machine-readable markers (sheet kind in A1, column roles after). */
export const MARKER_ROW = 1;
/** Visible column headers. */
export const HEADER_ROW = 2;
export const FIRST_ITEM_ROW = 3;

export const CODE_COLUMN = 1;
export const LABEL_COLUMN = 2;
export const UNIT_COLUMN = 3;
export const HELP_COLUMN = 4;
export const REQUIRED_COLUMN = 5;
/** Each structure then takes two columns: last year's value (locked), then this year's value. */
export const FIRST_STRUCTURE_COLUMN = 6;

export const README_SHEET = 'Lisez-moi';
export const ORGANISATION_SHEET = 'Organisme gestionnaire';
/** Hidden sheet holding the choice labels that the list validations point to. */
export const LISTS_SHEET = 'Listes';

/** Shown in a cell whose item does not apply to the structure's category. */
export const NOT_APPLICABLE = '—';
export const YES = 'Oui';
export const NO = 'Non';

/** A1 marker: `TDB-GRILLE|<campaign year>|<domain code or OG>`. */
const SHEET_MARKER_PREFIX = 'TDB-GRILLE';
export const ORGANISATION_KIND = 'OG';
/** Row 1 marker of an editable value column: `VALEUR|<finess>`. */
const VALUE_MARKER_PREFIX = 'VALEUR';
/** Row 1 marker of last year's (read-only) column: `N-1|<finess>`; ignored by the reader. */
const PREVIOUS_MARKER_PREFIX = 'N-1';

export function sheetMarker(campaignYear: number, kind: string): string {
  return `${SHEET_MARKER_PREFIX}|${campaignYear}|${kind}`;
}

export function parseSheetMarker(text: string): { campaignYear: number; kind: string } | null {
  const match = /^TDB-GRILLE\|(\d{4})\|([A-Z_]+)$/.exec(text.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  return { campaignYear: Number(match[1]), kind: match[2] };
}

export function valueColumnMarker(finess: string): string {
  return `${VALUE_MARKER_PREFIX}|${finess}`;
}

export function previousColumnMarker(finess: string): string {
  return `${PREVIOUS_MARKER_PREFIX}|${finess}`;
}

/** The FINESS written after `VALEUR|`, or null when the marker is not a value column's. */
export function parseValueColumnMarker(text: string): string | null {
  const prefix = `${VALUE_MARKER_PREFIX}|`;
  return text.startsWith(prefix) ? text.slice(prefix.length).trim() : null;
}

export function isFiness(text: string): boolean {
  return /^\d{9}$/.test(text);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], no leading/trailing quote. */
export function sheetNameFor(label: string): string {
  const clean = label
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  return clean.length <= 31 ? clean : `${clean.slice(0, 30).trimEnd()}…`;
}

export function inCategory(item: Item, categoryCode: string): boolean {
  return item.categories === 'ALL' || item.categories.includes(categoryCode);
}

export function itemsByCode(dictionary: Dictionary): Map<string, Item> {
  return new Map(dictionary.items.map((item) => [item.code, item]));
}

/** Milliseconds in a day, and the Excel serial of 1970-01-01 (Excel's 1900 date system). */
const DAY_MS = 86_400_000;
const EXCEL_UNIX_EPOCH = 25_569;

export function isoDateToUtc(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** A date typed where Excel kept the raw serial number (no date format on the cell). */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const date = new Date(Math.round((serial - EXCEL_UNIX_EPOCH) * DAY_MS));
  return date.toISOString().slice(0, 10);
}
