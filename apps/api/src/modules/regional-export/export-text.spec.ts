import { csvHeader, csvLine, jsonKey, jsonLine } from './export-text';
import type { ExportColumnSpec } from './export-columns';

const column = (n: number, label: string, source: ExportColumnSpec['source']): ExportColumnSpec => ({
  n,
  letter: String.fromCharCode(64 + n),
  label,
  source,
});

const columns = [
  column(1, 'N° FINESS', { kind: 'identity', key: 'finess' }),
  column(2, 'Nombre de places', { kind: 'item', code: 'nb_places' }),
  column(3, 'Taux; en %', { kind: 'indicator', code: 'P15', measure: 'value' }),
  column(4, 'Part GIR 1', { kind: 'indicator', code: 'P06', part: 'gir1', measure: 'share' }),
  column(5, 'Copie', { kind: 'same', n: 2 }),
  column(6, 'Date', { kind: 'item', code: 'date_ouverture' }),
];

describe('export as text', () => {
  it('writes a French CSV: BOM, semicolons, decimal comma, quoted fields, ISO dates', () => {
    expect(csvHeader(columns)).toBe(
      '\uFEFFN° FINESS;Nombre de places;"Taux; en %";Part GIR 1;Copie;Date\r\n',
    );
    expect(csvLine(['450000013', 80, 87.5, null, 80, new Date('1998-03-15T00:00:00Z')])).toBe(
      '450000013;80;87,5;;80;1998-03-15\r\n',
    );
  });

  it('neutralises texts a spreadsheet would run as formulas', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', '-a', '@SUM', 'ok'])).toBe(
      `"'=HYPERLINK(""x"")";'+1;'-a;'@SUM;ok\r\n`,
    );
  });

  it('keys JSON lines by codes, leaving out repeated and empty columns', () => {
    expect(columns.map(jsonKey)).toEqual([
      'finess',
      'nb_places',
      'P15',
      'P06.gir1.share',
      null,
      'date_ouverture',
    ]);
    const line = jsonLine(columns)(['450000013', 80, 87.5, null, 80, new Date('1998-03-15T00:00:00Z')]);
    expect(JSON.parse(line)).toEqual({
      finess: '450000013',
      nb_places: 80,
      P15: 87.5,
      'P06.gir1.share': null,
      date_ouverture: '1998-03-15',
    });
    expect(line.endsWith('\n')).toBe(true);
  });
});
