/**
 * npm run bench:restitution [-- --embedded] [--connections 50] [--duration 15]
 * On the PostgreSQL server: the synthetic national FINESS extract (≈22,500 ESMS), a 2026 campaign
 * with generated plausible indicator values for every structure (80 % of submissions VALIDATED or
 * CONFIRMED; setup not measured), then (a) the recompute of the distributions through the API
 * (national, regional, departmental × category × indicator) and (b) autocannon on
 * GET /api/campaigns/2026/submissions/:finess/restitution for random structures as the national
 * administrator: 500 structures to warm the process up, then 2,000 others once each (every answer
 * made) and again for --duration seconds (answers kept while nothing changes); prints requests/s,
 * latencies against the target p95 < 100 ms and the CPU the API, PostgreSQL and the load
 * generator spent per request. RESTITUTION_CACHE_MB=0 measures without kept answers;
 * BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API process.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { getDictionary } from '@tdb/dictionary';
import { getIndicatorDefinitions } from '@tdb/indicators';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../apps/api/src/database/seeds/demo-accounts';
import { describeLoad, option, runLoad, startBenchApi } from './api-load';
import { createBenchDatabase, loadNationalRegistry } from './bench-database';

const YEAR = 2026;
const TARGET_P95_MS = 100;
const WARM_UP = 500;
const MEASURED = 2000;

/** Campaign 2026, a submission per structure, generated values of every applicable indicator. */
async function seedCampaign(db: DataSource): Promise<number> {
  const dictionary = getDictionary(YEAR);
  await db.query(
    `INSERT INTO dictionary_versions (version, campaign_year, content, content_hash) VALUES ($1, $2, $3, 'bench')`,
    [dictionary.version, dictionary.campaignYear, JSON.stringify(dictionary)],
  );
  await db.query(
    `INSERT INTO campaigns (year, dictionary_version, state, threshold, launch_date, accounts_setup_date, collection_start,
                            collection_end, fiabilisation_start, fiabilisation_end, restitution_start)
     VALUES ($1, $2, 'OPEN', 0.9, '2026-01-15', '2026-03-01', '2026-04-15', '2026-05-31', '2026-06-01', '2026-08-31', '2026-09-01')`,
    [YEAR, dictionary.version],
  );
  // 80 % of the submissions count as peers (VALIDATED or CONFIRMED), the rest are still in progress.
  await db.query(
    `INSERT INTO submissions (campaign_year, finess, status)
     SELECT $1, finess, CASE WHEN right(finess, 1) < '4' THEN 'VALIDATED' WHEN right(finess, 1) < '8' THEN 'CONFIRMED' ELSE 'IN_PROGRESS' END
       FROM structures`,
    [YEAR],
  );
  await db.query(`SELECT setseed(0.42)`);
  // Plausible spread: a percentage around 60–95, other units on a log-normal-ish scale; 5 % not
  // computable. One row per structure with all its indicators, as the API stores them (ADR 0008).
  const scalars = getIndicatorDefinitions(YEAR).indicators.filter((d) => d.kind !== 'distribution');
  const [seeded]: { n: number }[] = await db.query(
    `WITH generated AS (
       SELECT s.finess, d.code,
              CASE WHEN random() < 0.95 THEN
                CASE WHEN d.percent THEN least(100, greatest(0, 80 + 12 * (random() + random() + random() - 1.5)))
                     ELSE round((exp(random() * 2) * 10)::numeric, 2)::float8 END
              END AS value
         FROM structures s
         JOIN unnest($2::text[], $3::bool[], $4::text[]) AS d (code, percent, categories)
           ON d.categories IS NULL OR s.category_code = ANY (string_to_array(d.categories, ','))),
     inserted AS (
       INSERT INTO structure_indicators (campaign_year, finess, scalars, reasons, dictionary_version)
       SELECT $1, finess,
              coalesce(jsonb_object_agg(code, value) FILTER (WHERE value IS NOT NULL), '{}'),
              coalesce(jsonb_object_agg(code, jsonb_build_array('MISSING_ITEM', 'Donnée manquante.'))
                         FILTER (WHERE value IS NULL), '{}'),
              $5
         FROM generated GROUP BY finess
       RETURNING 1)
     SELECT (SELECT count(*) FROM generated)::int AS n`,
    [
      YEAR,
      scalars.map((d) => d.code),
      scalars.map((d) => d.unit === '%'),
      scalars.map((d) => (d.categories === 'ALL' ? null : d.categories.join(','))),
      dictionary.version,
    ],
  );
  // Settled as a database that has been running: no autovacuum of the fresh rows during the measure.
  await db.query(`VACUUM ANALYZE`);
  return seeded?.n ?? 0;
}

