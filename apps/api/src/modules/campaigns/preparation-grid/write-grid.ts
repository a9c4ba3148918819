import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../../../common/files/exceljs';
import { NO_PAUSE, type Pause } from '../../../common/concurrency/time-slicer';
import { DOMAINS, DOMAIN_LABELS, type Domain, type Item } from '@tdb/dictionary';
import {
  CODE_COLUMN,
  FIRST_ITEM_ROW,
  FIRST_STRUCTURE_COLUMN,
  HEADER_ROW,
  HELP_COLUMN,
  LABEL_COLUMN,
  MARKER_ROW,
  ORGANISATION_KIND,
  ORGANISATION_SHEET,
  REQUIRED_COLUMN,
  UNIT_COLUMN,
  inCategory,
  previousColumnMarker,
  sheetMarker,
  sheetNameFor,
  valueColumnMarker,
} from './layout';
import {
  COLOURS,
  solidFill,
  PROTECTION,
  writeNotApplicable,
  writeValue,
  dataValidationFor,
  columnLetter,
  choiceListRanges,
  addListsSheet,
} from './grid-cells';
import { requiredText } from './required-text';
import type { GridInput, GridOrganisation, GridStructure } from './grid-input';
import { addReadmeSheet } from './readme-sheet';

export type { GridInput, GridOrganisation, GridStructure } from './grid-input';

/** One value column pair of a sheet: a structure, or the organisme gestionnaire. */
interface Entity {
  finess: string;
  name: string;
  /** null for the OG: its items apply whatever the categories of its structures. */
  categoryCode: string | null;
  values: Record<string, unknown>;
  previousValues: Record<string, unknown>;
}

interface SheetContext {
  input: GridInput;
  /** Range of the choice labels on the hidden lists sheet, by item code. */
  choiceRanges: Map<string, string>;
  slices: Pause;
}

/**
 * Builds the Excel "grille de préparation à la collecte" of one or several structures (and their
 * OG): a "Lisez-moi" sheet, one sheet per domain, an OG sheet, and a hidden sheet of choice lists.
 * Written as a stream, row after row, with `slices.pause()` after each row: an OG of 500
 * structures makes rows of a thousand cells, and the whole workbook held the event loop for
 * seconds; each row now takes a few milliseconds and only the zipped bytes are kept.
 */
export async function buildPreparationGrid(input: GridInput, slices: Pause = NO_PAUSE): Promise<Buffer> {
  assertDistinctFiness(input);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'TDB';
  workbook.title = `Grille de préparation à la collecte ${input.campaignYear}`;
  const choiceRanges = choiceListRanges(input.dictionary);
  const context: SheetContext = { input, choiceRanges, slices };

  await addReadmeSheet(workbook, input, slices);
  const entities = input.structures.map(structureEntity);
  for (const domain of DOMAINS) {
    const items = domainItems(input, domain);
    if (items.length === 0) continue;
    await addItemSheet(workbook, context, {
      name: sheetNameFor(DOMAIN_LABELS[domain]),
      kind: domain,
      rows: items.map((item) => ({ item })),
      entities,
    });
  }
  if (input.organisation) await addOrganisationSheet(workbook, context, input.organisation);
  addListsSheet(workbook, input.dictionary).commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

function assertDistinctFiness(input: GridInput): void {
  const seen = new Set<string>();
  for (const structure of input.structures) {
    if (seen.has(structure.finess)) throw new Error(`Structure ${structure.finess} given twice`);
    seen.add(structure.finess);
  }
}

function structureEntity(structure: GridStructure): Entity {
  return {
    finess: structure.finess,
    name: structure.name,
    categoryCode: structure.categoryCode,
    values: structure.values,
    previousValues: structure.previousValues,
  };
}

/** Non-OG items of a domain that apply to at least one structure of the grid. */
function domainItems(input: GridInput, domain: Domain): Item[] {
  return input.dictionary.items.filter(
    (item) =>
      item.domain === domain &&
      !item.ogLevel &&
      input.structures.some((structure) => inCategory(item, structure.categoryCode)),
  );
}

// ---------------------------------------------------------------------------------------------
// Item sheets (domains and OG)

interface SheetRow {
  item?: Item;
  /** A section title row (OG sheet): no code, so the reader skips it. */
  section?: string;
}

interface ItemSheetSpec {
  name: string;
  /** Domain code, or ORGANISATION_KIND. */
  kind: string;
  rows: SheetRow[];
  entities: Entity[];
}

async function addItemSheet(
  workbook: ExcelJS.Workbook,
  context: SheetContext,
  spec: ItemSheetSpec,
): Promise<void> {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: LABEL_COLUMN, ySplit: HEADER_ROW, topLeftCell: 'C3' }],
  });
  setColumns(sheet, spec.entities.length);
  writeMarkers(sheet, context.input.campaignYear, spec);
  writeHeaders(sheet, context.input.campaignYear, spec.entities);
  // Protection is written when the sheet is committed; set first, like everything of the sheet.
  await sheet.protect('', PROTECTION);
  for (const [index, row] of spec.rows.entries()) {
    const rowNumber = FIRST_ITEM_ROW + index;
    if (row.item) writeItemRow(sheet, context, rowNumber, row.item, spec.entities);
    else writeSectionRow(sheet, rowNumber, row.section ?? '', spec.entities.length);
    sheet.getRow(rowNumber).commit();
    await context.slices.pause();
  }
  sheet.commit();
}

function setColumns(sheet: ExcelJS.Worksheet, entityCount: number): void {
  const columns: Partial<ExcelJS.Column>[] = [
    { width: 14 },
    { width: 60 },
    { width: 10 },
    { width: 45 },
    { width: 14 },
  ];
  for (let i = 0; i < entityCount; i += 1) columns.push({ width: 14 }, { width: 26 });
  sheet.columns = columns;
}

