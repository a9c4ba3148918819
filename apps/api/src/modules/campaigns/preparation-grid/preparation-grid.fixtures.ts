/** Fixtures shared by the preparation grid tests. */
import ExcelJS from 'exceljs';
import { getDictionary, itemsFor, type Item } from '@tdb/dictionary';
import { type GridInput, type GridStructure } from './index';

export const dictionary = getDictionary(2026);

export const EHPAD = '750000011';
export const ESAT = '750000029';
export const SESSAD = '750000037';
export const OG = '750000003';

export function structure(overrides: Partial<GridStructure> & { finess: string }): GridStructure {
  return {
    name: `Structure ${overrides.finess}`,
    categoryCode: 'EHPAD',
    categoryLabel: 'Établissement d’hébergement pour personnes âgées dépendantes',
    values: {},
    previousValues: {},
    ...overrides,
  };
}

export function ogInput(): GridInput {
  return {
    dictionary,
    campaignYear: 2026,
    structures: [
      structure({ finess: EHPAD, name: 'EHPAD Les Lilas', values: { personnes_gir_1: 12 } }),
      structure({
        finess: ESAT,
        name: 'ESAT du Parc',
        categoryCode: 'ESAT',
        categoryLabel: 'Établissement et service d’aide par le travail',
        values: { lits_places_autorises_permanent: 60 },
      }),
      structure({
        finess: SESSAD,
        name: 'SESSAD Horizon',
        categoryCode: 'SESSAD',
        categoryLabel: 'Service d’éducation spéciale et de soins à domicile',
        values: { personnes_orientation_mdph: 30 },
      }),
    ],
    organisation: {
      finess: OG,
      name: 'Association Horizon',
      values: {
        cpom_en_cours: true,
        cpom_date_echeance: '2027-12-31',
        convention_collective: 'ccn_1966',
        si_budget_exploitation: 15000.75,
      },
      previousValues: { cpom_en_cours: false },
    },
  };
}

export function ogExpectation() {
  return {
    dictionary,
    structures: [
      { finess: EHPAD, categoryCode: 'EHPAD' },
      { finess: ESAT, categoryCode: 'ESAT' },
      { finess: SESSAD, categoryCode: 'SESSAD' },
    ],
    organisation: { finess: OG },
  };
}

export async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

export async function save(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`No sheet ${name}`);
  return found;
}

/** The value cell of an item for a FINESS, found the way the documented layout says. */
export function valueCell(
  worksheet: ExcelJS.Worksheet,
  code: string,
  finess: string,
  marker = 'VALEUR',
): ExcelJS.Cell {
  let row = 0;
  worksheet.getColumn(1).eachCell((cell, rowNumber) => {
    if (rowNumber >= 3 && cell.value === code) row = rowNumber;
  });
  let column = 0;
  worksheet.getRow(1).eachCell((cell, columnNumber) => {
    if (cell.value === `${marker}|${finess}`) column = columnNumber;
  });
  if (row === 0 || column === 0) throw new Error(`No cell for ${code} / ${finess} in ${worksheet.name}`);
  return worksheet.getCell(row, column);
}

export function item(code: string): Item {
  const found = dictionary.items.find((i) => i.code === code);
  if (!found) throw new Error(`No item ${code}`);
  return found;
}

export function structureItemCount(categoryCode: string): number {
  return itemsFor(dictionary, categoryCode).filter((i) => !i.ogLevel).length;
}
