/**
 * The graceful stop (issue 16 §2), on a real database and real sockets: what SIGTERM runs through
 * app.enableShutdownHooks — app.close() — answers the request in flight, gives the running job back
 * to the queue (its pg-boss lease released on the server, its row queued again), closes the pool,
 * and another process then takes the job at once. No sleep: each step waits for the previous one's
 * event.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { ShutdownService } from '../../src/common/lifecycle/shutdown.service';
import { loadConfig } from '../../src/config/app-config';
import { CampaignRecomputeService } from '../../src/modules/computation/campaign-recompute.service';
import { HealthRepository } from '../../src/modules/health/health.repository';
import { openCampaign } from '../factories/campaigns';
import { startAppWithRegistry } from '../factories/test-registry';
import { eventually } from '../setup/eventually';

const YEAR = 2026;

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function queryOnce<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('graceful stop', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers the request in flight, releases the running job’s lease, then closes the pool', async () => {
    const { t, national } = await startAppWithRegistry();
    try {
      await openCampaign(t, national, YEAR);
      const { app } = t;
      await app.listen(0, '127.0.0.1');
      const server = app.getHttpServer() as Server;
      const { port } = server.address() as AddressInfo;

      // A long job: its indicators pass waits for the stop, then runs for real — and stops at its
      // first batch boundary, the signal being aborted.
      const recompute = app.get(CampaignRecomputeService);
      const pass = recompute.indicatorsPass.bind(recompute);
      const jobRunning = deferred();
      jest.spyOn(recompute, 'indicatorsPass').mockImplementation(async (year, jobId, dictionary, signal) => {
        jobRunning.resolve();
        if (!signal) throw new Error('The worker runs its jobs with the stop’s signal');
        if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve));
        return pass(year, jobId, dictionary, signal);
      });
      const job = await request(t.http)
        .post(`/api/campaigns/${YEAR}/jobs/recompute-indicators`)
        .set('Authorization', national)
        .expect(201);
      await jobRunning.promise;

      // A slow request: /api/health's database ping waits for the test's word (then really runs).
      const health = app.get(HealthRepository);
      const ping = health.ping.bind(health);
      const inPing = deferred();
      const finishPing = deferred();
      jest.spyOn(health, 'ping').mockImplementationOnce(async () => {
        inPing.resolve();
        await finishPing.promise;
        return ping();
      });
      const answer = fetch(`http://127.0.0.1:${port}/api/health`).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { database: { status: string } },
      }));
      await inPing.promise;

      // The stop. Nest closes the HTTP server once the jobs were told and readiness says "stopping".
      const closingServer = deferred();
      const close = server.close.bind(server);
      jest.spyOn(server, 'close').mockImplementation((callback) => {
        closingServer.resolve();
        return close(callback);
      });
      let stopped = false;
      const stop = app.close().then(() => {
        stopped = true;
      });
      await closingServer.promise;
      const shutdown = app.get(ShutdownService);
      expect(shutdown.isStopping).toBe(true);
      expect(shutdown.requestsInFlight).toBe(1);
      expect(stopped).toBe(false);
      expect(t.dataSource.isInitialized).toBe(true);

      finishPing.resolve();
      // Answered in full, with the database: the pool was still open for it.
      expect(await answer).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
      await stop;
      expect(t.dataSource.isInitialized).toBe(false);

      // The job is back in the queue, where the next process finds it at once.
      const [row] = await queryOnce<{ status: string }>(
        t.database.url,
        `SELECT status FROM campaign_jobs WHERE id = $1`,
        [job.body.id],
      );
      expect(row?.status).toBe('QUEUED');
      if (t.database.kind === 'server') {
        const leases = await queryOnce<{ state: string; started: boolean; retries: number; due: boolean }>(
          t.database.url,
          `SELECT state::text AS state, started_on IS NOT NULL AS started, retry_count AS retries,
                  start_after <= now() AS due
             FROM pgboss.job WHERE name = 'campaign-recompute-indicators' AND data ->> 'jobId' = $1`,
          [job.body.id],
        );
        // Waiting again, due now, without a retry spent (not failed: nothing went wrong).
        expect(leases).toEqual([{ state: 'created', started: false, retries: 0, due: true }]);
      }

      // Another process on the same database takes the job and finishes it.
      const next = await createApp(
        loadConfig({ NODE_ENV: 'test', WEB_DIR: 'none', LOG_LEVEL: 'silent' }),
        t.database,
      );
      await next.init();
      try {
        const done = await eventually(
          () =>
            queryOnce<{ status: string; done: number; total: number }>(
              t.database.url,
              `SELECT status, done, total FROM campaign_jobs WHERE id = $1`,
              [job.body.id],
            ),
          ([r]) => r?.status === 'DONE' || r?.status === 'FAILED',
          { timeoutMs: 60_000 },
        );
        expect(done[0]).toEqual({ status: 'DONE', done: job.body.total, total: job.body.total });
      } finally {
        await next.close();
      }
    } finally {
      if (t.dataSource.isInitialized) await t.app.close();
      await t.database.drop();
    }
    // Two applications started on one database, a job run between them.
  }, 120_000);
});