function writeMarkers(sheet: ExcelJS.Worksheet, campaignYear: number, spec: ItemSheetSpec): void {
  const row = sheet.getRow(MARKER_ROW);
  row.getCell(CODE_COLUMN).value = sheetMarker(campaignYear, spec.kind);
  row.getCell(LABEL_COLUMN).value = 'LIBELLE';
  row.getCell(UNIT_COLUMN).value = 'UNITE';
  row.getCell(HELP_COLUMN).value = 'AIDE';
  row.getCell(REQUIRED_COLUMN).value = 'OBLIGATOIRE';
  spec.entities.forEach((entity, index) => {
    row.getCell(previousColumn(index)).value = previousColumnMarker(entity.finess);
    row.getCell(valueColumn(index)).value = valueColumnMarker(entity.finess);
  });
  row.hidden = true;
}

function writeHeaders(sheet: ExcelJS.Worksheet, campaignYear: number, entities: Entity[]): void {
  const row = sheet.getRow(HEADER_ROW);
  const labels = ['Code', 'Libellé', 'Unité', 'Aide', 'Obligatoire'];
  labels.forEach((label, index) => (row.getCell(index + 1).value = label));
  entities.forEach((entity, index) => {
    row.getCell(previousColumn(index)).value = `N-1 ${entity.finess}`;
    row.getCell(valueColumn(index)).value = `${campaignYear} ${entity.finess} – ${entity.name}`;
  });
  row.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: COLOURS.headerText } };
    cell.fill = solidFill(COLOURS.header);
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  row.height = 45;
}

function previousColumn(entityIndex: number): number {
  return FIRST_STRUCTURE_COLUMN + 2 * entityIndex;
}

function valueColumn(entityIndex: number): number {
  return FIRST_STRUCTURE_COLUMN + 2 * entityIndex + 1;
}

function writeSectionRow(sheet: ExcelJS.Worksheet, rowNumber: number, title: string, entityCount: number) {
  const row = sheet.getRow(rowNumber);
  row.getCell(LABEL_COLUMN).value = title;
  row.font = { bold: true };
  for (let column = CODE_COLUMN; column < valueColumn(entityCount); column += 1) {
    row.getCell(column).fill = solidFill(COLOURS.section);
  }
}

function writeItemRow(
  sheet: ExcelJS.Worksheet,
  context: SheetContext,
  rowNumber: number,
  item: Item,
  entities: Entity[],
): void {
  const row = sheet.getRow(rowNumber);
  const code = row.getCell(CODE_COLUMN);
  code.value = item.code;
  code.font = { size: 8, color: { argb: COLOURS.muted } };
  row.getCell(LABEL_COLUMN).value = item.label;
  row.getCell(UNIT_COLUMN).value = unitText(item);
  row.getCell(HELP_COLUMN).value = item.help ?? null;
  row.getCell(HELP_COLUMN).font = { italic: true, size: 9 };
  row.getCell(REQUIRED_COLUMN).value = requiredText(
    item,
    entities.some((entity) => entity.categoryCode === null)
      ? null
      : entities.map((entity) => entity.categoryCode ?? ''),
    context.input.structures.map((structure) => structure.categoryCode),
  );
  for (const column of [LABEL_COLUMN, UNIT_COLUMN, HELP_COLUMN, REQUIRED_COLUMN]) {
    row.getCell(column).alignment = { wrapText: true, vertical: 'top' };
  }
  // One validation per run of structures the item applies to, from the first value cell to the
  // last (last year's cells between them are locked, so it changes nothing there): one range
  // instead of a validation per cell, which ExcelJS compared pairwise and wrote one by one.
  const validation = dataValidationFor(item, context.choiceRanges);
  let runStart: number | null = null;
  const endRun = (last: number) => {
    if (runStart === null) return;
    const from = `${columnLetter(valueColumn(runStart))}${rowNumber}`;
    const to = `${columnLetter(valueColumn(last))}${rowNumber}`;
    validations(sheet).add(from === to ? from : `${from}:${to}`, validation);
    runStart = null;
  };
  entities.forEach((entity, index) => {
    const applies = entity.categoryCode === null || inCategory(item, entity.categoryCode);
    if (!applies) {
      endRun(index - 1);
      writeNotApplicable(row.getCell(previousColumn(index)));
      writeNotApplicable(row.getCell(valueColumn(index)));
      return;
    }
    runStart ??= index;
    writeValue(row.getCell(previousColumn(index)), item, entity.previousValues[item.code], 'previous');
    writeValue(row.getCell(valueColumn(index)), item, entity.values[item.code], 'current');
  });
  endRun(entities.length - 1);
}

/** A sheet's data validations, by address or range. */
interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/** ExcelJS keeps them on every sheet (streamed too); its types do not say so. */
function validations(sheet: ExcelJS.Worksheet): DataValidations {
  return (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
}

function unitText(item: Item): string | null {
  if (item.unit) return item.unit;
  return item.type === 'percentage' ? '%' : null;
}

async function addOrganisationSheet(
  workbook: ExcelJS.Workbook,
  context: SheetContext,
  organisation: GridOrganisation,
): Promise<void> {
  const rows: SheetRow[] = [];
  for (const domain of DOMAINS) {
    const items = context.input.dictionary.items.filter((item) => item.ogLevel && item.domain === domain);
    if (items.length === 0) continue;
    rows.push({ section: DOMAIN_LABELS[domain] }, ...items.map((item) => ({ item })));
  }
  const entity: Entity = { ...organisation, categoryCode: null };
  await addItemSheet(workbook, context, {
    name: ORGANISATION_SHEET,
    kind: ORGANISATION_KIND,
    rows,
    entities: [entity],
  });
}
