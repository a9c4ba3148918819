/**
 * The qualitative axes (O04–O06) in the restitution's downloads: each practice, the structure's
 * answer and its peers' share at each level, as the page shows them. Whether there are peers at all
 * is decided once, by PracticesService (no peer before the restitution date, none under 5): these
 * pieces print what they are given, a column per level only when the rows have peers.
 */
import type ExcelJS from 'exceljs';
import type {
  PracticePeerShareDto,
  PracticeRow,
  StructurePractices,
  StructureRestitution,
} from '@tdb/contracts';

export const PRACTICES_TITLE =
  'Pratiques en place\u00a0: système d’information, développement durable, qualité et réglementation';

/** What a suppressed group reads, in place of a share. */
export const SUPPRESSED_PRACTICE = 'moins de 5 structures';

const LEVEL_LABELS: Readonly<Record<PracticePeerShareDto['level'], string>> = {
  NATION: 'France',
  REGION: 'Région',
  DEPARTMENT: 'Département',
};

const share = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** The levels compared, from the first practice that has peers (every practice has the same). */
function peerColumns(p: StructurePractices): PracticePeerShareDto[] {
  for (const axis of p.axes) {
    const row = axis.practices.find((r) => r.peers !== null && r.peers.length > 0);
    if (row?.peers) return row.peers;
  }
  return [];
}

const columnLabel = (c: PracticePeerShareDto): string =>
  c.level === 'NATION' ? LEVEL_LABELS.NATION : `${LEVEL_LABELS[c.level]} (${c.territoryCode})`;

const peerOf = (row: PracticeRow, column: PracticePeerShareDto) =>
  row.peers?.find((s) => s.level === column.level);

/**
 * The answer as entered. A choice or a number does not say by itself whether it counts as the
 * practice (a spreadsheet does not cover a function): that is said beside it, as on the page.
 */
export function practiceAnswerText(row: PracticeRow): string {
  if ((row.type !== 'choice' && row.type !== 'integer') || row.held === null) return row.answer;
  return `${row.answer} (${row.held ? 'en place' : 'pas en place'})`;
}

/** « 62,5 % (sur 8) », or « moins de 5 structures ». */
function shareText(s: PracticePeerShareDto | undefined): string {
  if (!s || s.suppressed || s.share === null) return SUPPRESSED_PRACTICE;
  return `${share.format(s.share)}\u00a0% (sur\u00a0${s.n})`;
}

function introText(p: StructurePractices, compared: boolean): string {
  if (!compared) return 'Les réponses de la structure, sans comparaison pour l’instant.';
  return (
    'Pour chaque pratique, la réponse de la structure et la part des structures de sa catégorie ' +
    '(saisie validée ou confirmée) qui l’ont, parmi celles qui ont répondu ; une pratique datée est en ' +
    'place quand une date est saisie, une fonction est couverte par un logiciel dédié ou un module de ' +
    `progiciel (pas par un tableur). Un niveau de moins de 5 structures n’est pas diffusé («\u00a0${SUPPRESSED_PRACTICE}\u00a0»)` +
    (p.stage.provisional ? ' ; parts provisoires.' : '.')
  );
}

/** The PDF's section (pdfmake content): a table per axis, the peers' columns only when there are peers. */
export function practicesPdfContent(p: StructurePractices): unknown[] {
  const columns = peerColumns(p);
  const content: unknown[] = [
    { text: PRACTICES_TITLE, style: 'axis', pageBreak: 'before' },
    { text: introText(p, columns.length > 0), style: 'small', margin: [0, 0, 0, 4] },
  ];
  for (const axis of p.axes) {
    if (axis.practices.length === 0) continue;
    content.push(
      { text: `${axis.code} – ${axis.label}`, style: 'axis' },
      { text: axis.meaning, style: 'small', margin: [0, 0, 0, 3] },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', 110, ...columns.map(() => 66)],
          body: [
            ['Pratique', 'La structure', ...columns.map(columnLabel)].map((text) => ({ text, style: 'th' })),
            ...axis.practices.map((row) => [
              { text: row.label, style: 'td' },
              { text: practiceAnswerText(row), style: 'td' },
              ...columns.map((c) => ({ text: shareText(peerOf(row, c)), style: 'td' })),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 8],
      },
    );
  }
  return content;
}

/**
 * The workbook's « Pratiques » sheet: a row per practice, the share (a number, in %) and the number
 * of peers that answered at each level. Text is written as plain string cells, as on the other
 * sheets: ExcelJS never makes a formula of a string, so a label starting with « = » stays text.
 */
export function addPracticesSheet(
  workbook: ExcelJS.Workbook,
  r: StructureRestitution,
  p: StructurePractices,
) {
  const sheet = workbook.addWorksheet('Pratiques');
  const columns = peerColumns(p);
  sheet.addRow([
    `${PRACTICES_TITLE} — restitution ${r.campaignYear}${r.stage.provisional ? ' (provisoire)' : ''} — ${r.name} (FINESS ${r.finess})`,
  ]).font = { bold: true, size: 13 };
  if (columns.length === 0 && p.stage.peers.reason)
    sheet.addRow([p.stage.peers.reason]).font = { bold: true };
  sheet.addRow([introText(p, columns.length > 0)]);
  sheet.addRow([]);
  sheet.addRow([
    'Axe',
    'Pratique',
    'Réponse de la structure',
    'Pratique en place',
    ...columns.flatMap((c) => [`${columnLabel(c)}\u00a0: part (%)`, `${columnLabel(c)}\u00a0: effectif`]),
  ]).font = { bold: true };
  for (const axis of p.axes) {
    for (const row of axis.practices) {
      sheet.addRow([
        `${axis.code} – ${axis.label}`,
        row.label,
        row.answer,
        row.held === null ? 'non renseigné' : row.held ? 'oui' : 'non',
        ...columns.flatMap((c): (string | number | null)[] => {
          const s = peerOf(row, c);
          return !s || s.suppressed || s.share === null ? [SUPPRESSED_PRACTICE, null] : [s.share, s.n];
        }),
      ]);
    }
  }
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 36 : index === 1 ? 60 : index === 2 ? 28 : 16;
  });
}
