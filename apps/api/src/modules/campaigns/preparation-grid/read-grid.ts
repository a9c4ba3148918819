import { assertSafeXlsx, withXlsxSlot } from '../../../common/files/safe-xlsx';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../../common/files/exceljs';
import { NO_PAUSE, type Pause } from '../../../common/concurrency/time-slicer';
import { DOMAINS, validateValue, type Dictionary, type Item } from '@tdb/dictionary';
import {
  CODE_COLUMN,
  FIRST_ITEM_ROW,
  MARKER_ROW,
  NOT_APPLICABLE,
  ORGANISATION_KIND,
  excelSerialToIsoDate,
  inCategory,
  isFiness,
  itemsByCode,
  parseSheetMarker,
  parseValueColumnMarker,
} from './layout';

export interface GridCellError {
  /** Sheet name as found in the file; '' for an error about the whole file. */
  sheet: string;
  /** A1-style reference, e.g. 'F12'; '' for an error about the whole file. */
  cell: string;
  finess: string | null;
  itemCode: string | null;
  /** Full French sentence, e.g. « Feuille « Finances et budget », cellule G14 : … ». */
  message: string;
}

export type GridValue = number | boolean | string | null;

export type GridReadResult =
  | {
      ok: true;
      /** By FINESS, then item code; null = cell left empty (no value). */
      values: Record<string, Record<string, GridValue>>;
      organisationValues: Record<string, GridValue>;
    }
  | { ok: false; errors: GridCellError[] };

export interface GridExpectation {
  dictionary: Dictionary;
  structures: { finess: string; categoryCode: string }[];
  organisation?: { finess: string };
}

/** Beyond this, errors are summarised: nobody reads a list of 3 000 lines. */
export const MAX_REPORTED_ERRORS = 500;

/** A value column of a sheet, resolved from its row 1 marker. */
interface ValueColumn {
  column: number;
  finess: string;
  /** null on the OG sheet, where every OG item applies. */
  categoryCode: string | null;
  target: Record<string, GridValue>;
}

interface ReadState {
  expected: GridExpectation;
  items: Map<string, Item>;
  values: Record<string, Record<string, GridValue>>;
  organisationValues: Record<string, GridValue>;
  errors: GridCellError[];
  /** Where each (FINESS, item) was already read, to refuse a duplicated row. */
  seen: Map<string, string>;
}

/**
 * Reads a filled preparation grid back: every value cell is checked with the dictionary, and the
 * result is all-or-nothing (any error → ok: false with every error found).
 */
export async function readPreparationGrid(
  buffer: Buffer,
  expected: GridExpectation,
  slices: Pause = NO_PAUSE,
): Promise<GridReadResult> {
  const workbook = await loadWorkbook(buffer);
  if (!workbook) return fileError('Le fichier n’est pas un classeur Excel (.xlsx) lisible.');
  const state = initialState(expected);
  try {
    const gridSheets = workbook.worksheets.filter((sheet) => sheetKind(sheet) !== null);
    if (gridSheets.length === 0) {
      return fileError(
        'Ce classeur n’est pas une grille de préparation à la collecte : aucune feuille reconnue. Téléchargez la grille depuis la plateforme.',
      );
    }
    for (const sheet of gridSheets) await readSheet(sheet, state, slices);
  } catch {
    // exceljs may throw on odd but loadable files: one clear message rather than a 500.
    return fileError('Le fichier n’a pas pu être lu entièrement ; il est peut-être endommagé.');
  }
  if (state.errors.length > 0) return { ok: false, errors: capErrors(state.errors) };
  return { ok: true, values: state.values, organisationValues: state.organisationValues };
}

/** The workbook, or null when unreadable; a file that would take the service down throws (413). */
async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook | null> {
  await assertSafeXlsx(buffer);
  const workbook = new (exceljs().Workbook)();
  try {
    await withXlsxSlot(() => workbook.xlsx.load(buffer as unknown as ArrayBuffer));
    return workbook;
  } catch {
    return null;
  }
}

function fileError(message: string): GridReadResult {
  return { ok: false, errors: [{ sheet: '', cell: '', finess: null, itemCode: null, message }] };
}

function initialState(expected: GridExpectation): ReadState {
  return {
    expected,
    items: itemsByCode(expected.dictionary),
    values: Object.fromEntries(expected.structures.map((s) => [s.finess, {}])),
    organisationValues: {},
    errors: [],
    seen: new Map(),
  };
}

