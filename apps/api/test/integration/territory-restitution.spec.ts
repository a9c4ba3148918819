/**
 * Territorial restitutions through HTTP on a real database (issue 7 §3): the table of the structures
 * of the caller's scope with deciles (ARS 24, CD 45, a structure's APE), the map of departmental
 * medians (hand-computed, suppression), the scatter plot, the consolidated view of an OG and the
 * territorial report, with the refusals of each — in the restitution phase; before it (ADR 0013), the
 * structures' and OGs' users lose the deciles, the authorities get them marked provisional.
 */
import { storeIndicator } from '../factories/indicators';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { TerritoryExportService } from '../../src/modules/restitution/territory-export.service';
import type { GrantInput } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';
import { TerritoryReportService } from '../../src/modules/restitution/territory-report.service';
import { loginAs, persistAccount } from '../factories/accounts';
import { datesFor, movePhase, openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, OG_75, EHPAD_45, EHPAD_75, IME_45, FOYER_45, SAVS_18 } = REGISTRY;
const YEAR = 2026;
const base = `/api/campaigns/${YEAR}/restitution`;

const binaryParser = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

const E = {
  e1: finessNumber('45000121'),
  e2: finessNumber('45000131'),
  e3: finessNumber('45000141'),
  e4: finessNumber('45000151'),
  e5: finessNumber('45000161'),
  inProgress: finessNumber('45000171'),
  c1: finessNumber('18000181'),
  c2: finessNumber('18000191'),
};

/**
 * EHPAD (all of OG_45 but EHPAD_75). P15 (taux d'occupation), R04 (absentéisme), R06 (rotation).
 * National P15 peers: 60 65 70 80 85 90 95 99 100 → median 85, D1 64, D6 89, D7 93, D9 99.2.
 * Region 24: 60 65 70 80 85 90 95 100 → median 82.5, D7 89.5, D8 93. Loiret: 70 80 85 90 95 100 → 87.5.
 */
const POPULATION: [string, string, string, number, number, number | null][] = [
  [EHPAD_45, '45', 'VALIDATED', 90, 5, 10],
  [E.e1, '45', 'VALIDATED', 80, 3, 12],
  [E.e2, '45', 'CONFIRMED', 85, 7, 14],
  [E.e3, '45', 'VALIDATED', 95, 9, 16],
  [E.e4, '45', 'CONFIRMED', 100, 4, 18],
  [E.e5, '45', 'VALIDATED', 70, 6, 20],
  [E.inProgress, '45', 'IN_PROGRESS', 1000, 50, 50],
  [E.c1, '18', 'VALIDATED', 60, 8, 22],
  [E.c2, '18', 'VALIDATED', 65, 2, null],
  [EHPAD_75, '75', 'CONFIRMED', 99, 1, 1],
];