async function main(): Promise<void> {
  const embedded = process.argv.includes('--embedded');
  const connections = option('connections', 50);
  const duration = option('duration', 15);
  const work = path.join(os.tmpdir(), 'tdb-bench');
  const dataDir = path.join(work, `pglite-restitution-${Date.now()}`);
  const database = await createBenchDatabase({ embedded, dataDir });
  const loader = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
  await loader.initialize();
  await loadNationalRegistry(loader, work);
  console.log('Generating the campaign and its indicator values…');
  const setupStarted = performance.now();
  const values = await seedCampaign(loader);
  const [{ total }] = await loader.query(`SELECT count(*)::int AS total FROM structures`);
  console.log(
    `  ${values.toLocaleString('en')} indicator values for ${total} structures in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  );
  await seedDemoAccounts(loader, '24');
  const sampled: string[] = (
    await loader.query(`SELECT finess FROM structures ORDER BY md5(finess) LIMIT $1`, [WARM_UP + MEASURED])
  ).map((r: { finess: string }) => r.finess);
  const warmUpFinesses = sampled.slice(0, WARM_UP);
  const finesses = sampled.slice(WARM_UP);
  await loader.destroy();

  const api = await startBenchApi(database.url, { JOBS_WORKER: 'false' });
  try {
    const base = api.baseUrl;
    const authorization = `Bearer ${await api.signIn('admin@tdb.localhost', DEMO_PASSWORD)}`;

    const recomputeStarted = performance.now();
    const recompute = await fetch(`${base}/api/campaigns/${YEAR}/distributions/recompute`, {
      method: 'POST',
      headers: { authorization },
    });
    const recomputeMs = performance.now() - recomputeStarted;
    if (!recompute.ok) throw new Error(`recompute failed: ${recompute.status} ${await recompute.text()}`);
    const groups = (await recompute.json()) as { groups: number; suppressed: number; durationMs: number };
    const pathOf = (finess: string | undefined) => `/api/campaigns/${YEAR}/submissions/${finess}/restitution`;
    // One sample response (its size), then other structures than the measured ones, so that the
    // process is warm (compiled code, the campaign's distributions read) as a running server is.
    const sample = await fetch(`${base}${pathOf(warmUpFinesses[0])}`, { headers: { authorization } });
    const sampleBytes = (await sample.arrayBuffer()).byteLength;
    let warm = 0;
    await runLoad({
      api,
      headers: { authorization },
      connections,
      amount: warmUpFinesses.length,
      nextPath: () => pathOf(warmUpFinesses[warm++ % warmUpFinesses.length]),
    });
    // First pass: each measured structure once — every answer is made (read, placed, written).
    let next = 0;
    const firstPass = await runLoad({
      api,
      headers: { authorization },
      connections,
      amount: finesses.length,
      nextPath: () => pathOf(finesses[next++ % finesses.length]),
    });
    // Steady state: the same structures again and again, as readers come back while nothing changes.
    const result = await runLoad({
      api,
      headers: { authorization },
      connections,
      duration,
      nextPath: () => pathOf(finesses[next++ % finesses.length]),
    });
    console.log(
      [
        '',
        `Restitution benchmark — ${database.kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'}, ${total} structures, ${values.toLocaleString('en')} indicator values`,
        `distributions recompute: ${(recomputeMs / 1000).toFixed(2)} s through HTTP (${groups.durationMs} ms in the service), ${groups.groups} groups of which ${groups.suppressed} suppressed (< 5)`,
        `GET restitution, ${connections} connections, ${finesses.length} random structures (after ${WARM_UP} others to warm up), sample body ${(sampleBytes / 1024).toFixed(1)} kB`,
        '',
        `First request of each structure (answer made):`,
        ...describeLoad(firstPass, TARGET_P95_MS).map((line) => `  ${line}`),
        '',
        `Steady state, ${duration} s (answers kept while nothing changes):`,
        ...describeLoad(result, TARGET_P95_MS).map((line) => `  ${line}`),
        '',
      ].join('\n'),
    );
    if (firstPass.errors > 0 || firstPass.non2xx > 0) process.exitCode = 1;
    if (result.errors > 0 || result.non2xx > 0) process.exitCode = 1;
  } finally {
    await api.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
