/**
 * Indicators in the platform, through HTTP on a real database: computed at each save, read back
 * per structure, the public guide, and the campaign recompute job (pg-boss) with its progress and
 * its resumption after an interruption.
 */
import request from 'supertest';
import { getDictionary, itemsFor } from '@tdb/dictionary';
import { CompactIndicatorDetails1763990000000 } from '../../src/database/migrations/1763990000000-CompactIndicatorDetails';
import { IndicatorsPerStructure1764030000000 } from '../../src/database/migrations/1764030000000-IndicatorsPerStructure';
import { CampaignJobsService } from '../../src/modules/computation/campaign-jobs.service';
import { RecomputeRepository } from '../../src/modules/computation/recompute.repository';
import { StructureRefresh } from '../../src/modules/computation/structure-refresh.service';
import { DictionaryRegistry } from '../../src/modules/campaign-core/dictionary-registry.service';
import { SUBMISSION_SELECT, factsOf } from '../../src/modules/campaign-core/submission-context';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';
import { eventually } from '../setup/eventually';

const { OG_45, EHPAD_45, IME_45 } = REGISTRY;
const YEAR = 2026;
const dictionary = getDictionary(YEAR);

describe('indicators in the platform (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ogApe: string;

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    const account = await persistAccount(t.dataSource, [
      { organisation: { kind: 'OG', code: OG_45 }, role: 'APE' },
    ]);
    ogApe = await loginAs(t.http, account.email);
    await openCampaign(t, national, YEAR);
  });

  afterAll(async () => {
    await t?.close();
  });

  // First: a later test migrates structure_indicators down and up again.
  it('keeps a structure’s indicators uncompressed in their row (no compression at each recompute)', async () => {
    const [{ options }] = await t.dataSource.query(
      `SELECT reloptions AS options FROM pg_class WHERE relname = 'structure_indicators'`,
    );
    expect(options).toContain('toast_tuple_target=8160');
  });

  it('publishes the guide without an account, provisional sheets saying so', async () => {
    const guide = await request(t.http).get('/api/indicators/guide').expect(200);
    expect(guide.body.campaignYear).toBe(YEAR);
    expect(guide.body.sheets.length).toBeGreaterThanOrEqual(43);
    const provisional = guide.body.sheets.find((s: { status: string }) => s.status === 'provisional');
    expect(provisional.provisionalNotice).toEqual(expect.any(String));
    const verified = guide.body.sheets.find((s: { status: string }) => s.status === 'verified');
    expect(verified.provisionalNotice).toBeNull();
    expect(verified.formulaInWords).toEqual(expect.any(String));
    // The qualitative axes: each practice with how it is read, O04's coverage by software included.
    const o04 = guide.body.qualitativeAxes.find((a: { code: string }) => a.code === 'O04');
    expect(o04.practices.find((p: { code: string }) => p.code === 'si_outil_facturation')).toEqual({
      code: 'si_outil_facturation',
      label: 'Facturation couverte par un logiciel (dédié ou module de progiciel)',
      type: 'choice',
      rule: expect.stringMatching(/^choix \(en place pour «\u00a0Logiciel dédié\u00a0» ou /),
    });
    expect(o04.practices.find((p: { code: string }) => p.code === 'si_rh_modules')?.rule).toBe(
      'nombre de modules sur 9 (en place à partir de 1 module)',
    );
  });

  it('serves with the dictionary, for each item, the indicators whose formulas read it', async () => {
    const served = (
      await request(t.http).get(`/api/campaigns/${YEAR}/dictionary`).set('Authorization', ogApe).expect(200)
    ).body;
    expect(served.version).toBe(dictionary.version);
    expect(served.items).toHaveLength(dictionary.items.length);
    // P01 = personnes_derogation_age / personnes_accompagnees_31_12 × 100 (libs/indicators/data/2026.json).
    expect(served.indicatorsByItem['personnes_derogation_age']).toEqual([
      expect.objectContaining({ code: 'P01', label: expect.stringMatching(/dérogation/) }),
    ]);
    // The installed capacity appears only in P15's variant: variants count.
    expect(
      served.indicatorsByItem['lits_places_installes_permanent'].map((u: { code: string }) => u.code),
    ).toContain('P15');
    const guide = (await request(t.http).get('/api/indicators/guide').expect(200)).body;
    const sheets = new Set(guide.sheets.map((s: { code: string }) => s.code));
    const linked = Object.values(served.indicatorsByItem as Record<string, { code: string }[]>).flat();
    expect(linked.every((u) => sheets.has(u.code))).toBe(true);
  });

  it('computes the occupancy of an EHPAD at the save, as the sheet defines it', async () => {
    const guide = (await request(t.http).get('/api/indicators/guide').expect(200)).body;
    const occupancy = guide.sheets.find((s: { label: string }) => /taux d.occupation/i.test(s.label));
    expect(occupancy).toBeDefined();
    const { version } = (
      await request(t.http)
        .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}`)
        .set('Authorization', ogApe)
        .expect(200)
    ).body;
    // Every numeric item of the form filled with 1: the indicators that apply come back with the save.
    const values: Record<string, unknown> = {};
    for (const item of itemsFor(dictionary, 'EHPAD').filter(
      (i) => !i.ogLevel && (i.type === 'integer' || i.type === 'decimal'),
    )) {
      values[item.code] = 1;
    }
    const saved = await request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/values`)
      .set('Authorization', ogApe)
      .send({ version, values })
      .expect(200);
    const codes = saved.body.indicators.map((i: { code: string }) => i.code);
    expect(codes).toContain(occupancy.code);
    const read = await request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/indicators`)
      .set('Authorization', ogApe)
      .expect(200);
    expect(read.body).toEqual(saved.body.indicators);
    const one = read.body.find((i: { code: string }) => i.code === occupancy.code);
    expect(one.dictionaryVersion).toBe(dictionary.version);
    expect(one.computable ? typeof one.value : typeof one.reason).toBe(one.computable ? 'number' : 'string');
    const distribution = read.body.find((i: { parts: unknown[] | null }) => i.parts?.length);
    expect(distribution.parts[0]).toEqual({
      key: expect.any(String),
      label: expect.any(String),
      value: expect.any(Number),
      share: expect.any(Number),
    });
  });

  it('rewrites distributions stored with their labels into the compact form, then one row per structure, read back the same', async () => {
    const indicators = () =>
      request(t.http)
        .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/indicators`)
        .set('Authorization', ogApe)
        .expect(200)
        .then((r) => r.body as { code: string; parts: { share: number }[] | null }[]);
    const before = await indicators();
    const distributions = before.filter((i) => i.parts?.some((p) => p.share > 0));
    expect(distributions.length).toBeGreaterThan(0);
    const migrate = async (step: (runner: import('typeorm').QueryRunner) => Promise<void>) => {
      const runner = t.dataSource.createQueryRunner();
      try {
        await step(runner);
      } finally {
        await runner.release();
      }
    };
    // Back to one row per indicator, as the platform stored them before, with the labelled parts.
    await migrate((runner) => new IndicatorsPerStructure1764030000000().down(runner));
    for (const d of distributions)
      await t.dataSource.query(
        `UPDATE indicator_values SET details = $4 WHERE campaign_year = $1 AND finess = $2 AND indicator_code = $3`,
        [YEAR, EHPAD_45, d.code, JSON.stringify(d.parts)],
      );
    await migrate((runner) => new CompactIndicatorDetails1763990000000().up(runner));
    const [{ legacy }] = await t.dataSource.query(
      `SELECT count(*)::int AS legacy FROM indicator_values WHERE jsonb_typeof(details) = 'array'`,
    );
    expect(legacy).toBe(0);
    await migrate((runner) => new IndicatorsPerStructure1764030000000().up(runner));
    expect(await indicators()).toEqual(before);
  });

  it('recomputes a whole campaign in a background job whose progress the national administrator follows', async () => {
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/jobs/recompute-indicators`)
      .set('Authorization', ogApe)
      .expect(403);
    const started = await request(t.http)
      .post(`/api/campaigns/${YEAR}/jobs/recompute-indicators`)
      .set('Authorization', national)
      .expect(201);
    const [{ n: submissions }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM submissions WHERE campaign_year = $1`,
      [YEAR],
    );
    expect(started.body).toMatchObject({ status: 'QUEUED', total: submissions, done: 0 });
    const job = await eventually(
      async () => {
        const jobs = await request(t.http)
          .get(`/api/campaigns/${YEAR}/jobs`)
          .set('Authorization', national)
          .expect(200);
        return jobs.body.find((j: { id: string }) => j.id === started.body.id);
      },
      (j) => j?.status === 'DONE' || j?.status === 'FAILED',
    );
    expect(job).toMatchObject({ status: 'DONE', done: submissions, total: submissions });
    const [{ n: marked }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM derivation_marks WHERE campaign_year = $1 AND indicators_job = $2`,
      [YEAR, job.id],
    );
    expect(marked).toBe(submissions);
  });

  it('reads a campaign in pages known in advance that cover every submission once, whatever their size', async () => {
    const reads = t.app.get(RecomputeRepository);
    const all: { finess: string }[] = await t.dataSource.query(
      `SELECT finess FROM submissions WHERE campaign_year = $1 ORDER BY finess`,
      [YEAR],
    );
    expect(all.length).toBeGreaterThan(3);
    for (const size of [1, 2, 3, all.length, all.length + 5]) {
      const bounds = await reads.pageBounds(t.dataSource.manager, YEAR, size);
      expect(bounds.length - 1).toBe(Math.floor(all.length / size) + 1);
      const read: string[] = [];
      for (let i = 0; i < bounds.length - 1; i++) {
        const page = await reads.valuesBatch(
          t.dataSource.manager,
          YEAR,
          '00000000-0000-0000-0000-000000000000',
          { after: bounds[i]!, until: bounds[i + 1]! },
          [],
        );
        expect(page.length).toBeLessThanOrEqual(size);
        read.push(...page.map((r) => r.finess));
      }
      expect(read).toEqual(all.map((r) => r.finess));
    }
  });

  it('resumes an interrupted job without recomputing what it had done', async () => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, status, total) VALUES ($1, 'RECOMPUTE_INDICATORS', 'RUNNING', 8) RETURNING id`,
      [YEAR],
    );
    // As if the job had done IME_45 before the crash: a marker value shows whether it is recomputed.
    await t.dataSource.query(
      `INSERT INTO derivation_marks (indicators_job, campaign_year, finess) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_year, finess) DO UPDATE SET indicators_job = EXCLUDED.indicators_job`,
      [id, YEAR, IME_45],
    );
    await t.dataSource.query(
      `INSERT INTO structure_indicators (campaign_year, finess, scalars, dictionary_version)
       VALUES ($1, $2, '{"MARKER": 42}', 'x')
       ON CONFLICT (campaign_year, finess) DO UPDATE SET scalars = structure_indicators.scalars || EXCLUDED.scalars`,
      [YEAR, IME_45],
    );
    await t.app.get(CampaignJobsService).run(id);
    const marker = await t.dataSource.query(
      `SELECT scalars -> 'MARKER' AS value FROM structure_indicators WHERE campaign_year = $1 AND finess = $2`,
      [YEAR, IME_45],
    );
    expect(marker).toEqual([{ value: 42 }]);
    const [{ status, done }] = await t.dataSource.query(
      `SELECT status, done FROM campaign_jobs WHERE id = $1`,
      [id],
    );
    expect(status).toBe('DONE');
    expect(done).toBe(8);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM derivation_marks WHERE campaign_year = $1 AND indicators_job = $2`,
      [YEAR, id],
    );
    const [{ n: all }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM submissions WHERE campaign_year = $1`,
      [YEAR],
    );
    expect(n).toBe(all);
  });

  it('computes in the campaign job exactly what a save computes, reading only the items it needs', async () => {
    // Every applicable item of every structure filled (deterministic), OG-level items per OG.
    const valueOf = (item: (typeof dictionary.items)[number], seed: number): unknown => {
      switch (item.type) {
        case 'boolean':
          return seed % 2 === 0;
        case 'choice':
          return item.choices?.[seed % (item.choices.length || 1)]?.code ?? null;
        case 'date':
          return '2025-12-31';
        case 'text':
          return 'Sans objet';
        default: {
          const min = item.min ?? 0;
          const max = Math.min(item.max ?? 1000, min + 1000);
          const value = min + ((seed * 7919) % Math.max(1, max - min));
          return item.type === 'integer' ? Math.round(value) : value + 0.5 > max ? value : value + 0.5;
        }
      }
    };
    const rows: { finess: string; category_code: string; og_finess: string }[] = await t.dataSource.query(
      `SELECT sub.finess, s.category_code, s.og_finess FROM submissions sub JOIN structures s ON s.finess = sub.finess
        WHERE sub.campaign_year = $1 ORDER BY sub.finess`,
      [YEAR],
    );
    for (const [index, row] of rows.entries()) {
      const values = Object.fromEntries(
        itemsFor(dictionary, row.category_code)
          .filter((i) => !i.ogLevel)
          .map((i, k) => [i.code, valueOf(i, index * 31 + k)])
          .filter(([, v]) => v !== null),
      );
      await t.dataSource.query(
        `UPDATE submissions SET values = $3 WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, row.finess, JSON.stringify(values)],
      );
    }
    for (const og of new Set(rows.map((r) => r.og_finess))) {
      const values = Object.fromEntries(
        dictionary.items.filter((i) => i.ogLevel).map((i, k) => [i.code, valueOf(i, k)]),
      );
      await t.dataSource.query(
        `INSERT INTO og_submissions (campaign_year, og_finess, values) VALUES ($1, $2, $3)
         ON CONFLICT (campaign_year, og_finess) DO UPDATE SET values = EXCLUDED.values`,
        [YEAR, og, JSON.stringify(values)],
      );
    }
    const derived = async () => ({
      indicators: await t.dataSource.query(
        `SELECT finess, scalars, distributions, reasons FROM structure_indicators WHERE campaign_year = $1 ORDER BY finess`,
        [YEAR],
      ),
      flags: await t.dataSource.query(
        `SELECT finess, rule_code, value, message FROM atypia_flags WHERE campaign_year = $1 AND kind <> 'peer_outlier'
          ORDER BY finess, rule_code`,
        [YEAR],
      ),
    });
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total) SELECT $1, 'RECOMPUTE_INDICATORS', count(*) FROM submissions WHERE campaign_year = $1 RETURNING id`,
      [YEAR],
    );
    await t.app.get(CampaignJobsService).run(id);
    const byJob = await derived();
    expect(byJob.indicators).toHaveLength(rows.length);
    expect(byJob.flags.length).toBeGreaterThan(0);
    // The save path reads the whole documents: same figures, same flags.
    const refresh = t.app.get(StructureRefresh);
    const stored = await t.app.get(DictionaryRegistry).byVersion(dictionary.version);
    await t.dataSource.transaction(async (manager) => {
      for (const row of rows) {
        const [submission] = await manager.query(
          `${SUBMISSION_SELECT} WHERE sub.campaign_year = $1 AND sub.finess = $2`,
          [YEAR, row.finess],
        );
        const [og] = await manager.query(
          `SELECT values FROM og_submissions WHERE campaign_year = $1 AND og_finess = $2`,
          [YEAR, row.og_finess],
        );
        await refresh.refresh(
          manager,
          { year: YEAR, dictionary: stored, facts: factsOf(submission) },
          submission.values,
          og?.values ?? {},
        );
      }
    });
    expect(await derived()).toEqual(byJob);
  });

  it('queues one distributions recompute per campaign however many validations ask for it', async () => {
    const jobs = t.app.get(CampaignJobsService);
    for (let i = 0; i < 5; i++) await jobs.scheduleDistributions(YEAR);
    if (process.env['DATABASE_URL']) {
      // The server runs pg-boss: the queue keeps one job waiting per campaign.
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'campaign-distributions' AND state = 'created'
            AND singleton_key = $1`,
        [`distributions-${YEAR}`],
      );
      expect(n).toBe(1);
    } else {
      // The embedded database runs the jobs in process, one timer per campaign.
      expect((jobs as unknown as { timers: Map<number, unknown> }).timers.size).toBe(1);
    }
  });
});