describe('territorial restitutions (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  const auth: Record<string, string> = {};

  async function login(grant: GrantInput): Promise<string> {
    return loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
  }

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    // Today is in the restitution phase: every reader sees the deciles.
    await openCampaign(t, national, YEAR, 'RESTITUTION');
    const [{ dictionary_version }] = await t.dataSource.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    for (const [finess, department, status, p15, r04, r06] of POPULATION) {
      const registered = await t.dataSource.query(`SELECT 1 FROM structures WHERE finess = $1`, [finess]);
      if (registered.length === 0) {
        await t.dataSource.query(
          `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                                   department_code, region_code, competence)
           VALUES ($1, $2, $3, lower($3), 'EHPAD', '500', $4, '24', 'SHARED')`,
          [finess, OG_45, `EHPAD ${finess}`, department],
        );
        await t.dataSource.query(
          `INSERT INTO submissions (campaign_year, finess, status) VALUES ($1, $2, $3)`,
          [YEAR, finess, status],
        );
      } else {
        await t.dataSource.query(
          `UPDATE submissions SET status = $3 WHERE campaign_year = $1 AND finess = $2`,
          [YEAR, finess, status],
        );
      }
      for (const [code, value] of [
        ['P15', p15],
        ['R04', r04],
        ['R06', r06],
      ] as const) {
        if (value === null) continue;
        await storeIndicator(t.dataSource, YEAR, finess, code, { value }, dictionary_version);
      }
    }
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/distributions/recompute`)
      .set('Authorization', national)
      .expect(201);
    auth['ars'] = await login({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' });
    auth['cd45'] = await login({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    auth['esms'] = await login({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    auth['og'] = await login({ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' });
    auth['og75'] = await login({ organisation: { kind: 'OG', code: OG_75 }, role: 'APE' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, who: string) =>
    request(t.http)
      .get(`${base}${path}`)
      .set('Authorization', auth[who] ?? who);

  describe('table', () => {
    it('lists the structures of an ARS’s scope with their values and deciles, sortable by indicator', async () => {
      const res = await get('/table?indicators=P15,R04&category=EHPAD&sort=-P15', 'ars').expect(200);
      expect(res.body.total).toBe(9); // the region's EHPAD, whatever their status; never Paris
      expect(res.body.rows.map((r: { values: { P15: { value: number } } }) => r.values.P15.value)).toEqual([
        1000, 100, 95, 90, 85, 80, 70, 65, 60,
      ]);
      const own = res.body.rows.find((r: { finess: string }) => r.finess === EHPAD_45);
      // 90: above D6 (89) not above D7 (93) nationally; above D7 (89.5) not above D8 (93) in region 24.
      expect(own.values.P15).toEqual({ value: 90, nationalDecile: 7, regionalDecile: 8 });
      expect(res.body.indicators.map((i: { code: string }) => i.code)).toEqual(['P15', 'R04']);
      expect(res.body.stage).toMatchObject({ provisional: false, notice: null, peers: { available: true } });
      expect(JSON.stringify(res.body)).not.toContain(EHPAD_75);
      // Without a category: the ARS's competence (IME yes, foyer de vie and SAVS no).
      const all = await get('/table?indicators=P15&pageSize=500', 'ars').expect(200);
      const finesses = all.body.rows.map((r: { finess: string }) => r.finess);
      expect(finesses).toContain(IME_45);
      expect(finesses).not.toContain(FOYER_45);
      expect(finesses).not.toContain(SAVS_18);
      // Paging.
      const page = await get('/table?indicators=P15&category=EHPAD&sort=P15&page=2&pageSize=4', 'ars').expect(
        200,
      );
      expect(page.body).toMatchObject({ total: 9, page: 2, pageSize: 4 });
      expect(page.body.rows.map((r: { values: { P15: { value: number } } }) => r.values.P15.value)).toEqual([
        85, 90, 95, 100,
      ]);
    });

    it('gives a CD its department only and a structure its own row only', async () => {
      const cd = await get('/table?indicators=P15', 'cd45').expect(200);
      const finesses = cd.body.rows.map((r: { finess: string }) => r.finess).sort();
      expect(finesses).toEqual([EHPAD_45, E.e1, E.e2, E.e3, E.e4, E.e5, E.inProgress, FOYER_45].sort());
      const esms = await get('/table?indicators=P15,R04', 'esms').expect(200);
      expect(esms.body.total).toBe(1);
      expect(esms.body.rows).toHaveLength(1);
      expect(esms.body.rows[0]).toMatchObject({
        finess: EHPAD_45,
        values: { P15: { value: 90, nationalDecile: 7, regionalDecile: 8 }, R04: { value: 5 } },
      });
      await get('/table?indicators=ZZ9', 'ars').expect(400);
      await get('/table?indicators=P15&sort=R06', 'ars').expect(400);
      await request(t.http).get(`${base}/table?indicators=P15`).expect(401);
    });

    it('colours each value of the XLSX table by its national decile', async () => {
      const res = await get('/table.xlsx?indicators=P15&category=EHPAD', 'ars')
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      let own: ExcelJS.Row | undefined;
      let legend: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === EHPAD_45) own = row;
        if (String(row.getCell(1).value).startsWith('Légende')) legend = row;
      });
      expect(own?.getCell(7).value).toBe(90);
      expect(own?.getCell(8).value).toBe(7);
      const fill = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern).fgColor?.argb;
      expect(fill(own!.getCell(7))).toBe(fill(legend!.getCell(8))); // D7 of the legend
      expect(legend?.getCell(11).value).toBe('D10');
    });
  });

  describe('map', () => {
    it('gives an ARS the medians of its region’s departments, suppressed groups without figure', async () => {
      const res = await get('/map?indicator=P15&category=EHPAD', 'ars').expect(200);
      expect(res.body.national).toMatchObject({ status: 'OK', median: 85, n: 9 });
      expect(res.body.regions).toEqual([
        { code: '24', name: 'Centre-Val de Loire', status: 'OK', suppressed: false, n: 8, median: 82.5 },
      ]);
      const byCode = Object.fromEntries(res.body.departments.map((d: { code: string }) => [d.code, d]));
      expect(Object.keys(byCode).sort()).toEqual(['18', '28', '36', '37', '41', '45']);
      expect(byCode['45']).toMatchObject({
        status: 'OK',
        suppressed: false,
        n: 6,
        median: 87.5,
        regionCode: '24',
      });
      expect(byCode['18']).toMatchObject({ status: 'SUPPRESSED', suppressed: true, n: null, median: null });
      expect(byCode['28']).toMatchObject({ status: 'NO_DATA', median: null });
      // Without an indicator, or with an unknown one, a 400 that says which parameter to fix.
      const missing = await get('/map?category=EHPAD', 'ars').expect(400);
      expect(missing.body.message).toBe(
        'Indiquez l’indicateur à restituer (paramètre « indicator », par exemple P15).',
      );
      const unknown = await get('/map?indicator=Z99&category=EHPAD', 'ars').expect(400);
      expect(unknown.body.message).toMatch(/^« Z99 » n’est pas un indicateur restituable/);
    });

    it('gives a CD its department (and its region), national every department; 403 to others', async () => {
      const cd = await get('/map?indicator=P15&category=EHPAD', 'cd45').expect(200);
      expect(cd.body.departments.map((d: { code: string }) => d.code)).toEqual(['45']);
      expect(cd.body.regions.map((r: { code: string; median: number }) => [r.code, r.median])).toEqual([
        ['24', 82.5],
      ]);
      const all = await get('/map?indicator=P15&category=EHPAD', national).expect(200);
      expect(all.body.departments.length).toBeGreaterThan(90);
      expect(all.body.departments.find((d: { code: string }) => d.code === '75')).toMatchObject({
        suppressed: true,
        median: null,
      });
      for (const who of ['esms', 'og']) {
        const refused = await get('/map?indicator=P15&category=EHPAD', who).expect(403);
        expect(refused.body.message).toMatch(/réservée aux ARS/);
      }
      await get('/map?indicator=P14&category=EHPAD', 'ars').expect(400);
    });
  });

  describe('scatter', () => {
    it('plots the validated structures of the scope with both values, the highlighted one flagged', async () => {
      const res = await get(`/scatter?x=R04&y=R06&category=EHPAD&highlight=${EHPAD_45}`, 'ars').expect(200);
      // In progress (50, 50) and c2 (no R06) are left out; Paris is outside the scope.
      expect(res.body.points).toHaveLength(7);
      expect(res.body.points.find((p: { finess: string }) => p.finess === EHPAD_45)).toMatchObject({
        x: 5,
        y: 10,
        highlighted: true,
      });
      expect(res.body.points.filter((p: { highlighted: boolean }) => p.highlighted)).toHaveLength(1);
      expect(res.body.medians).toEqual({ x: 6, y: 16 });
      // National: R04 1…9 → 5; R06 1, 10 … 22 → 15.
      expect(res.body.nationalMedians).toEqual({ x: 5, y: 15 });
      const cd = await get('/scatter?x=R04&y=R06&category=EHPAD', 'cd45').expect(200);
      expect(cd.body.points).toHaveLength(6);
      expect(cd.body.medians).toEqual({ x: 5.5, y: 15 });
      const paris = await get('/scatter?x=R04&y=R06&category=EHPAD&region=11', national).expect(200);
      expect(paris.body.points).toEqual([
        { finess: EHPAD_75, name: 'EHPAD DE PARIS', x: 1, y: 1, highlighted: false },
      ]);
      const loiret = await get('/scatter?x=R04&y=R06&category=EHPAD&department=45', national).expect(200);
      expect(loiret.body.points).toHaveLength(6);
    });

    it('refuses the scatter plot to structure and OG users', async () => {
      for (const who of ['esms', 'og']) {
        const refused = await get('/scatter?x=R04&y=R06&category=EHPAD', who).expect(403);
        expect(refused.body.message).toMatch(/réservé aux ARS/);
      }
    });
  });

  describe('organisation', () => {
    it('gives the OG its ESMS with every value, national deciles and its own medians', async () => {
      const res = await get(`/organisations/${OG_45}`, 'og').expect(200);
      expect(res.body).toMatchObject({ finess: OG_45, name: 'ASSOCIATION DU LOIRET' });
      const finesses = res.body.structures.map((s: { finess: string }) => s.finess);
      expect(finesses).toEqual(expect.arrayContaining([EHPAD_45, IME_45, FOYER_45, SAVS_18, E.c1]));
      expect(finesses).not.toContain(EHPAD_75);
      const own = res.body.structures.find((s: { finess: string }) => s.finess === EHPAD_45);
      expect(own.values.P15).toEqual({ value: 90, nationalDecile: 7 });
      expect(own.values.R06).toMatchObject({ value: 10 });
      // P15 of its validated/confirmed EHPAD: 60 65 70 80 85 90 95 100 → 82.5 (1000 is in progress).
      expect(res.body.medians.P15).toEqual({ n: 8, median: 82.5 });
      expect(res.body.indicators.map((i: { code: string }) => i.code)).not.toContain('P02');
    });

    it('shows an authority only the OG’s ESMS of its scope, and refuses another OG', async () => {
      const cd = await get(`/organisations/${OG_45}`, 'cd45').expect(200);
      const finesses = cd.body.structures.map((s: { finess: string }) => s.finess);
      expect(finesses).toContain(FOYER_45);
      expect(finesses).not.toContain(IME_45);
      expect(finesses).not.toContain(SAVS_18);
      await get(`/organisations/${OG_45}`, 'og75').expect(403);
      await get(`/organisations/${OG_75}`, 'og').expect(403);
      await get(`/organisations/${OG_75}`, 'esms').expect(403);
      await get(`/organisations/${finessNumber('99000002')}`, national).expect(404);
    });
  });

  describe('territorial report', () => {
    it('prints the PDF for the authority of the territory and national; 403 to another authority', async () => {
      const pdf = await get('/territory-report.pdf?kind=ARS&code=24', 'ars')
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      await get('/territory-report.pdf?kind=CD&code=45', 'cd45').expect(200);
      await get('/territory-report.pdf?kind=CD&code=18', national).expect(200);
      const refused = await get('/territory-report.pdf?kind=ARS&code=24', 'cd45').expect(403);
      expect(refused.body.message).toMatch(/réservé à son ARS/);
      await get('/territory-report.pdf?kind=CD&code=18', 'cd45').expect(403);
      await get('/territory-report.pdf?kind=ARS&code=24', 'og').expect(403);
      await get('/territory-report.pdf?kind=XX&code=24', 'ars').expect(400);
    });

    it('gives the distributions of the territory and the structures outside the national D1–D9', async () => {
      const service = t.app.get(TerritoryReportService);
      const actor = { accountId: 'test', grants: [] };
      const nationalActor = {
        accountId: 'test',
        grants: [
          {
            organisation: { kind: 'NATIONAL' as const, code: 'FR' },
            role: 'NATIONAL_ADMIN' as const,
            rights: [],
            entryDomains: null,
            validFrom: null,
            validUntil: null,
          },
        ],
      };
      await expect(service.report(actor as never, YEAR, 'ARS', '24')).rejects.toThrow();
      const region = await service.report(nationalActor as never, YEAR, 'ARS', '24');
      const ehpad = region.categories.find((c) => c.categoryCode === 'EHPAD')!;
      expect(ehpad.indicators.find((i) => i.code === 'P15')).toMatchObject({
        territory: { suppressed: false, n: 8, median: 82.5 },
        nationalMedian: 85,
      });
      // P15 national D1 64, D9 99.2: 60 (c1) below, 100 (e4) above; 1000 is in progress.
      const p15 = ehpad.outliers.filter((o) => o.code === 'P15');
      expect(p15.map((o) => [o.finess, o.side])).toEqual(
        expect.arrayContaining([
          [E.c1, 'below'],
          [E.e4, 'above'],
        ]),
      );
      expect(p15).toHaveLength(2);
      const cher = await service.report(nationalActor as never, YEAR, 'CD', '18');
      const cherP15 = cher.categories
        .find((c) => c.categoryCode === 'EHPAD')!
        .indicators.find((i) => i.code === 'P15');
      expect(cherP15?.territory).toEqual({ suppressed: true, n: null, median: null, d1: null, d9: null });
      // The map of the category: occupancy medians of the region's departments (the Cher's suppressed).
      expect(ehpad.map?.indicatorCode).toBe('P15');
      const departments = Object.fromEntries(
        (ehpad.map?.departments ?? []).map((d) => [d.code, [d.median, d.suppressed]]),
      );
      expect(departments['45']).toEqual([87.5, false]);
      expect(departments['18']).toEqual([null, true]);
      const pdf = await t.app.get(TerritoryExportService).reportPdf(region);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  });

  describe('before the restitution phase (issue 14 §3)', () => {
    const from = () => datesFor('FIABILISATION').restitutionStart;
    const NATIONAL_ACTOR = {
      accountId: 'test',
      grants: [
        {
          organisation: { kind: 'NATIONAL' as const, code: 'FR' },
          role: 'NATIONAL_ADMIN' as const,
          rights: [],
          entryDomains: null,
          validFrom: null,
          validUntil: null,
        },
      ],
    };
    type Row = {
      finess: string;
      values: Record<string, { value: number | null; nationalDecile: number | null }>;
    };

    beforeAll(async () => {
      await movePhase(t, national, YEAR, 'FIABILISATION');
    });

    afterAll(async () => {
      await movePhase(t, national, YEAR, 'RESTITUTION');
    });

    const withoutPeers = () => ({
      provisional: true,
      notice: expect.stringMatching(/^Valeurs provisoires/),
      peers: {
        available: false,
        reason: `Les comparaisons avec les structures similaires seront disponibles à partir du ${formatDateFr(from())}, après la fiabilisation.`,
        availableFrom: from(),
      },
    });
    const provisionalPeers = () => ({
      provisional: true,
      notice: expect.stringMatching(/^Chiffres provisoires/),
      peers: { available: true, reason: null, availableFrom: from() },
    });

    it('gives a structure its own row without any decile, and says from when (table and XLSX)', async () => {
      const esms = await get('/table?indicators=P15,R04', 'esms').expect(200);
      expect(esms.body.stage).toEqual(withoutPeers());
      expect(esms.body.rows).toEqual([
        expect.objectContaining({
          finess: EHPAD_45,
          values: {
            P15: { value: 90, nationalDecile: null, regionalDecile: null },
            R04: { value: 5, nationalDecile: null, regionalDecile: null },
          },
        }),
      ]);
      const xlsx = await get('/table.xlsx?indicators=P15', 'esms')
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const lines: string[] = [];
      let own: ExcelJS.Row | undefined;
      workbook.worksheets[0]!.eachRow((row) => {
        lines.push(String(row.getCell(1).value));
        if (row.getCell(1).value === EHPAD_45) own = row;
      });
      expect(lines[0]).toContain('(chiffres provisoires)');
      expect(lines).toContain(withoutPeers().peers.reason);
      expect(own?.getCell(7).value).toBe(90);
      expect([own?.getCell(8).value, own?.getCell(9).value]).toEqual([null, null]);
      expect(own?.getCell(7).fill).toBeUndefined();
    });

    it('gives an OG its ESMS’ values and its own medians, without national deciles', async () => {
      const res = await get(`/organisations/${OG_45}`, 'og').expect(200);
      expect(res.body.stage).toEqual(withoutPeers());
      const own = res.body.structures.find((s: { finess: string }) => s.finess === EHPAD_45);
      expect(own.values.P15).toEqual({ value: 90, nationalDecile: null });
      for (const structure of res.body.structures as Row[]) {
        for (const cell of Object.values(structure.values)) expect(cell.nationalDecile).toBeNull();
      }
      // Its own ESMS, not peers: the OG's median stays.
      expect(res.body.medians.P15).toEqual({ n: 8, median: 82.5 });
    });

    it('gives the authorities the deciles and distributions of their scope, marked provisional', async () => {
      const table = await get('/table?indicators=P15&category=EHPAD', 'ars').expect(200);
      expect(table.body.stage).toEqual(provisionalPeers());
      const row = table.body.rows.find((r: { finess: string }) => r.finess === EHPAD_45);
      expect(row.values.P15).toEqual({ value: 90, nationalDecile: 7, regionalDecile: 8 });
      const og = await get(`/organisations/${OG_45}`, 'cd45').expect(200);
      expect(og.body.stage).toEqual(provisionalPeers());
      expect(og.body.structures.find((s: { finess: string }) => s.finess === EHPAD_45).values.P15).toEqual({
        value: 90,
        nationalDecile: 7,
      });
      const map = await get('/map?indicator=P15&category=EHPAD', 'ars').expect(200);
      expect(map.body.stage).toEqual(provisionalPeers());
      expect(map.body.national).toMatchObject({ status: 'OK', median: 85, n: 9 });
      const scatter = await get('/scatter?x=R04&y=R06&category=EHPAD', 'cd45').expect(200);
      expect(scatter.body.stage).toEqual(provisionalPeers());
      expect(scatter.body.nationalMedians).toEqual({ x: 5, y: 15 });
      const report = await t.app
        .get(TerritoryReportService)
        .report(NATIONAL_ACTOR as never, YEAR, 'ARS', '24');
      expect(report.stage).toEqual(provisionalPeers());
      expect(
        report.categories.find((c) => c.categoryCode === 'EHPAD')!.indicators.find((i) => i.code === 'P15'),
      ).toMatchObject({ territory: { n: 8, median: 82.5 }, nationalMedian: 85 });
      const pdf = await get('/territory-report.pdf?kind=CD&code=45', 'cd45').buffer(true).parse(binaryParser);
      expect(pdf.status).toBe(200);
    });

    it('gives an account both a Département’s controller and an OG’s APE the deciles of the Département’s structures only', async () => {
      const mixed = await loginAs(
        t.http,
        (
          await persistAccount(t.dataSource, [
            { organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' },
            { organisation: { kind: 'OG', code: OG_75 }, role: 'APE' },
          ])
        ).email,
      );
      const res = await get('/table?indicators=P15&category=EHPAD&pageSize=500', mixed).expect(200);
      const byFiness = new Map((res.body.rows as Row[]).map((r) => [r.finess, r.values['P15']]));
      // Checked as the Département: its deciles. Read as its own OG's: none before the restitution.
      expect(byFiness.get(EHPAD_45)).toMatchObject({ value: 90, nationalDecile: 7 });
      expect(byFiness.get(EHPAD_75)).toEqual({ value: 99, nationalDecile: null, regionalDecile: null });
    });
  });
});
