import ExcelJS from 'exceljs';
import type { PracticeRow, StructurePractices, StructureRestitution } from '@tdb/contracts';
import { addPracticesSheet, practiceAnswerText, practicesPdfContent } from './practices-export';

const stage = (available: boolean): StructurePractices['stage'] => ({
  provisional: !available,
  notice: null,
  peers: {
    available,
    reason: available ? null : 'Les comparaisons arrivent le 1er septembre.',
    availableFrom: '2026-09-01',
  },
});

const row = (overrides: Partial<PracticeRow>): PracticeRow => ({
  code: 'si_outil_comptabilite',
  label: 'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
  type: 'choice',
  held: false,
  date: null,
  answer: 'Tableur / bureautique',
  peers: null,
  ...overrides,
});

const practices = (available: boolean, rows: PracticeRow[]): StructurePractices => ({
  campaignYear: 2026,
  finess: '450000211',
  categoryCode: 'EHPAD',
  regionCode: '24',
  departmentCode: '45',
  stage: stage(available),
  axes: [{ code: 'O04', label: 'Système d’information', meaning: 'Les pratiques.', practices: rows }],
});

const restitution = (name: string) =>
  ({ campaignYear: 2026, finess: '450000211', name, stage: stage(true) }) as StructureRestitution;

async function sheetRows(p: StructurePractices, name = 'EHPAD') {
  const workbook = new ExcelJS.Workbook();
  addPracticesSheet(workbook, restitution(name), p);
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  const sheet = read.getWorksheet('Pratiques')!;
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((r) => r.eachCell((c) => cells.push(c)));
  return cells;
}

describe('practices in the restitution downloads', () => {
  it('says whether a tool or a number counts as the practice, not for yes/no or dates', () => {
    expect(practiceAnswerText(row({}))).toBe('Tableur / bureautique (pas en place)');
    expect(practiceAnswerText(row({ type: 'integer', held: true, answer: '5 modules sur 9' }))).toBe(
      '5 modules sur 9 (en place)',
    );
    expect(practiceAnswerText(row({ held: null, answer: 'Non renseigné' }))).toBe('Non renseigné');
    expect(practiceAnswerText(row({ type: 'boolean', held: true, answer: 'Oui' }))).toBe('Oui');
  });

  it('prints no peer column when the rows have no peers (before the restitution)', () => {
    const text = JSON.stringify(practicesPdfContent(practices(false, [row({})])));
    expect(text).toContain('Les réponses de la structure, sans comparaison pour l’instant.');
    expect(text).not.toMatch(/France|moins de 5 structures/);
  });

  it('prints each level’s share, or « moins de 5 structures » for a suppressed one', () => {
    const peers = [
      { level: 'NATION' as const, territoryCode: 'FR', suppressed: false, n: 8, share: 62.5 },
      { level: 'REGION' as const, territoryCode: '24', suppressed: true, n: null, share: null },
    ];
    const text = JSON.stringify(practicesPdfContent(practices(true, [row({ peers })])));
    expect(text).toContain('"Région (24)"');
    expect(text).toContain('62,5\u00a0% (sur\u00a08)');
    expect(text).toContain('moins de 5 structures');
  });

  it('writes text as text in the workbook: a leading « = » never makes a formula', async () => {
    const cells = await sheetRows(
      practices(true, [row({ label: '=HYPERLINK("http://x","y")', answer: '=1+1' })]),
      '=cmd|calc',
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(cells.some((c) => c.value === '=1+1')).toBe(true);
  });
});
