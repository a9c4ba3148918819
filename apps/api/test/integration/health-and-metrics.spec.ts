/**
 * The probes and the metrics, through HTTP on a real database (issue 16 §2): liveness answers
 * without the database, readiness checks the database, the migrations against the code's and the
 * job worker; the Prometheus scrape needs METRICS_TOKEN and counts requests per route template.
 */
import request from 'supertest';
import { CampaignJobsService } from '../../src/modules/computation/campaign-jobs.service';
import { HealthRepository } from '../../src/modules/health/health.repository';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const TOKEN = 'metrics-token-'.padEnd(48, 'x');
const YEAR = 2026;
const { EHPAD_45, IME_45 } = REGISTRY;

/** The value of one series of the exposition text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const inside = line.slice(name.length).match(/^\{(.*)\}/)?.[1] ?? '';
    const present = inside === '' ? [] : inside.split(/,(?=[a-z_]+=")/);
    if (wanted.every((w) => present.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('probes and metrics (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry({ METRICS_TOKEN: TOKEN }));
    await openCampaign(t, national, YEAR);
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  const scrape = async () => {
    const res = await request(t.http).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.text;
  };

  it('answers liveness without a word to the database', async () => {
    const ping = jest.spyOn(t.app.get(HealthRepository), 'ping');
    const query = jest.spyOn(t.dataSource, 'query');
    const res = await request(t.http).get('/api/health/live').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      version: expect.any(String),
    });
    expect(ping).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
  });

  it('is ready with the database up, every migration applied and the job worker running', async () => {
    const res = await request(t.http).get('/api/health/ready').expect(200);
    const registered = t.dataSource.migrations.length;
    expect(res.body).toEqual({
      status: 'ok',
      stopping: false,
      database: { status: 'up', kind: t.database.kind, latencyMs: expect.any(Number) },
      migrations: { status: 'up', registered, applied: registered, pending: [], unknown: [] },
      jobs: {
        status: 'up',
        runner: t.database.kind === 'server' ? 'pg-boss' : 'in-process',
        state: 'running',
      },
      version: expect.any(String),
    });
    // Probes are public: no account, no token.
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is not ready while a migration of the code is missing from the database, naming it', async () => {
    const [last] = await t.dataSource.query(
      `SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`,
    );
    await t.dataSource.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      const res = await request(t.http).get('/api/health/ready').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.migrations).toMatchObject({ status: 'down', pending: [last.name] });
      // Liveness does not care: restarting the process would not apply the migration.
      await request(t.http).get('/api/health/live').expect(200);
    } finally {
      await t.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
    // A migration the code does not know (a newer version migrated the database): reported, still ready.
    await t.dataSource.query(
      `INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`,
    );
    try {
      const res = await request(t.http).get('/api/health/ready').expect(200);
      expect(res.body.migrations.unknown).toEqual(['FromTheFuture9999999999999']);
    } finally {
      await t.dataSource.query(`DELETE FROM migrations WHERE name = 'FromTheFuture9999999999999'`);
    }
  });

  it('is not ready when the database does not answer, nor when the job worker is not running', async () => {
    jest.spyOn(t.app.get(HealthRepository), 'ping').mockRejectedValueOnce(new Error('connection refused'));
    const down = await request(t.http).get('/api/health/ready').expect(503);
    expect(down.body.database).toMatchObject({ status: 'down', latencyMs: null });
    expect(down.body.migrations.status).toBe('down');

    const jobs = t.app.get(CampaignJobsService);
    jest.spyOn(jobs, 'status').mockReturnValueOnce({ runner: 'pg-boss', state: 'stopped' });
    const stopped = await request(t.http).get('/api/health/ready').expect(503);
    expect(stopped.body.jobs).toEqual({ status: 'down', runner: 'pg-boss', state: 'stopped' });
    // JOBS_WORKER=false on an API-only replica: ready, the jobs run elsewhere.
    jest.spyOn(jobs, 'status').mockReturnValueOnce({ runner: 'pg-boss', state: 'disabled' });
    const disabled = await request(t.http).get('/api/health/ready').expect(200);
    expect(disabled.body.jobs.status).toBe('disabled');
  });

  it('documents the probes and the scrape in the OpenAPI document, with their answers', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const live = doc.paths['/api/health/live'].get;
    const ready = doc.paths['/api/health/ready'].get;
    expect(live.responses['200'].content['application/json'].schema.$ref).toMatch(/LivenessResponse$/);
    expect(ready.responses['200'].content['application/json'].schema.$ref).toMatch(/ReadinessResponse$/);
    expect(ready.responses['503'].content['application/json'].schema.$ref).toMatch(/ReadinessResponse$/);
    const schema = doc.components.schemas.ReadinessResponse;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['status', 'stopping', 'database', 'migrations', 'jobs']),
    );
    const metrics = doc.paths['/api/metrics'].get;
    expect(Object.keys(metrics.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(Object.keys(metrics.responses['200'].content)).toEqual(['text/plain']);
    expect(metrics.security).toEqual([{ metrics: [] }]);
  });

  it('refuses the scrape without the token, or with another one, in French', async () => {
    const none = await request(t.http).get('/api/metrics').expect(401);
    expect(none.body.message).toMatch(/Jeton des métriques absent ou invalide/);
    await request(t.http).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}y`).expect(401);
    // An account's session is not the metrics token either.
    await request(t.http).get('/api/metrics').set('Authorization', national).expect(401);
  });

  it('counts requests per route template and status class, not per URL', async () => {
    for (const finess of [EHPAD_45, IME_45]) {
      await request(t.http).get(`/api/structures/${finess}`).set('Authorization', national).expect(200);
    }
    await request(t.http).get('/api/structures/000000000').set('Authorization', national).expect(404);
    await request(t.http).get('/api/no-such-route/12345').expect(404);
    const text = await scrape();
    const route = '/api/structures/:finess';
    expect(sample(text, 'tdb_http_requests_total', { method: 'GET', route, status_class: '2xx' })).toBe(2);
    expect(sample(text, 'tdb_http_requests_total', { method: 'GET', route, status_class: '4xx' })).toBe(1);
    expect(
      sample(text, 'tdb_http_request_duration_seconds_count', { method: 'GET', route, status_class: '2xx' }),
    ).toBe(2);
    expect(text).not.toContain(EHPAD_45);
    expect(text).not.toContain('12345');
    expect(
      sample(text, 'tdb_http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    // A refused request counts under its route too (the guard answered).
    expect(
      sample(text, 'tdb_http_requests_total', { method: 'GET', route: '/api/metrics', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the pool, the job queue, the recompute’s progress, the jobs’ lengths and the process', async () => {
    const [{ total }] = await t.dataSource.query(
      `SELECT count(*)::int AS total FROM submissions WHERE campaign_year = $1`,
      [YEAR],
    );
    // A job the worker was not told about (no queue message): it stays as it is during the scrape.
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, status, total, done) VALUES ($1, 'RECOMPUTE_INDICATORS', 'RUNNING', $2, 2)
       RETURNING id`,
      [YEAR, total],
    );
    let text: string;
    try {
      text = await scrape();
    } finally {
      await t.dataSource.query(`DELETE FROM campaign_jobs WHERE id = $1`, [id]);
    }
    const database = t.database.kind;
    expect(sample(text, 'tdb_database_pool_connections', { database, state: 'max' })).toBe(
      database === 'embedded' ? 1 : 10,
    );
    for (const state of ['total', 'idle', 'waiting'])
      expect(sample(text, 'tdb_database_pool_connections', { database, state })).toEqual(expect.any(Number));
    const queue = database === 'embedded' ? 'in-process' : 'campaign-recompute-indicators';
    expect(sample(text, 'tdb_job_queue_depth', { queue, state: 'waiting' })).toEqual(expect.any(Number));
    const progress = { campaign_year: String(YEAR), kind: 'RECOMPUTE_INDICATORS', status: 'RUNNING' };
    expect(sample(text, 'tdb_recompute_structures_done', progress)).toBe(2);
    expect(sample(text, 'tdb_recompute_structures_total', progress)).toBe(total);
    // Event-loop lag and memory: prom-client's default metrics.
    expect(sample(text, 'nodejs_eventloop_lag_seconds', {})).toEqual(expect.any(Number));
    expect(sample(text, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);

    // A job run is timed, per kind and outcome.
    const [{ id: jobId }] = await t.dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total) VALUES ($1, 'RECOMPUTE_INDICATORS', $2) RETURNING id`,
      [YEAR, total],
    );
    await t.app.get(CampaignJobsService).run(jobId);
    const after = await scrape();
    expect(
      sample(after, 'tdb_job_duration_seconds_count', { kind: 'RECOMPUTE_INDICATORS', outcome: 'done' }),
    ).toBeGreaterThanOrEqual(1);
    // Finished: no longer in the progress gauges.
    expect(after).not.toContain(
      `tdb_recompute_structures_total{campaign_year="${YEAR}",kind="RECOMPUTE_INDICATORS",status="RUNNING"}`,
    );
  });
});
