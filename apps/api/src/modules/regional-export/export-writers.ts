import type { PassThrough } from 'node:stream';
import { exceljs } from '../../common/files/exceljs';
import type { ExportColumnSpec } from './export-columns';
import { FINESS_COLUMNS, RATE_FORMAT } from './export-columns';
import { csvHeader, csvLine, jsonLine, type ExportCell } from './export-text';
import type { TerritoryRef } from '@tdb/access';

/** The territory of an export of the data entered: a region or a département. */
export type ExportTerritory = TerritoryRef & { level: 'REGION' | 'DEPARTMENT' };

/** « région 24 », « département 45 »: the sheet's title. */
export function territoryTitle(territory: ExportTerritory): string {
  return territory.level === 'REGION' ? `région ${territory.code}` : `département ${territory.code}`;
}

/**
 * Writes the workbook into `stream` as rows come; stops early, leaving it unfinished, once the
 * stream is gone. FINESS columns are text, dates dd/mm/yyyy, `rates` in the % format.
 */
export async function writeXlsx(
  stream: PassThrough,
  title: string,
  columns: readonly ExportColumnSpec[],
  rates: ReadonlySet<number>,
  rows: AsyncIterable<ExportCell[]>,
): Promise<void> {
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = columns.map((c) => ({
    key: c.letter,
    width: FINESS_COLUMNS.has(c.n) ? 12 : 18,
    style: FINESS_COLUMNS.has(c.n) ? { numFmt: '@' } : rates.has(c.n) ? { numFmt: RATE_FORMAT } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  header.commit();
  // One style object per format, shared by every cell that has it: ExcelJS gives each new cell a
  // style object of its own and finds its id by rendering it to XML, half the CPU of a regional
  // export; a shared object is found once (ExcelJS keeps the ids of the objects it has seen).
  const styles = {
    none: {},
    text: { numFmt: '@' },
    date: { numFmt: 'dd/mm/yyyy' },
    rate: { numFmt: RATE_FORMAT },
  };
  const columnStyles = columns.map((c) =>
    FINESS_COLUMNS.has(c.n) ? styles.text : rates.has(c.n) ? styles.rate : styles.none,
  );
  for await (const cells of rows) {
    const excelRow = sheet.addRow(cells);
    for (let i = 0; i < columns.length; i++) {
      const style = columnStyles[i]!;
      excelRow.getCell(i + 1).style = style !== styles.text && cells[i] instanceof Date ? styles.date : style;
    }
    excelRow.commit();
  }
  if (stream.destroyed) return;
  sheet.commit();
  await workbook.commit();
}

/** Writes the rows as CSV or JSON lines (export-text.ts), line after line as they come. */
export async function writeText(
  stream: PassThrough,
  columns: readonly ExportColumnSpec[],
  rows: AsyncIterable<ExportCell[]>,
  format: 'csv' | 'jsonl',
): Promise<void> {
  const line = format === 'csv' ? csvLine : jsonLine(columns);
  if (format === 'csv') stream.write(csvHeader(columns));
  for await (const cells of rows) stream.write(line(cells));
  if (!stream.destroyed) stream.end();
}
