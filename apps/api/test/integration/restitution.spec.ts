/**
 * Restitutions through HTTP on a real database: distributions of an indicator among peers
 * (hand-computed medians and deciles), statistical secrecy (a group of 4 is never shown), only
 * VALIDATED/CONFIRMED submissions count, a structure reads its own restitution and no other's, no
 * other structure's value ever appears, and the PDF and XLSX versions. The campaign is in its
 * restitution phase; before it (ADR 0013), a structure's readers get its own provisional values
 * without any peer, its authorities the provisional distributions, and kept answers follow the phase.
 */
import { storeIndicator } from '../factories/indicators';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginAs, persistAccount } from '../factories/accounts';
import { formatDateFr } from '@tdb/submission-workflow';
import { datesFor, movePhase, openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';
import { eventually } from '../setup/eventually';
import { DictionaryRegistry } from '../../src/modules/campaign-core/dictionary-registry.service';
import {
  encodeIndicators,
  IndicatorValuesRepository,
} from '../../src/modules/computation/indicator-values.repository';
import { CampaignJobsService } from '../../src/modules/computation/campaign-jobs.service';
import { RestitutionExportService } from '../../src/modules/restitution/restitution-export.service';

const { OG_45, EHPAD_45, EHPAD_75, IME_45, IME_75 } = REGISTRY;
const YEAR = 2026;
/** "Taux d'…" applicable to every category, one value per structure. */
const CODE = 'P06';
/** Planted on another structure: must never appear in EHPAD_45's restitution. */
const FOREIGN = 123.456;

const restitutionOf = (finess: string) => `/api/campaigns/${YEAR}/submissions/${finess}/restitution`;

const binaryParser = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('restitutions (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let esmsApe: string;
  const extra = {
    ehpad: ['45000121', '45000131', '45000141', '45000151'].map(finessNumber),
    ehpadInProgress: finessNumber('45000161'),
    ime45: ['45000171', '45000181'].map(finessNumber),
    ime18: finessNumber('18000191'),
  };

  async function addStructure(finess: string, category: string, department: string, status: string) {
    await t.dataSource.query(
      `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                               department_code, region_code, competence)
       VALUES ($1, $2, $3, lower($3), $4, $5, $6, '24', $7)`,
      [
        finess,
        OG_45,
        `${category} ${finess}`,
        category,
        category === 'EHPAD' ? '500' : '183',
        department,
        category === 'EHPAD' ? 'SHARED' : 'ARS',
      ],
    );
    await t.dataSource.query(`INSERT INTO submissions (campaign_year, finess, status) VALUES ($1, $2, $3)`, [
      YEAR,
      finess,
      status,
    ]);
  }

  async function setValue(finess: string, value: number, status?: string) {
    const [{ dictionary_version }] = await t.dataSource.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    await storeIndicator(t.dataSource, YEAR, finess, CODE, { value }, dictionary_version);
    if (status) {
      await t.dataSource.query(
        `UPDATE submissions SET status = $3 WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, finess, status],
      );
    }
  }

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    // Today is in the restitution phase: every reader sees the peers.
    await openCampaign(t, national, YEAR, 'RESTITUTION');
    const account = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
    ]);
    esmsApe = await loginAs(t.http, account.email);
    // EHPAD of the Loiret (45, region 24): 10, 20, 30 (EHPAD_45), 40, 50, 60 — VALIDATED or CONFIRMED.
    await setValue(EHPAD_45, 30, 'VALIDATED');
    for (const [k, value] of [10, 20, 40, 50].entries()) {
      const finess = extra.ehpad[k]!;
      await addStructure(finess, 'EHPAD', '45', k % 2 === 0 ? 'VALIDATED' : 'CONFIRMED');
      await setValue(finess, value);
    }
    const sixth = finessNumber('45000221');
    await addStructure(sixth, 'EHPAD', '45', 'CONFIRMED');
    await setValue(sixth, 60);
    // Not validated: never a peer.
    await addStructure(extra.ehpadInProgress, 'EHPAD', '45', 'IN_PROGRESS');
    await setValue(extra.ehpadInProgress, 1000);
    // Paris: the planted value, in the national group only.
    await setValue(EHPAD_75, FOREIGN, 'CONFIRMED');
    // IME: 4 in the Loiret (suppressed), 5 in the region (shown: 4 + 1 in the Cher), 6 nationally.
    await setValue(IME_45, 7, 'VALIDATED');
    await setValue(IME_75, 99, 'VALIDATED');
    for (const [k, finess] of [...extra.ime45, finessNumber('45000191')].entries()) {
      await addStructure(finess, 'IME', '45', 'VALIDATED');
      await setValue(finess, 1 + k);
    }
    await addStructure(extra.ime18, 'IME', '18', 'VALIDATED');
    await setValue(extra.ime18, 11);
    const recomputed = await request(t.http)
      .post(`/api/campaigns/${YEAR}/distributions/recompute`)
      .set('Authorization', national)
      .expect(201);
    expect(recomputed.body).toMatchObject({ campaignYear: YEAR, groups: expect.any(Number) });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores hand-computed medians and deciles of the validated and confirmed peers', async () => {
    const rows = await t.dataSource.query(
      `SELECT level, territory_code, suppressed, n, mean, median, deciles, min, max FROM distributions
        WHERE campaign_year = $1 AND indicator_code = $2 AND category_code = 'EHPAD' ORDER BY level, territory_code`,
      [YEAR, CODE],
    );
    const department = rows.find((r: { level: string }) => r.level === 'DEPARTMENT');
    // 10, 20, 30, 40, 50, 60 — percentile_cont: position p × (n − 1), linear interpolation.
    expect(department).toMatchObject({ territory_code: '45', suppressed: false, n: 6, mean: 35, median: 35 });
    expect(department.deciles).toEqual([15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect([department.min, department.max]).toEqual([10, 60]); // 1000 (IN_PROGRESS) is not a peer
    const nation = rows.find((r: { level: string }) => r.level === 'NATION');
    // 10 … 60 and 123.456: n = 7, median 40, D9 at position 5.4 = 60 + 0.4 × 63.456.
    expect(nation).toMatchObject({ territory_code: 'FR', n: 7, median: 40 });
    expect(nation.deciles[8]).toBeCloseTo(85.3824, 6);
  });

  it('gives a structure its value, its decile and its peers’ medians, never another structure’s value', async () => {
    const res = await request(t.http).get(restitutionOf(EHPAD_45)).set('Authorization', esmsApe).expect(200);
    expect(res.body).toMatchObject({
      finess: EHPAD_45,
      categoryCode: 'EHPAD',
      submissionStatus: 'VALIDATED',
      stage: {
        provisional: false,
        notice: null,
        peers: { available: true, reason: null, availableFrom: datesFor('RESTITUTION').restitutionStart },
      },
    });
    const p06 = res.body.indicators.find((i: { code: string }) => i.code === CODE);
    expect(p06.value).toBe(30);
    // 30 is above D1–D3 (15, 20, 25) and not above D4 (30): 4th decile.
    expect(p06.decile).toEqual({ NATION: 4, REGION: 4, DEPARTMENT: 4 });
    expect(p06.departmental).toEqual({
      level: 'DEPARTMENT',
      territoryCode: '45',
      suppressed: false,
      n: 6,
      mean: 35,
      median: 35,
      deciles: [15, 20, 25, 30, 35, 40, 45, 50, 55],
    });
    expect(p06.national.median).toBe(40);
    expect(p06.trend).toEqual([{ campaignYear: YEAR, value: 30 }]);
    // Distribution indicators (shares) have no decile: not part of the restitution.
    expect(res.body.indicators.map((i: { code: string }) => i.code)).not.toContain('P02');
    for (const auth of [esmsApe, national]) {
      const body = JSON.stringify(
        (await request(t.http).get(restitutionOf(EHPAD_45)).set('Authorization', auth)).body,
      );
      expect(body).not.toContain('123.456');
      expect(body).not.toContain('1000');
      expect(body).not.toMatch(/"(min|max)"/);
    }
  });

  it('never shows a group of fewer than 5 structures, not even its size', async () => {
    const stored = await t.dataSource.query(
      `SELECT suppressed, n, mean, median, deciles, min, max FROM distributions
        WHERE campaign_year = $1 AND indicator_code = $2 AND category_code = 'IME' AND level = 'DEPARTMENT' AND territory_code = '45'`,
      [YEAR, CODE],
    );
    expect(stored).toEqual([
      { suppressed: true, n: null, mean: null, median: null, deciles: null, min: null, max: null },
    ]);
    const res = await request(t.http).get(restitutionOf(IME_45)).set('Authorization', national).expect(200);
    const p06 = res.body.indicators.find((i: { code: string }) => i.code === CODE);
    expect(p06.departmental).toEqual({
      level: 'DEPARTMENT',
      territoryCode: '45',
      suppressed: true,
      n: null,
      mean: null,
      median: null,
      deciles: null,
    });
    expect(p06.decile.DEPARTMENT).toBeNull();
    // Region 24: 1, 2, 3, 7 and 11 → median 3; IME_45 (7) above D7 (6.2), not above D8 (7.8).
    expect(p06.regional).toMatchObject({ suppressed: false, n: 5, median: 3 });
    expect(p06.decile.REGION).toBe(8);
    expect(p06.national).toMatchObject({ suppressed: false, n: 6 });
  });

  it('refuses another structure’s restitution to a structure’s reader (403) and recompute to it', async () => {
    for (const other of [EHPAD_75, extra.ehpad[0]!, IME_45]) {
      await request(t.http).get(restitutionOf(other)).set('Authorization', esmsApe).expect(403);
      await request(t.http)
        .get(`${restitutionOf(other)}.pdf`)
        .set('Authorization', esmsApe)
        .expect(403);
    }
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/distributions/recompute`)
      .set('Authorization', esmsApe)
      .expect(403);
    await request(t.http).get(restitutionOf(EHPAD_45)).expect(401);
  });

  it('prints the restitution as a PDF and as an XLSX workbook', async () => {
    // O04's accounting tool in five of the Loiret's EHPAD (software for 3 of 5), the HR SI in one.
    for (const [finess, tool] of [
      [EHPAD_45, 'logiciel_dedie'],
      [extra.ehpad[0]!, 'tableur'],
      [extra.ehpad[1]!, 'module_progiciel'],
      [extra.ehpad[2]!, 'aucun'],
      [extra.ehpad[3]!, 'logiciel_dedie'],
    ] as const) {
      const values = { si_outil_comptabilite: tool, ...(finess === EHPAD_45 ? { si_rh_modules: 4 } : {}) };
      await t.dataSource.query(
        `UPDATE submissions SET values = values || $3::jsonb WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, finess, JSON.stringify(values)],
      );
    }
    const pdf = await request(t.http)
      .get(`${restitutionOf(EHPAD_45)}.pdf`)
      .set('Authorization', esmsApe)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await request(t.http)
      .get(`${restitutionOf(EHPAD_45)}.xlsx`)
      .set('Authorization', esmsApe)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const p06 = rows.find((r) => r[1] === CODE);
    expect(p06?.slice(4, 8)).toEqual([30, 40, 7, 4]);
    expect(JSON.stringify(rows)).not.toContain('123.456');

    // The qualitative axes' practices, on their own sheet: French labels, shares as numbers.
    const practices = workbook.getWorksheet('Pratiques')!;
    const lines: unknown[][] = [];
    practices.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
    expect(String(lines[0]?.[0])).toMatch(/^Pratiques en place\u00a0: système d’information/);
    expect(lines.find((r) => r[0] === 'Axe')).toEqual([
      'Axe',
      'Pratique',
      'Réponse de la structure',
      'Pratique en place',
      'France\u00a0: part (%)',
      'France\u00a0: effectif',
      'Région (24)\u00a0: part (%)',
      'Région (24)\u00a0: effectif',
      'Département (45)\u00a0: part (%)',
      'Département (45)\u00a0: effectif',
    ]);
    const O04 = 'O04 – Couverture fonctionnelle et maturité du système d’information';
    const line = (label: RegExp) => lines.find((r) => label.test(String(r[1])));
    // Software for 3 of the 5 that answered, in the Loiret as in the region and the nation.
    expect(line(/^Comptabilité couverte par un logiciel/)).toEqual([
      O04,
      'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
      'Logiciel dédié',
      'oui',
      60,
      5,
      60,
      5,
      60,
      5,
    ]);
    // One answer only: no figure, in words, and no size either.
    const hr = line(/^SI RH couvrant au moins un module/)!;
    expect(hr.slice(0, 4)).toEqual([O04, 'SI RH couvrant au moins un module', '4 modules sur 9', 'oui']);
    expect([4, 6, 8].map((k) => hr[k])).toEqual(Array(3).fill('moins de 5 structures'));
    expect([5, 7, 9].map((k) => hr[k] ?? null)).toEqual([null, null, null]);
    expect(new Set(lines.map((r) => r[0]).filter((a) => /^O0\d/.test(String(a))))).toEqual(
      new Set([
        O04,
        'O05 – Développement durable',
        'O06 – Orientations stratégiques, qualité, sécurité et réglementation',
      ]),
    );
    // Text is text: no cell is a formula, and no code, type or level is written.
    practices.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(JSON.stringify(lines)).not.toMatch(
      /\b(boolean|choice|integer|NATION|REGION|DEPARTMENT|true|false)\b|\b[a-z]+_[a-z_]+\b/,
    );
  });

  it('sends an unchanged restitution once (ETag, 304), and the new figures once values or peers change', async () => {
    const p06Of = (body: { indicators: { code: string }[] }) =>
      body.indicators.find((i) => i.code === CODE) as unknown as {
        value: number;
        departmental: { median: number };
      };
    const first = await request(t.http)
      .get(restitutionOf(EHPAD_45))
      .set('Authorization', esmsApe)
      .expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"/);
    await request(t.http)
      .get(restitutionOf(EHPAD_45))
      .set('Authorization', esmsApe)
      .set('If-None-Match', etag)
      .expect(304);
    // Kept answers are never handed over the access check.
    await request(t.http).get(restitutionOf(EHPAD_45)).set('If-None-Match', etag).expect(401);

    // The structure's indicators rewritten (as a saved submission does): its new value, same peers.
    const [{ dictionary_version }] = await t.dataSource.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    const dictionary = await t.app.get(DictionaryRegistry).byVersion(dictionary_version);
    await t.app.get(IndicatorValuesRepository).replace(
      t.dataSource.manager,
      YEAR,
      dictionary.version,
      [
        encodeIndicators({
          finess: EHPAD_45,
          results: [{ code: CODE, provisional: false, status: 'computed', kind: 'ratio', value: 33 }],
        }),
      ],
      null,
    );
    const rewritten = await request(t.http)
      .get(restitutionOf(EHPAD_45))
      .set('Authorization', esmsApe)
      .set('If-None-Match', etag)
      .expect(200);
    expect(p06Of(rewritten.body).value).toBe(33);
    expect(p06Of(rewritten.body).departmental.median).toBe(35);
    expect(rewritten.headers['etag']).not.toBe(etag);

    // The peers recomputed: 10, 20, 33, 40, 50, 60 → median 36.5.
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/distributions/recompute`)
      .set('Authorization', national)
      .expect(201);
    const recomputed = await request(t.http)
      .get(restitutionOf(EHPAD_45))
      .set('Authorization', esmsApe)
      .expect(200);
    expect(p06Of(recomputed.body).departmental.median).toBe(36.5);

    // Its status, read on every request.
    await t.dataSource.query(
      `UPDATE submissions SET status = 'CONFIRMED' WHERE campaign_year = $1 AND finess = $2`,
      [YEAR, EHPAD_45],
    );
    const confirmed = await request(t.http)
      .get(restitutionOf(EHPAD_45))
      .set('Authorization', esmsApe)
      .expect(200);
    expect(confirmed.body.submissionStatus).toBe('CONFIRMED');
  });

  it('computes the distributions of a campaign that has peers but none (at start), a few seconds later', async () => {
    await t.dataSource.query(`DELETE FROM distributions WHERE campaign_year = $1`, [YEAR]);
    await t.app.get(CampaignJobsService).scheduleMissingDistributions();
    const groups = await eventually(
      async () =>
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS groups FROM distributions WHERE campaign_year = $1`,
            [YEAR],
          )
        )[0].groups as number,
      (n) => n > 0,
    );
    expect(groups).toBeGreaterThan(0);
    const res = await request(t.http).get(restitutionOf(EHPAD_45)).set('Authorization', esmsApe).expect(200);
    expect(res.body.indicators.find((i: { code: string }) => i.code === CODE).departmental).toMatchObject({
      n: 6,
      median: 36.5,
    });
  });

  describe('before the restitution phase (issue 14 §3)', () => {
    type Indicator = {
      code: string;
      value: number | null;
      decile: Record<string, number | null>;
      national: unknown;
      regional: unknown;
      departmental: { median: number } | null;
    };
    const p06Of = (body: { indicators: Indicator[] }) => body.indicators.find((i) => i.code === CODE)!;
    let ogApe: string;
    let arsReader: string;
    let cdController: string;

    beforeAll(async () => {
      const login = async (grant: Parameters<typeof persistAccount>[1][number]) =>
        loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
      ogApe = await login({ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' });
      arsReader = await login({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' });
      cdController = await login({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    });

    afterAll(async () => {
      await movePhase(t, national, YEAR, 'RESTITUTION');
    });

    /** Asserts a structure's answer holds its own values and not one figure of its peers. */
    function expectOwnFiguresOnly(body: { computedAt: unknown; indicators: Indicator[] }, from: string) {
      expect(body).toMatchObject({
        finess: EHPAD_45,
        computedAt: null,
        stage: {
          provisional: true,
          notice: expect.stringMatching(/^Valeurs provisoires/),
          peers: {
            available: false,
            reason: `Les comparaisons avec les structures similaires seront disponibles à partir du ${formatDateFr(from)}, après la fiabilisation.`,
            availableFrom: from,
          },
        },
      });
      const p06 = p06Of(body);
      expect(p06.value).toBe(33);
      expect(p06.decile).toEqual({ NATION: null, REGION: null, DEPARTMENT: null });
      expect([p06.national, p06.regional, p06.departmental]).toEqual([null, null, null]);
      for (const indicator of body.indicators) {
        expect([indicator.national, indicator.regional, indicator.departmental]).toEqual([null, null, null]);
        expect(Object.values(indicator.decile)).toEqual([null, null, null]);
      }
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/"(n|mean|median|deciles|suppressed)":/);
      expect(text).not.toContain('36.5');
    }

    it('gives the structure and its OG their own provisional values, no peer, and from when (kept answers follow the phase)', async () => {
      // In restitution: the peers, and the answer kept.
      const open = await request(t.http)
        .get(restitutionOf(EHPAD_45))
        .set('Authorization', esmsApe)
        .expect(200);
      expect(p06Of(open.body).departmental?.median).toBe(36.5);
      const etag = open.headers['etag'] as string;

      for (const phase of ['FIABILISATION', 'COLLECTION'] as const) {
        await movePhase(t, national, YEAR, phase);
        const from = datesFor(phase).restitutionStart;
        // The same browser coming back: a new answer, never the kept one with its peers.
        const esms = await request(t.http)
          .get(restitutionOf(EHPAD_45))
          .set('Authorization', esmsApe)
          .set('If-None-Match', etag)
          .expect(200);
        expect(esms.headers['etag']).not.toBe(etag);
        expectOwnFiguresOnly(esms.body, from);
        expect(p06Of(esms.body)).toMatchObject({ code: CODE });
        expect(esms.body.indicators.find((i: { code: string }) => i.code === CODE).trend).toEqual([
          { campaignYear: YEAR, value: 33 },
        ]);
        const og = await request(t.http).get(restitutionOf(EHPAD_45)).set('Authorization', ogApe).expect(200);
        expectOwnFiguresOnly(og.body, from);
      }

      // Back in restitution: the peers again, for the same reader.
      await movePhase(t, national, YEAR, 'RESTITUTION');
      const reopened = await request(t.http)
        .get(restitutionOf(EHPAD_45))
        .set('Authorization', esmsApe)
        .expect(200);
      expect(reopened.body.stage).toMatchObject({ provisional: false, peers: { available: true } });
      expect(p06Of(reopened.body).departmental?.median).toBe(36.5);
    });

    it('gives the ARS, the Département and national the provisional distributions, never handed to the structure', async () => {
      await movePhase(t, national, YEAR, 'FIABILISATION');
      for (const auth of [arsReader, cdController, national]) {
        const res = await request(t.http).get(restitutionOf(EHPAD_45)).set('Authorization', auth).expect(200);
        expect(res.body.stage).toEqual({
          provisional: true,
          notice: expect.stringMatching(/^Chiffres provisoires, pour les contrôles de fiabilisation/),
          peers: { available: true, reason: null, availableFrom: datesFor('FIABILISATION').restitutionStart },
        });
        const p06 = p06Of(res.body);
        expect(p06.departmental?.median).toBe(36.5);
        // 33 among 10, 20, 33, 40, 50, 60: above D3 (26.5), not above D4 (33).
        expect(p06.decile.DEPARTMENT).toBe(4);
        expect(JSON.stringify(res.body)).not.toContain('123.456');
      }
      // The authority's answer, just made and kept, is not the structure's.
      const esms = await request(t.http)
        .get(restitutionOf(EHPAD_45))
        .set('Authorization', esmsApe)
        .expect(200);
      expectOwnFiguresOnly(esms.body, datesFor('FIABILISATION').restitutionStart);
      // The peers never widen the scope: an ARS-only structure stays refused to the Département.
      await request(t.http).get(restitutionOf(IME_45)).set('Authorization', cdController).expect(403);
    });

    it('prints the PDF and the XLSX with the structure’s own provisional values only', async () => {
      await movePhase(t, national, YEAR, 'COLLECTION');
      const from = datesFor('COLLECTION').restitutionStart;
      const definition = jest.spyOn(t.app.get(RestitutionExportService), 'pdfDefinition');
      try {
        const pdf = await request(t.http)
          .get(`${restitutionOf(EHPAD_45)}.pdf`)
          .set('Authorization', esmsApe)
          .buffer(true)
          .parse(binaryParser)
          .expect(200);
        expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
        const printed = JSON.stringify(definition.mock.results[0]?.value);
        expect(printed).toContain('(provisoire)');
        expect(printed).toContain(`disponibles à partir du ${formatDateFr(from)}`);
        expect(printed).toContain('Valeur provisoire');
        expect(printed).not.toMatch(/Médiane|Décile|Position/);
        // The practices too: the structure's answers, no peer column.
        expect(printed).toContain('Les réponses de la structure, sans comparaison pour l’instant.');
        expect(printed).not.toMatch(/moins de 5 structures|\(sur\s\d+\)/);
        // As a national reader: the provisional peers' columns.
        await request(t.http)
          .get(`${restitutionOf(EHPAD_45)}.pdf`)
          .set('Authorization', national)
          .buffer(true)
          .parse(binaryParser)
          .expect(200);
        const authority = JSON.stringify(definition.mock.results[1]?.value);
        expect(authority).toContain('Médiane dép.');
        expect(authority).toContain('Chiffres provisoires');
      } finally {
        definition.mockRestore();
      }

      const xlsx = await request(t.http)
        .get(`${restitutionOf(EHPAD_45)}.xlsx`)
        .set('Authorization', esmsApe)
        .buffer(true)
        .parse(binaryParser)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(String(rows[0]?.[0])).toContain('(provisoire)');
      expect(rows.some((r) => String(r[0]).includes(`à partir du ${formatDateFr(from)}`))).toBe(true);
      expect(rows.find((r) => r[0] === 'Axe')).toEqual([
        'Axe',
        'Code',
        'Indicateur',
        'Unité',
        'Valeur provisoire',
        'Indicateur provisoire',
      ]);
      const p06 = rows.find((r) => r[1] === CODE);
      expect(p06?.slice(4)).toEqual([33, expect.stringMatching(/^(oui|non)$/)]);
      expect(JSON.stringify(rows)).not.toMatch(/Médiane|Décile|Effectif|36\.5/);
      const practices: unknown[][] = [];
      workbook
        .getWorksheet('Pratiques')!
        .eachRow((row) => practices.push((row.values as unknown[]).slice(1)));
      expect(practices.find((r) => r[0] === 'Axe')).toEqual([
        'Axe',
        'Pratique',
        'Réponse de la structure',
        'Pratique en place',
      ]);
      expect(practices.some((r) => String(r[0]).includes(`à partir du ${formatDateFr(from)}`))).toBe(true);
      expect(JSON.stringify(practices)).not.toMatch(/part \(%\)|effectif|moins de 5 structures/);
    });
  });
});
