import { assertSafeXlsx, withXlsxSlot } from '../../common/files/safe-xlsx';
import { exceljs } from '../../common/files/exceljs';
import { detectEncoding } from '@tdb/finess';
import type { TransferPrevious } from '@tdb/contracts';

export interface ProvisioningRow {
  line: number;
  finess: string;
  lastName: string;
  firstName: string;
  email: string;
  phone: string;
  /**
   * Optional column « Transfert » (or « APE actuel devient »): what the organisation's current APE
   * becomes when it has one — « utilisateur » or « retrait »; blank when it has none.
   */
  transfer: string;
}

export type ParsedProvisioningFile = { ok: true; rows: ProvisioningRow[] } | { ok: false; message: string };

const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Accepted header names (accents, case and punctuation ignored). */
const COLUMNS: Record<keyof Omit<ProvisioningRow, 'line'>, string[]> = {
  finess: ['finess', 'nfiness', 'numerofiness', 'finessgeographique', 'finessjuridique'],
  lastName: ['nom', 'nomdefamille', 'apeacreernom'],
  firstName: ['prenom', 'apeacreerprenom'],
  email: ['courriel', 'email', 'mail', 'adresseelectronique', 'adressemail', 'apeacreercourriel'],
  phone: ['telephone', 'tel', 'numerodetelephone', 'apeacreertelephone'],
  transfer: ['transfert', 'apeacreertransfert', 'apeactueldevient', 'transfertdelapeactuel'],
};

/** Optional columns: a file without them reads as before. */
const OPTIONAL: readonly (keyof typeof COLUMNS)[] = ['phone', 'transfer'];

/** The campaign scope list (campaign-scope.service): its "Dans le périmètre" column. */
const SCOPE_COLUMN = 'dansleperimetre';

function mapHeader(cells: string[]): Record<keyof typeof COLUMNS, number> | string {
  const positions = {} as Record<keyof typeof COLUMNS, number>;
  for (const [field, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string[]][]) {
    const index = cells.findIndex((cell) => names.includes(normalise(cell)));
    if (index < 0 && !OPTIONAL.includes(field)) {
      return `Colonne « ${names[0]} » introuvable sur la première ligne (attendu : FINESS ; Nom ; Prénom ; Courriel ; Téléphone).`;
    }
    positions[field] = index;
  }
  return positions;
}

function toRows(table: string[][]): ParsedProvisioningFile {
  const [header, ...body] = table;
  if (!header) return { ok: false, message: 'Le fichier est vide.' };
  const positions = mapHeader(header);
  if (typeof positions === 'string') return { ok: false, message: positions };
  const cell = (row: string[], index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
  const scopeColumn = header.findIndex((name) => normalise(name) === SCOPE_COLUMN);
  const rows = body
    .map((row, i) => ({
      line: i + 2,
      finess: cell(row, positions.finess),
      lastName: cell(row, positions.lastName),
      firstName: cell(row, positions.firstName),
      email: cell(row, positions.email),
      phone: cell(row, positions.phone),
      transfer: cell(row, positions.transfer),
    }))
    .filter((row) => row.finess || row.lastName || row.firstName || row.email || row.phone)
    // A campaign scope list provisions only the APEs the authority wrote in for structures kept in
    // the campaign; the other lines (structures with an APE already, excluded ones) are not about it.
    .filter((row) => {
      if (scopeColumn < 0) return true;
      const inScope = normalise(cell(body[row.line - 2] ?? [], scopeColumn)) !== 'non';
      return inScope && Boolean(row.lastName || row.firstName || row.email);
    });
  if (rows.length === 0) {
    return {
      ok: false,
      message:
        scopeColumn >= 0
          ? 'Aucun APE à créer dans cette liste : remplissez les colonnes « APE à créer » des structures retenues.'
          : 'Le fichier ne contient aucune ligne après l’en-tête.',
    };
  }
  if (rows.length > 5000) return { ok: false, message: 'Au plus 5 000 lignes par fichier.' };
  return { ok: true, rows };
}

/** CSV (";" or ",", UTF-8 or ISO-8859-1) or XLSX (first sheet). */
export async function parseProvisioningFile(
  buffer: Buffer,
  fileName: string,
): Promise<ParsedProvisioningFile> {
  const isXlsx = /\.xlsx$/i.test(fileName) || buffer.subarray(0, 2).toString('latin1') === 'PK';
  if (isXlsx) {
    await assertSafeXlsx(buffer);
    const workbook = new (exceljs().Workbook)();
    try {
      await withXlsxSlot(() => workbook.xlsx.load(buffer as unknown as ArrayBuffer));
    } catch {
      return { ok: false, message: 'Ce fichier XLSX est illisible.' };
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return { ok: false, message: 'Le classeur ne contient aucune feuille.' };
    const table: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values = (row.values as unknown[]).slice(1).map((v) => {
        if (v === null || v === undefined) return '';
        if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
        if (typeof v === 'object' && 'result' in (v as object))
          return String((v as { result: unknown }).result ?? '');
        return String(v);
      });
      table[rowNumber - 1] = values;
    });
    return toRows(Array.from(table, (row) => row ?? []));
  }
  const encoding = detectEncoding(
    new Uint8Array(buffer.buffer, buffer.byteOffset, Math.min(buffer.length, 65536)),
  );
  const text = buffer.toString(encoding === 'utf8' ? 'utf8' : 'latin1').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const delimiter = (lines[0] ?? '').includes(';') ? ';' : ',';
  return toRows(lines.map((line) => line.split(delimiter).map((cell) => cell.replace(/^"(.*)"$/, '$1'))));
}

const TRANSFER_WORDS: Readonly<Record<string, TransferPrevious>> = {
  utilisateur: 'USER',
  user: 'USER',
  retrait: 'REVOKE',
  retirer: 'REVOKE',
  revoke: 'REVOKE',
  controleur: 'CONTROLLER',
  controller: 'CONTROLLER',
  lecteur: 'READER',
  reader: 'READER',
};

/** The « Transfert » cell: null when blank, 'invalid' when not understood. */
export function parseTransferCell(text: string): TransferPrevious | null | 'invalid' {
  const word = normalise(text);
  if (word === '') return null;
  return TRANSFER_WORDS[word] ?? 'invalid';
}
