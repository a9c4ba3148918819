import type ExcelJS from 'exceljs';
import { validateValue, type Dictionary, type Item } from '@tdb/dictionary';
import { LISTS_SHEET, NO, NOT_APPLICABLE, YES, isoDateToUtc } from './layout';

/** How the grid's cells look and what they accept: styles, value formats, validations, lists. */

export const COLOURS = {
  header: 'FF000091',
  headerText: 'FFFFFFFF',
  editable: 'FFFFF8DC',
  previous: 'FFEEEEEE',
  notApplicable: 'FFBFBFBF',
  section: 'FFE3E3FD',
  muted: 'FF666666',
};

export const DATE_FORMAT = 'dd/mm/yyyy';

export function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFCCCCCC' } },
  bottom: { style: 'thin', color: { argb: 'FFCCCCCC' } },
  left: { style: 'thin', color: { argb: 'FFCCCCCC' } },
  right: { style: 'thin', color: { argb: 'FFCCCCCC' } },
};

/** Only value cells are unlocked; no password, so that a support agent can unprotect if needed. */
export const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/** How a structure's cell looks: last year's value, the value to enter, or not applicable. */
export type ValueCellKind = 'previous' | 'current' | 'notApplicable';

const NOT_APPLICABLE_STYLE: Partial<ExcelJS.Style> = {
  fill: solidFill(COLOURS.notApplicable),
  alignment: { horizontal: 'center' },
  border: THIN_BORDER,
};
const valueStyles = new Map<string, Partial<ExcelJS.Style>>();

/**
 * One style object per kind of cell and value format, shared by every cell that has it: ExcelJS
 * gives each new cell a style object of its own and finds its id by rendering it to XML, which
 * was a large part of an OG grid's time (hundreds of structures × hundreds of items). A shared
 * object is never changed once given to a cell.
 */
export function valueCellStyle(kind: ValueCellKind, item: Item): Partial<ExcelJS.Style> {
  if (kind === 'notApplicable') return NOT_APPLICABLE_STYLE;
  const numFmt = numberFormat(item);
  const key = `${kind}|${numFmt}`;
  let style = valueStyles.get(key);
  if (!style) {
    style =
      kind === 'previous'
        ? {
            numFmt,
            fill: solidFill(COLOURS.previous),
            font: { color: { argb: COLOURS.muted } },
            border: THIN_BORDER,
          }
        : { numFmt, fill: solidFill(COLOURS.editable), border: THIN_BORDER, protection: { locked: false } };
    valueStyles.set(key, style);
  }
  return style;
}

export function writeNotApplicable(cell: ExcelJS.Cell): void {
  cell.value = NOT_APPLICABLE;
  cell.style = NOT_APPLICABLE_STYLE;
}

/**
 * Writes a stored value the way a person would type it (choice label, Oui/Non, real Excel date), so
 * that an untouched cell reads back to the same normalised value. A stored value that no longer
 * validates is written as text, for the person to see and fix.
 */
export function writeValue(
  cell: ExcelJS.Cell,
  item: Item,
  stored: unknown,
  kind: 'previous' | 'current',
): void {
  cell.style = valueCellStyle(kind, item);
  if (stored === null || stored === undefined || stored === '') return;
  const checked = validateValue(item, stored);
  if (!checked.ok) {
    cell.value = String(stored);
    return;
  }
  cell.value = displayValue(item, checked.value);
}

export function displayValue(item: Item, value: number | boolean | string): ExcelJS.CellValue {
  switch (item.type) {
    case 'boolean':
      return value === true ? YES : NO;
    case 'choice':
      return item.choices?.find((choice) => choice.code === value)?.label ?? String(value);
    case 'date':
      return isoDateToUtc(String(value));
    default:
      return value;
  }
}

export function numberFormat(item: Item): string {
  switch (item.type) {
    case 'integer':
      return '#,##0';
    case 'decimal':
      return '#,##0.00';
    case 'percentage':
      return 'General';
    case 'date':
      return DATE_FORMAT;
    default:
      // Text format, so that Excel keeps "00123" or "1/2" as typed in text and choice cells.
      return '@';
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation

export const LOWEST_NUMBER = -1e15;
export const HIGHEST_NUMBER = 1e15;

export function dataValidationFor(item: Item, choiceRanges: Map<string, string>): ExcelJS.DataValidation {
  const base: Partial<ExcelJS.DataValidation> = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Valeur non valide',
    // Excel limits an input message to 255 characters.
    ...(item.help ? { showInputMessage: true, promptTitle: 'Aide', prompt: item.help.slice(0, 250) } : {}),
  };
  switch (item.type) {
    case 'integer':
    case 'decimal':
    case 'percentage':
      return numberValidation(item, base);
    case 'boolean':
      return { ...base, type: 'list', formulae: [`"${YES},${NO}"`], error: 'Choisissez « Oui » ou « Non ».' };
    case 'choice':
      return {
        ...base,
        type: 'list',
        formulae: [choiceRanges.get(item.code) ?? '""'],
        error: 'Choisissez une valeur de la liste.',
      };
    case 'date':
      return {
        ...base,
        type: 'date',
        operator: 'between',
        formulae: [new Date(Date.UTC(1901, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        error: 'Saisissez une date au format JJ/MM/AAAA.',
      };
    default:
      return {
        ...base,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [4000],
        error: 'Le texte ne doit pas dépasser 4 000 caractères.',
      };
  }
}

export function numberValidation(item: Item, base: Partial<ExcelJS.DataValidation>): ExcelJS.DataValidation {
  const min = item.min ?? (item.type === 'percentage' ? 0 : LOWEST_NUMBER);
  const max = item.max ?? (item.type === 'percentage' ? 100 : HIGHEST_NUMBER);
  const kind = item.type === 'integer' ? 'un nombre entier' : 'un nombre';
  const bounds =
    min > LOWEST_NUMBER && max < HIGHEST_NUMBER
      ? ` entre ${frenchNumber(min)} et ${frenchNumber(max)}`
      : min > LOWEST_NUMBER
        ? ` supérieur ou égal à ${frenchNumber(min)}`
        : max < HIGHEST_NUMBER
          ? ` inférieur ou égal à ${frenchNumber(max)}`
          : '';
  return {
    ...base,
    type: item.type === 'integer' ? 'whole' : 'decimal',
    operator: 'between',
    formulae: [min, max],
    error: `Saisissez ${kind}${bounds}.`,
  };
}

export function frenchNumber(n: number): string {
  return String(n).replace('.', ',');
}

// ---------------------------------------------------------------------------------------------
// Choice lists and OG sheet

/** Column letters of the hidden lists sheet: one column per choice item, labels from row 2. */
export function choiceListRanges(dictionary: Dictionary): Map<string, string> {
  const ranges = new Map<string, string>();
  choiceItems(dictionary).forEach((item, index) => {
    const letter = columnLetter(index + 1);
    const last = 1 + (item.choices?.length ?? 0);
    ranges.set(item.code, `${LISTS_SHEET}!$${letter}$2:$${letter}$${last}`);
  });
  return ranges;
}

export function choiceItems(dictionary: Dictionary): Item[] {
  return dictionary.items.filter((item) => item.type === 'choice');
}

export function addListsSheet(workbook: ExcelJS.Workbook, dictionary: Dictionary): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  choiceItems(dictionary).forEach((item, index) => {
    sheet.getCell(1, index + 1).value = item.code;
    (item.choices ?? []).forEach((choice, row) => (sheet.getCell(row + 2, index + 1).value = choice.label));
  });
  return sheet;
}

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