function capErrors(errors: GridCellError[]): GridCellError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const rest = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    {
      sheet: '',
      cell: '',
      finess: null,
      itemCode: null,
      message: `… et ${rest} autre${rest > 1 ? 's' : ''} erreur${rest > 1 ? 's' : ''}.`,
    },
  ];
}

function sheetKind(sheet: ExcelJS.Worksheet): { campaignYear: number; kind: string } | null {
  return parseSheetMarker(cellText(sheet.getCell(MARKER_ROW, CODE_COLUMN).value) ?? '');
}

function addError(
  state: ReadState,
  sheet: ExcelJS.Worksheet,
  cell: string,
  detail: string,
  context: { finess?: string | null; itemCode?: string | null } = {},
): void {
  state.errors.push({
    sheet: sheet.name,
    cell,
    finess: context.finess ?? null,
    itemCode: context.itemCode ?? null,
    message: `Feuille « ${sheet.name} », cellule ${cell} : ${detail}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Sheets and columns

async function readSheet(sheet: ExcelJS.Worksheet, state: ReadState, slices: Pause): Promise<void> {
  const marker = sheetKind(sheet);
  if (!marker) return;
  const markerCell = sheet.getCell(MARKER_ROW, CODE_COLUMN).address;
  const campaignYear = state.expected.dictionary.campaignYear;
  if (marker.campaignYear !== campaignYear) {
    addError(
      state,
      sheet,
      markerCell,
      `Cette feuille provient de la grille de la campagne ${marker.campaignYear} ; téléchargez la grille de la campagne ${campaignYear}.`,
    );
    return;
  }
  const isOrganisation = marker.kind === ORGANISATION_KIND;
  if (!isOrganisation && !(DOMAINS as readonly string[]).includes(marker.kind)) {
    addError(state, sheet, markerCell, 'Feuille de type inconnu ; ne modifiez pas la ligne 1 masquée.');
    return;
  }
  const columns = valueColumns(sheet, state, isOrganisation);
  for (let row = FIRST_ITEM_ROW; row <= sheet.rowCount; row += 1) {
    readRow(sheet, state, row, columns, isOrganisation);
    // A row holds a value per structure of the OG (hundreds): the event loop is given back between rows.
    await slices.pause();
  }
}

function valueColumns(sheet: ExcelJS.Worksheet, state: ReadState, isOrganisation: boolean): ValueColumn[] {
  const columns: ValueColumn[] = [];
  sheet.getRow(MARKER_ROW).eachCell((cell, column) => {
    const finess = parseValueColumnMarker(cellText(cell.value) ?? '');
    if (finess === null) return;
    const resolved = resolveColumn(state, finess, isOrganisation);
    const duplicated = columns.some((other) => other.finess === finess);
    if (typeof resolved === 'string' || duplicated) {
      const problem = duplicated
        ? `La colonne de valeurs du FINESS ${finess} apparaît plusieurs fois.`
        : resolved;
      addError(state, sheet, cell.address, String(problem), { finess });
      return;
    }
    columns.push({ column, finess, ...resolved });
  });
  return columns;
}

/** Where a column's values go, or why the column is refused. */
function resolveColumn(
  state: ReadState,
  finess: string,
  isOrganisation: boolean,
): Omit<ValueColumn, 'column' | 'finess'> | string {
  if (!isFiness(finess)) {
    return `Colonne de valeurs au numéro FINESS non reconnu (« ${finess} ») ; ne modifiez pas la ligne 1 masquée.`;
  }
  if (isOrganisation) {
    return state.expected.organisation?.finess === finess
      ? { categoryCode: null, target: state.organisationValues }
      : `L’organisme gestionnaire FINESS ${finess} n’est pas celui attendu pour ce dépôt.`;
  }
  const structure = state.expected.structures.find((s) => s.finess === finess);
  const target = state.values[finess];
  return structure && target
    ? { categoryCode: structure.categoryCode, target }
    : `La structure FINESS ${finess} ne fait pas partie des structures attendues pour ce dépôt.`;
}

// ---------------------------------------------------------------------------------------------
// Rows and cells

function readRow(
  sheet: ExcelJS.Worksheet,
  state: ReadState,
  row: number,
  columns: ValueColumn[],
  isOrganisation: boolean,
): void {
  const codeCell = sheet.getCell(row, CODE_COLUMN);
  const code = cellText(codeCell.value)?.trim() ?? '';
  if (code === '') {
    reportOrphanValues(sheet, state, row, columns);
    return;
  }
  const item = state.items.get(code);
  if (!item) {
    addError(state, sheet, codeCell.address, `Le code d’élément « ${code} » est inconnu du dictionnaire.`, {
      itemCode: code,
    });
    return;
  }
  if (item.ogLevel !== isOrganisation) {
    const where = item.ogLevel ? 'dans l’onglet de l’organisme gestionnaire' : 'structure par structure';
    addError(state, sheet, codeCell.address, `L’élément « ${code} » se saisit ${where}.`, { itemCode: code });
    return;
  }
  for (const column of columns) readCell(sheet, state, sheet.getCell(row, column.column), item, column);
}

/** A value typed on a row without a code cannot be attributed: say so rather than drop it. */
function reportOrphanValues(sheet: ExcelJS.Worksheet, state: ReadState, row: number, columns: ValueColumn[]) {
  for (const column of columns) {
    const cell = sheet.getCell(row, column.column);
    const input = cellInput(cell);
    if (input.kind !== 'empty') {
      addError(state, sheet, cell.address, 'Valeur saisie sur une ligne sans code d’élément (colonne A).', {
        finess: column.finess,
      });
    }
  }
}

function readCell(
  sheet: ExcelJS.Worksheet,
  state: ReadState,
  cell: ExcelJS.Cell,
  item: Item,
  column: ValueColumn,
): void {
  const context = { finess: column.finess, itemCode: item.code };
  const input = cellInput(cell);
  if (column.categoryCode !== null && !inCategory(item, column.categoryCode)) {
    if (input.kind !== 'empty') {
      addError(
        state,
        sheet,
        cell.address,
        `L’élément « ${item.label} » ne s’applique pas à la catégorie ${column.categoryCode} : laissez « ${NOT_APPLICABLE} ».`,
        context,
      );
    }
    return;
  }
  const key = `${column.finess}|${item.code}`;
  const previous = state.seen.get(key);
  if (previous !== undefined) {
    addError(state, sheet, cell.address, `L’élément « ${item.code} » figure déjà en ${previous}.`, context);
    return;
  }
  state.seen.set(key, `feuille « ${sheet.name} », cellule ${cell.address}`);
  if (input.kind === 'error') {
    addError(state, sheet, cell.address, input.message, context);
    return;
  }
  if (input.kind === 'empty') {
    column.target[item.code] = null;
    return;
  }
  const checked = validateValue(item, prepareForItem(item, input.value, cell.numFmt));
  if (checked.ok) column.target[item.code] = checked.value;
  else addError(state, sheet, cell.address, checked.message, context);
}

type CellInput =
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | { kind: 'value'; value: number | string | boolean | Date };

/** Flattens exceljs's cell value shapes; "—" (not applicable) counts as empty. */
function cellInput(cell: ExcelJS.Cell): CellInput {
  return toInput(cell.value);
}

function toInput(value: ExcelJS.CellValue): CellInput {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' || text === NOT_APPLICABLE ? { kind: 'empty' } : { kind: 'value', value };
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return { kind: 'value', value };
  }
  if ('error' in value) {
    return { kind: 'error', message: `La cellule contient une erreur Excel (${String(value.error)}).` };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      return { kind: 'error', message: 'La formule n’a pas de résultat calculé ; saisissez la valeur.' };
    }
    return toInput(value.result);
  }
  return toInput(cellText(value));
}

/** Plain text of a cell value (rich text and hyperlinks flattened), or null when there is none. */
function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return null;
}

/**
 * Adapts what Excel stored to what `validateValue` expects: dates typed as text (JJ/MM/AAAA) or kept
 * as a serial number, percentages typed with "%" (Excel stores 50 % as 0.5), numbers in text items.
 */
function prepareForItem(
  item: Item,
  value: number | string | boolean | Date,
  numFmt: string | undefined,
): unknown {
  switch (item.type) {
    case 'date':
      if (typeof value === 'number') return excelSerialToIsoDate(value) ?? value;
      if (typeof value === 'string') return frenchDateToIso(value.trim()) ?? value;
      return value;
    case 'percentage':
      return typeof value === 'number' && numFmt?.includes('%')
        ? Number((value * 100).toPrecision(12))
        : value;
    case 'text':
    case 'choice':
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      return typeof value === 'string' ? value : String(value);
    default:
      return value;
  }
}

function frenchDateToIso(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match || !match[1] || !match[2] || !match[3]) return null;
  return `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}
