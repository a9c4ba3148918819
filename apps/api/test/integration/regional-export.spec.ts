/**
 * The regional export (XLSX, 331 columns of the current platform's file) and open data (public
 * medians and quartiles with statistical secrecy, published from the restitution on, rounded for
 * the unit), through HTTP on a real database.
 */
import { storeIndicator, type StoredIndicatorInput } from '../factories/indicators';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { getDictionary } from '@tdb/dictionary';
import { STATUS_LABELS, formatDateFr } from '@tdb/submission-workflow';
import { DICTIONARY_DIR } from '../../src/modules/campaign-core/dictionary-registry.service';
import { exportColumnSpecs } from '../../src/modules/regional-export/export-columns';
import { loginAs, persistAccount } from '../factories/accounts';
import { datesFor, movePhase, openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45, IME_45, FOYER_45, SAVS_18 } = REGISTRY;
const YEAR = 2026;
const TSV = '/work/shared/domain/export-tdbesms-2021-columns.tsv';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

async function readSheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** The data rows of the sheet by FINESS (column E). */
function rowsByFiness(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((row, n) => {
    if (n > 1) rows.set(String(row.getCell(5).value), row);
  });
  return rows;
}

describe('regional export and open data (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let arsReader: string;
  let arsToken: string;
  let cdController: string;
  let cdToken: string;
  let cher: string;
  let otherArs: string;
  let dictionaryVersion: string;
  const AIN_OG = finessNumber('01000002');
  const AIN_EHPAD = finessNumber('01000021');

  const departmentExportOf = (department: string | null, auth: string) =>
    request(t.http)
      .get(
        `/api/campaigns/${YEAR}/exports/department.xlsx${department === null ? '' : `?department=${department}`}`,
      )
      .set('Authorization', auth);

  const exportOf = (region: string | null, auth: string) =>
    request(t.http)
      .get(`/api/campaigns/${YEAR}/exports/regional.xlsx${region === null ? '' : `?region=${region}`}`)
      .set('Authorization', auth);

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION');
    const account = async (grant: Parameters<typeof persistAccount>[1][number]) =>
      loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
    arsReader = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' });
    cdController = await account({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    otherArs = await account({ organisation: { kind: 'ARS', code: '11' }, role: 'APR' });
    const arsApr = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'APR' });
    const token = await request(t.http)
      .post('/api/api-tokens')
      .set('Authorization', arsApr)
      .send({ name: 'Entrepôt ARS' })
      .expect(201);
    arsToken = `Bearer ${token.body.token}`;
    const cdApr = await account({ organisation: { kind: 'CD', code: '45' }, role: 'APR' });
    const cdTokenBody = await request(t.http)
      .post('/api/api-tokens')
      .set('Authorization', cdApr)
      .send({ name: 'Entrepôt du Département' })
      .expect(201);
    cdToken = `Bearer ${cdTokenBody.body.token}`;
    cher = await account({ organisation: { kind: 'CD', code: '18' }, role: 'READER' });
    const esmsApe = await account({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    const detail = await request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}`)
      .set('Authorization', esmsApe)
      .expect(200);
    await request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/values`)
      .set('Authorization', esmsApe)
      .send({
        version: detail.body.version,
        values: {
          sources_financement: 'assurance_maladie',
          date_ouverture: '1998-03-15',
          personnes_accompagnees_31_12: 80,
        },
      })
      .expect(200);
    [{ dictionary_version: dictionaryVersion }] = await t.dataSource.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    // Stored indicators of EHPAD_45 (rates in %, as the platform computes them): scalars, a
    // distribution, the absenteeism by motif, and a duration in days.
    await storeIndicator(t.dataSource, YEAR, EHPAD_45, 'P15', { value: 87.5 }, dictionaryVersion);
    await storeIndicator(t.dataSource, YEAR, EHPAD_45, 'R04', { value: 5.26 }, dictionaryVersion);
    await storeIndicator(t.dataSource, YEAR, EHPAD_45, 'P05', { value: 412.5 }, dictionaryVersion);
    await storeIndicator(
      t.dataSource,
      YEAR,
      EHPAD_45,
      'R05',
      { value: 5.26, details: { base: 5.26, values: { maladie_courte: 3.1, maladie_moyenne: 2.16 } } },
      dictionaryVersion,
    );
    await storeIndicator(
      t.dataSource,
      YEAR,
      EHPAD_45,
      'P03',
      { value: 80, details: { base: 80, values: { gir_1: 20, gir_2: 60 } } },
      dictionaryVersion,
    );
    // An ESMS of the Ain (01): FINESS numbers with a leading zero.
    await t.dataSource.query(
      `INSERT INTO managing_organisations (finess, name, legal_status_label, department_code)
       VALUES ($1, 'ASSOCIATION DE L''AIN', 'Association loi 1901', '01')`,
      [AIN_OG],
    );
    await t.dataSource.query(
      `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                               department_code, region_code, competence, city)
       VALUES ($1, $2, 'EHPAD DE L''AIN', '', 'EHPAD', '500', '01', '84', 'SHARED', 'BOURG-EN-BRESSE')`,
      [AIN_EHPAD, AIN_OG],
    );
    await t.dataSource.query(`INSERT INTO submissions (campaign_year, finess) VALUES ($1, $2)`, [
      YEAR,
      AIN_EHPAD,
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/campaigns/:year/exports/regional.xlsx', () => {
    it('has exactly the 331 columns of the 2021 file, labels in order, and the ARS’s ESMS as rows', async () => {
      const res = await exportOf('24', arsReader).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('export-tdbesms-2026-region-24-agg.xlsx');
      const sheet = await readSheet(res.body as Buffer);
      const header = sheet.getRow(1);
      expect(header.cellCount).toBe(331);
      const repoColumns = (
        JSON.parse(readFileSync(join(DICTIONARY_DIR, 'export-2021-columns.json'), 'utf8')) as {
          columns: { n: number; label: string }[];
        }
      ).columns;
      expect(repoColumns).toHaveLength(331);
      const labels = existsSync(TSV)
        ? readFileSync(TSV, 'utf8')
            .split('\n')
            .slice(1)
            .filter((line) => line.trim() !== '')
            .map((line) => line.split('\t')[2])
        : repoColumns.map((c) => c.label);
      expect(labels).toHaveLength(331);
      expect(labels).toEqual(repoColumns.map((c) => c.label));
      for (let i = 0; i < 331; i++) expect([i + 1, header.getCell(i + 1).value]).toEqual([i + 1, labels[i]]);
      // The ARS sees its ESMS of the region (ARS-only and shared), never the Département-only ones.
      const rows = rowsByFiness(sheet);
      expect([...rows.keys()].sort()).toEqual([EHPAD_45, IME_45].sort());

      const ehpad = rows.get(EHPAD_45)!;
      expect(ehpad.getCell(1).value).toBe('Centre-Val de Loire');
      expect(ehpad.getCell(3).value).toBe('EHPAD');
      expect(ehpad.getCell(4).value).toBeNull();
      expect(ehpad.getCell(6).value).toBe('EHPAD LE PARC');
      expect(ehpad.getCell(7).value).toBe('ESMS autonome');
      expect(ehpad.getCell(12).value).toBe(OG_45);
      expect(ehpad.getCell(13).value).toBe('ASSOCIATION DU LOIRET');
      // Status labels: validation level and progress.
      expect(ehpad.getCell(10).value).toBe(STATUS_LABELS.IN_PROGRESS);
      expect(ehpad.getCell(11).value).toMatch(/^En cours de saisie \(\d+ %\)$/);
      const ime = rows.get(IME_45)!;
      expect(ime.getCell(10).value).toBe(STATUS_LABELS.NOT_STARTED);
      expect(ime.getCell(11).value).toBe('Non commencé');
      expect(ime.getCell(7).value).toBe('ESMS rattaché à son organisme gestionnaire');
      // Items: choice label, date as a date, integer, and its duplicate column LJ = LG.
      expect(ehpad.getCell(14).value).toBe('Assurance maladie');
      const opened = ehpad.getCell(19).value;
      expect(opened).toBeInstanceOf(Date);
      expect((opened as Date).toISOString().slice(0, 10)).toBe('1998-03-15');
      expect(ehpad.getCell(319).value).toBe(80);
      expect(ehpad.getCell(322).value).toBe(80);
      // Indicators: P15 in HC (211), GIR shares of P03 in FF–FG (162–163), as ratios (see below).
      expect(ehpad.getCell(211).value).toBe(0.875);
      expect(ehpad.getCell(162).value).toBe(0.25);
      expect(ehpad.getCell(163).value).toBe(0.75);
      expect(ehpad.getCell(164).value).toBeNull();
      expect(ime.getCell(211).value).toBeNull();
    });

    it('writes every rate as a ratio in a percentage cell, as the file of the current platform', async () => {
      const res = await exportOf('24', national).buffer(true).parse(binary).expect(200);
      const sheet = await readSheet(res.body as Buffer);
      const ehpad = rowsByFiness(sheet).get(EHPAD_45)!;
      const cell = (letter: string) => ehpad.getCell(letter);
      // HQ: « Taux d'absentéisme (hors formation) en % », 5.26 % → 0.0526, shown « 5,26 % ».
      expect(sheet.getRow(1).getCell('HQ').value).toBe("Taux d'absentéisme (hors formation) en %");
      expect(cell('HQ').value).toBe(0.0526);
      expect(cell('HQ').numFmt).toBe('0.00%');
      // HC: occupancy 87.5 % → 0.875; FF: a share of the GIR distribution, 25 % → 0.25.
      expect([cell('HC').value, cell('HC').numFmt]).toEqual([0.875, '0.00%']);
      expect([cell('FF').value, cell('FF').numFmt]).toEqual([0.25, '0.00%']);
      // JD–JF: the absenteeism by motif (R05) and its parts, rates too.
      expect([cell('JD').value, cell('JE').value, cell('JF').value]).toEqual([0.0526, 0.031, 0.0216]);
      expect(cell('JE').numFmt).toBe('0.00%');
      // GJ: the average length of stay, in days: written as computed, no percentage format.
      expect(cell('GJ').value).toBe(412.5);
      expect(cell('GJ').numFmt).not.toBe('0.00%');
    });

    it('keeps FINESS numbers with a leading zero as 9-character text cells', async () => {
      const res = await exportOf('84', national).buffer(true).parse(binary).expect(200);
      const sheet = await readSheet(res.body as Buffer);
      const rows = rowsByFiness(sheet);
      expect([...rows.keys()]).toEqual([AIN_EHPAD]);
      const row = rows.get(AIN_EHPAD)!;
      for (const [column, finess] of [
        [5, AIN_EHPAD],
        [12, AIN_OG],
      ] as const) {
        const cell = row.getCell(column);
        expect(finess.startsWith('0')).toBe(true);
        expect(cell.value).toBe(finess);
        expect(typeof cell.value).toBe('string');
        expect(cell.numFmt).toBe('@');
      }
      expect(row.getCell(2).value).toBe('01 - Ain');
      expect(row.getCell(8).value).toBe('Association loi 1901');
      expect(row.getCell(9).value).toBe('BOURG-EN-BRESSE');
    });

    it('lets the national administrator and the ARS’s API token export the region', async () => {
      const all = await exportOf('24', national).buffer(true).parse(binary).expect(200);
      // Every in-scope ESMS of the region, whatever the competence.
      expect([...rowsByFiness(await readSheet(all.body as Buffer)).keys()]).toHaveLength(4);
      const viaToken = await exportOf('24', arsToken).buffer(true).parse(binary).expect(200);
      expect([...rowsByFiness(await readSheet(viaToken.body as Buffer)).keys()].sort()).toEqual(
        [EHPAD_45, IME_45].sort(),
      );
    });

    it('refuses a Département, another ARS and a bad region, in French', async () => {
      const cd = await exportOf('24', cdController).expect(403);
      expect(cd.body.message).toMatch(/réservé à son ARS/);
      const other = await exportOf('24', otherArs).expect(403);
      expect(other.body.message).toMatch(/réservé à son ARS/);
      await exportOf('84', arsReader).expect(403);
      const missing = await exportOf(null, national).expect(400);
      expect(missing.body.message).toMatch(/code de région/);
      await exportOf('99', national).expect(400);
    });

    it('maps every column: identification, items, indicators or duplicates', async () => {
      const specs = exportColumnSpecs(getDictionary(YEAR));
      expect(specs).toHaveLength(331);
      expect(specs.filter((s) => s.source.kind === 'empty')).toEqual([]);
      // Every indicator and part named by the mapping exists in the campaign's definitions.
      const definitions = (
        JSON.parse(readFileSync(join(DICTIONARY_DIR, '../../indicators/data/2026.json'), 'utf8')) as {
          indicators: { code: string; parts?: { key: string }[] }[];
        }
      ).indicators;
      const codes = new Set(getDictionary(YEAR).items.map((i) => i.code));
      for (const spec of specs) {
        const s = spec.source;
        if (s.kind === 'item') expect([spec.n, codes.has(s.code)]).toEqual([spec.n, true]);
        if (s.kind === 'indicator') {
          const def = definitions.find((d) => d.code === s.code);
          expect([spec.n, s.code, Boolean(def)]).toEqual([spec.n, s.code, true]);
          if (s.part) expect([spec.n, def?.parts?.some((p) => p.key === s.part)]).toEqual([spec.n, true]);
        }
      }
    });
  });

  describe('GET /api/campaigns/:year/exports/department.xlsx', () => {
    const rowsOf = async (res: request.Response) =>
      [...rowsByFiness(await readSheet(res.body as Buffer)).keys()].sort();

    it('gives a Département the regional export’s columns for its ESMS of Département or shared competence', async () => {
      const res = await departmentExportOf('45', cdController).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-disposition']).toContain('export-tdbesms-2026-departement-45-agg.xlsx');
      const sheet = await readSheet(res.body as Buffer);
      expect(sheet.name).toBe('Export 2026 département 45');
      // The header: the first row of the regional export, cell for cell.
      const regional = await readSheet(
        (await exportOf('24', national).buffer(true).parse(binary).expect(200)).body as Buffer,
      );
      const header = (ws: ExcelJS.Worksheet) =>
        Array.from({ length: ws.getRow(1).cellCount }, (_, i) => ws.getRow(1).getCell(i + 1).value);
      expect(header(sheet)).toHaveLength(331);
      expect(header(sheet)).toEqual(header(regional));
      // The foyer de vie (Département only) and the EHPAD (shared); never the ARS-only IME of the
      // Loiret, nor the SAVS of the Cher (another département).
      const rows = rowsByFiness(sheet);
      expect([...rows.keys()].sort()).toEqual([FOYER_45, EHPAD_45].sort());
      // The same cells as the regional export's row of the EHPAD.
      const ehpad = rows.get(EHPAD_45)!;
      const regionalEhpad = rowsByFiness(regional).get(EHPAD_45)!;
      for (let i = 1; i <= 331; i++)
        expect([i, ehpad.getCell(i).value]).toEqual([i, regionalEhpad.getCell(i).value]);
      expect(ehpad.getCell(2).value).toBe('45 - Loiret');
    });

    it('lets the ARS of the region and national export a département, each within its scope', async () => {
      const ars = await departmentExportOf('45', arsReader).buffer(true).parse(binary).expect(200);
      expect(await rowsOf(ars)).toEqual([EHPAD_45, IME_45].sort());
      const all = await departmentExportOf('45', national).buffer(true).parse(binary).expect(200);
      expect(await rowsOf(all)).toEqual([FOYER_45, EHPAD_45, IME_45].sort());
      // The Cher holds only a SAVS (Département only): an empty file for the ARS, its row for the CD.
      const arsCher = await departmentExportOf('18', arsReader).buffer(true).parse(binary).expect(200);
      expect(await rowsOf(arsCher)).toEqual([]);
      const cdCher = await departmentExportOf('18', cher).buffer(true).parse(binary).expect(200);
      expect(await rowsOf(cdCher)).toEqual([SAVS_18]);
    });

    it('defaults to the territory of an API token (or of an account bound to one authority)', async () => {
      const viaToken = await departmentExportOf(null, cdToken).buffer(true).parse(binary).expect(200);
      expect(viaToken.headers['content-disposition']).toContain(
        'export-tdbesms-2026-departement-45-agg.xlsx',
      );
      expect(await rowsOf(viaToken)).toEqual([FOYER_45, EHPAD_45].sort());
      const regional = await exportOf(null, arsToken).buffer(true).parse(binary).expect(200);
      expect(regional.headers['content-disposition']).toContain('export-tdbesms-2026-region-24-agg.xlsx');
      expect(await rowsOf(regional)).toEqual([EHPAD_45, IME_45].sort());
      await departmentExportOf(null, cdController).buffer(true).parse(binary).expect(200);
      // An ARS has several départements, national every territory: the parameter is required.
      const ars = await departmentExportOf(null, arsToken).expect(400);
      expect(ars.body.message).toBe(
        'Précisez le code de département (paramètre « department », par exemple 45).',
      );
      await departmentExportOf(null, national).expect(400);
      // A Département's token does not default to a region.
      const cdRegional = await exportOf(null, cdToken).expect(400);
      expect(cdRegional.body.message).toMatch(/code de région/);
    });

    it('serves the same rows as CSV and JSON lines for programs, with the token’s territory', async () => {
      const csv = await request(t.http)
        .get(`/api/campaigns/${YEAR}/exports/regional.csv`)
        .set('Authorization', arsToken)
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('export-tdbesms-2026-region-24-agg.csv');
      const [header, ...lines] = csv.text.split('\r\n').filter((l) => l !== '');
      expect(header?.startsWith('\uFEFF')).toBe(true);
      expect(header?.split(';').length).toBe(331);
      expect(lines).toHaveLength(2);
      expect(lines.some((l) => l.includes(EHPAD_45))).toBe(true);

      const jsonl = await request(t.http)
        .get(`/api/campaigns/${YEAR}/exports/department.jsonl`)
        .set('Authorization', cdToken)
        .expect(200);
      expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const objects = jsonl.text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(objects.map((o) => o['finess']).sort()).toEqual([FOYER_45, EHPAD_45].sort());
      const ehpad = objects.find((o) => o['finess'] === EHPAD_45);
      // Keyed by codes, dates as yyyy-mm-dd, numbers as numbers.
      expect(ehpad).toMatchObject({ date_ouverture: '1998-03-15', personnes_accompagnees_31_12: 80 });
      // Same access rule as the workbook.
      await request(t.http)
        .get(`/api/campaigns/${YEAR}/exports/department.csv?department=45`)
        .set('Authorization', cher)
        .expect(403);
    });

    it('refuses another Département, an ARS out of its region and a bad code, in French', async () => {
      const other = await departmentExportOf('45', cher).expect(403);
      expect(other.body.message).toBe(
        'L’export départemental du département 45 – Loiret est réservé à son Département, à l’ARS de sa région et à l’administration nationale.',
      );
      const neighbour = await departmentExportOf('18', cdToken).expect(403);
      expect(neighbour.body.message).toMatch(/réservé à son Département/);
      await departmentExportOf('75', arsReader).expect(403);
      await departmentExportOf('45', otherArs).expect(403);
      const bad = await departmentExportOf('99', national).expect(400);
      expect(bad.body.message).toMatch(/« 99 » n’est pas un code de département/);
      // The regional export stays the ARS's.
      await exportOf('24', cdToken).expect(403);
    });
  });

  describe('open data', () => {
    /**
     * Six VALIDATED or CONFIRMED EHPAD of the Loiret with P15 (%), P05 (days) and P22 (a ratio);
     * three with P16 (a small group).
     */
    const P05 = [100.123, 184.81886501589747, 200.5555, 250.05, 300.3333, 365];
    const P22 = [0.1234, 0.2345, 0.3456, 0.4567, 0.5678, 0.6789];
    beforeAll(async () => {
      const p15 = [70, 85, 90, 96, 99, 100];
      for (let i = 0; i < p15.length; i++) {
        const finess = finessNumber(`4500090${i}`);
        await t.dataSource.query(
          `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                                   department_code, region_code, competence)
           VALUES ($1, $2, $3, '', 'EHPAD', '500', '45', '24', 'SHARED')`,
          [finess, OG_45, `EHPAD OPEN DATA ${i}`],
        );
        await t.dataSource.query(
          `INSERT INTO submissions (campaign_year, finess, status) VALUES ($1, $2, $3)`,
          [YEAR, finess, i % 2 === 0 ? 'VALIDATED' : 'CONFIRMED'],
        );
        const store = (code: string, input: StoredIndicatorInput) =>
          storeIndicator(t.dataSource, YEAR, finess, code, input, dictionaryVersion);
        await store('P15', { value: p15[i]! });
        await store('P05', { value: P05[i]! });
        await store('P22', { value: P22[i]! });
        // Financial indicators are not published.
        await store('F01', { value: 100 + i });
        // A non-computable value is not counted.
        if (i < 3) await store('P16', { value: 50 + i });
        else await store('P16', { reason: 'MISSING_DATA' });
      }
      // EHPAD_45 is in progress: its P15 (87.5) is left out of the peer set.
    });

    it('publishes nothing before the restitution: a French 404 saying from when (JSON and CSV)', async () => {
      // The campaign is in collection.
      const from = datesFor('COLLECTION').restitutionStart;
      for (const path of ['indicators', 'indicators.csv']) {
        const res = await request(t.http).get(`/api/open-data/${YEAR}/${path}`).expect(404);
        expect(res.body).toMatchObject({
          code: 'NOT_FOUND',
          message: `Les données ouvertes de la campagne ${YEAR} seront publiées à partir du ${formatDateFr(from)}, après la fiabilisation.`,
          availableFrom: from,
        });
        expect(JSON.stringify(res.body)).not.toContain('86.25');
      }
      await movePhase(t, national, YEAR, 'FIABILISATION');
      await request(t.http).get(`/api/open-data/${YEAR}/indicators`).expect(404);
      // From the first day of the restitution on.
      await movePhase(t, national, YEAR, 'RESTITUTION');
      await request(t.http).get(`/api/open-data/${YEAR}/indicators`).expect(200);
    });

    it('publishes count, quartiles and median of groups of 5 or more, without an account', async () => {
      const res = await request(t.http).get(`/api/open-data/${YEAR}/indicators`).expect(200);
      expect(res.body.minimumGroupSize).toBe(5);
      const p15 = res.body.rows.find(
        (r: { indicatorCode: string; categoryCode: string; departmentCode: string }) =>
          r.indicatorCode === 'P15' && r.categoryCode === 'EHPAD' && r.departmentCode === '45',
      );
      // percentile_cont over 70, 85, 90, 96, 99, 100: q1 = 85 + 0.25 × 5 = 86.25, median =
      // (90 + 96) / 2, q3 = 96 + 0.75 × 3 = 98.25 — a rate, published to one decimal.
      expect(p15).toEqual({
        categoryCode: 'EHPAD',
        categoryLabel: 'EHPAD',
        departmentCode: '45',
        departmentName: 'Loiret',
        indicatorCode: 'P15',
        indicatorLabel: "Taux d'occupation des lits ou places autorisés en accompagnement permanent",
        unit: '%',
        suppressed: false,
        count: 6,
        q1: 86.3,
        median: 93,
        q3: 98.3,
      });
      const rowOf = (code: string) =>
        res.body.rows.find(
          (r: { indicatorCode: string; departmentCode: string }) =>
            r.indicatorCode === code && r.departmentCode === '45',
        );
      // Days, one decimal: q1 = 184.81886501589747 + 0.25 × (200.5555 − 184.81886501589747) =
      // 188.7530…, median = (200.5555 + 250.05) / 2 = 225.30275, q3 = 250.05 + 0.75 × 50.2833 = 287.7624….
      expect(rowOf('P05')).toMatchObject({ unit: 'jours', count: 6, q1: 188.8, median: 225.3, q3: 287.8 });
      // A ratio, two decimals: 0.262275, 0.40115, 0.540025.
      expect(rowOf('P22')).toMatchObject({ unit: 'ratio', count: 6, q1: 0.26, median: 0.4, q3: 0.54 });
      // No figure carries more digits than its unit's.
      for (const row of res.body.rows as {
        unit: string;
        q1: number | null;
        median: number | null;
        q3: number | null;
      }[]) {
        const decimals = row.unit === '%' || row.unit === 'jours' ? 1 : 2;
        for (const figure of [row.q1, row.median, row.q3]) {
          if (figure !== null)
            expect((String(figure).split('.')[1] ?? '').length).toBeLessThanOrEqual(decimals);
        }
      }
      const p16 = res.body.rows.find((r: { indicatorCode: string }) => r.indicatorCode === 'P16');
      expect(p16).toMatchObject({ suppressed: true, count: null, q1: null, median: null, q3: null });
      expect(res.body.rows.some((r: { indicatorCode: string }) => r.indicatorCode.startsWith('F'))).toBe(
        false,
      );
    });

    it('gives the same as a French CSV (BOM, « ; », decimal comma), without an account', async () => {
      const res = await request(t.http)
        .get(`/api/open-data/${YEAR}/indicators.csv`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'Année;Code catégorie;Catégorie;Code département;Département;Code indicateur;Indicateur;Unité;Nombre de structures;Premier quartile;Médiane;Troisième quartile;Secret statistique',
      );
      const p15 = lines.find((l) => l.includes(';P15;'));
      expect(p15).toMatch(/^2026;EHPAD;EHPAD;45;Loiret;P15;.*;%;6;86,3;93;98,3;non$/);
      expect(lines.find((l) => l.includes(';P05;'))).toMatch(/;jours;6;188,8;225,3;287,8;non$/);
      expect(lines.find((l) => l.includes(';P22;'))).toMatch(/;ratio;6;0,26;0,4;0,54;non$/);
      expect(text).not.toContain('184,8188');
      const p16 = lines.find((l) => l.includes(';P16;'));
      expect(p16).toMatch(/;;;;;oui$/);
    });

    it('answers 404 for a year without campaign', async () => {
      await request(t.http).get('/api/open-data/1999/indicators').expect(404);
    });
  });
});
