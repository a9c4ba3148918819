/**
 * Atypia computed by the platform, through HTTP on a real database: a structure sees its own flags
 * while it enters (with the figures), a corrected value resolves its flag, a flag accepted last
 * year for the same figure does not come back, and the campaign job computes the peer references
 * and every structure's flags.
 */
import request from 'supertest';
import { ActorCache } from '../../src/common/auth/actor-cache';
import { CampaignJobsService } from '../../src/modules/computation/campaign-jobs.service';
import { PeerReferencesCache } from '../../src/modules/computation/peer-references.cache';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45 } = REGISTRY;
const YEAR = 2026;

describe('atypia in the platform (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ape: string;

  const detail = async () =>
    (
      await request(t.http)
        .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}`)
        .set('Authorization', ape)
        .expect(200)
    ).body;
  const save = async (values: Record<string, unknown>) => {
    const { version } = await detail();
    return (
      await request(t.http)
        .put(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/values`)
        .set('Authorization', ape)
        .send({ version, values })
        .expect(200)
    ).body;
  };

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    const account = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
    ]);
    ape = await loginAs(t.http, account.email);
    await openCampaign(t, national, YEAR);
    // Last year's campaign (closed, same dictionary), with a flag accepted on 12 temporary places.
    await t.dataSource.query(
      `INSERT INTO dictionary_versions (version, campaign_year, content, content_hash)
       SELECT '2025.1', 2025, jsonb_set(jsonb_set(content, '{version}', '"2025.1"'), '{campaignYear}', '2025'), 'test'
         FROM dictionary_versions WHERE version = '2026.1'`,
    );
    await t.dataSource.query(
      `INSERT INTO campaigns (year, dictionary_version, state, threshold, launch_date, accounts_setup_date, collection_start,
                              collection_end, fiabilisation_start, fiabilisation_end, restitution_start, closed_on)
       VALUES (2025, '2025.1', 'CLOSED', 0.9, '2025-01-15', '2025-03-01', '2025-04-15', '2025-05-31', '2025-06-01',
               '2025-08-31', '2025-09-01', '2025-12-15')`,
    );
    await t.dataSource.query(
      `INSERT INTO submissions (campaign_year, finess, status) SELECT 2025, finess, 'CONFIRMED' FROM structures`,
    );
    await t.dataSource.query(
      `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind, target_code,
                                 value, message, status, accepted_value)
       VALUES (2025, $1, 'ATC02', 'Places temporaires', 'coherence', 'high', 'item', 'lits_places_installes_temporaire',
               12, 'accepté', 'ACCEPTED', 12)`,
      [EHPAD_45],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the structure its own flags at the save, in figures, and resolves them once corrected', async () => {
    const saved = await save({ lits_places_installes_permanent: 95, lits_places_autorises_permanent: 80 });
    const flag = saved.flags.find((f: { ruleCode: string }) => f.ruleCode === 'ATC01');
    expect(flag).toMatchObject({
      status: 'OPEN',
      kind: 'coherence',
      targetCode: 'lits_places_installes_permanent',
    });
    expect(flag.message).toMatch(/95/);
    expect(flag.message).toMatch(/80/);
    const corrected = await save({ lits_places_installes_permanent: 80 });
    expect(corrected.flags.some((f: { ruleCode: string }) => f.ruleCode === 'ATC01')).toBe(false);
    const [{ status }] = await t.dataSource.query(
      `SELECT status FROM atypia_flags WHERE campaign_year = $1 AND finess = $2 AND rule_code = 'ATC01'`,
      [YEAR, EHPAD_45],
    );
    expect(status).toBe('RESOLVED');
  });

  it('does not bring back a flag accepted last year for the same figure, and reopens it when the figure changes', async () => {
    let saved = await save({ lits_places_installes_temporaire: 12, lits_places_autorises_temporaire: 10 });
    expect(saved.flags.find((f: { ruleCode: string }) => f.ruleCode === 'ATC02')).toMatchObject({
      status: 'ACCEPTED',
    });
    saved = await save({ lits_places_installes_temporaire: 14 });
    expect(saved.flags.find((f: { ruleCode: string }) => f.ruleCode === 'ATC02')).toMatchObject({
      status: 'OPEN',
    });
  });

  it('computes the peer references and every structure’s flags in the campaign job', async () => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total) SELECT $1, 'RECOMPUTE_ATYPIA', count(*) FROM submissions WHERE campaign_year = $1 RETURNING id`,
      [YEAR],
    );
    await t.app.get(CampaignJobsService).run(id);
    const [job] = await t.dataSource.query(`SELECT status, done, total FROM campaign_jobs WHERE id = $1`, [
      id,
    ]);
    expect(job.status).toBe('DONE');
    expect(job.done).toBe(job.total);
    const [references] = await t.dataSource.query(
      `SELECT population, job_id FROM atypia_peer_references WHERE campaign_year = $1`,
      [YEAR],
    );
    expect(references).toEqual({ population: 0, job_id: id });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM submissions sub
         LEFT JOIN derivation_marks m ON m.campaign_year = sub.campaign_year AND m.finess = sub.finess
        WHERE sub.campaign_year = $1 AND m.atypia_job IS DISTINCT FROM $2`,
      [YEAR, id],
    );
    expect(n).toBe(0);
    // The job keeps the flags the saves raised, with their status.
    const flags = (await detail()).flags;
    expect(flags.find((f: { ruleCode: string }) => f.ruleCode === 'ATC02')).toMatchObject({ status: 'OPEN' });
  });

  it('parses the peer references once per version for the saves, and again as soon as they change', async () => {
    const cache = t.app.get(PeerReferencesCache);
    const manager = t.dataSource.manager;
    await t.dataSource.query(`DELETE FROM atypia_peer_references WHERE campaign_year = $1`, [YEAR]);
    expect(await cache.references(manager, YEAR)).toBeNull();
    const groups = (n: number) => ({ 'ATP01|indicator|I01': { EHPAD: { national: { n, q1: 1, q3: 2 } } } });
    await t.dataSource.query(
      `INSERT INTO atypia_peer_references (campaign_year, population, groups) VALUES ($1, 10, $2)`,
      [YEAR, JSON.stringify(groups(10))],
    );
    const first = await cache.references(manager, YEAR);
    expect(first?.groups).toEqual(groups(10));
    // Same version: the very object parsed before (no read of the groups).
    expect(await cache.references(manager, YEAR)).toBe(first);
    await t.dataSource.query(`UPDATE atypia_peer_references SET groups = $2 WHERE campaign_year = $1`, [
      YEAR,
      JSON.stringify(groups(11)),
    ]);
    expect((await cache.references(manager, YEAR))?.groups).toEqual(groups(11));
    await t.dataSource.query(`DELETE FROM atypia_peer_references WHERE campaign_year = $1`, [YEAR]);
    expect(await cache.references(manager, YEAR)).toBeNull();
  });

  it('keeps the signed-in actors across saves, and drops them on any write that may change an account', async () => {
    // At the deadline every save emptied the cache of actors, and every next request read its
    // account, session and grants again (issue 13 §4).
    const clear = jest.spyOn(t.app.get(ActorCache), 'clear');
    try {
      await save({ lits_places_installes_temporaire: 3 });
      expect(clear).not.toHaveBeenCalled();
      await request(t.http).post('/api/accounts').set('Authorization', national).send({}).expect(400);
      expect(clear).toHaveBeenCalled();
    } finally {
      clear.mockRestore();
    }
  });
});
