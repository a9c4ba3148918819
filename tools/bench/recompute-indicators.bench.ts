/**
 * npm run bench:indicators [-- --embedded]
 * Imports the synthetic national FINESS extract (≈22,500 ESMS), opens a 2026 campaign with one
 * submission per structure filled with generated values, 70 % of them validated (seed fixed; setup
 * not measured). Then, in a fresh process (so that its peak memory is the recompute's own):
 *
 * - the floor: the campaign's values read out of the database (the job's keyset pages) and every
 *   indicator computed in memory, nothing written — what no recompute can go under;
 * - the national recompute, as the API runs it: indicators and own rules, then peer statistics
 *   (distributions and peer references), then peer rules; each stage timed, the total, the peak
 *   RSS, and the ratio of the total to the floor;
 * - the refresh of one structure, as a save runs it (indicators and flags, one transaction).
 *
 * Target (issue 12): total ≤ 10 s, peak RSS ≤ 600 MB, on the PostgreSQL server of a 2-core machine.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ValueMap } from '@tdb/contracts';
import { getDictionary, type Dictionary } from '@tdb/dictionary';
import { computeIndicators, getIndicatorDefinitions } from '@tdb/indicators';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { mergedValues } from '../../apps/api/src/modules/campaign-core/submission-context';
import { CampaignJobsService } from '../../apps/api/src/modules/computation/campaign-jobs.service';
import type { RecomputeStage } from '../../apps/api/src/modules/computation/campaign-recompute.service';
import { StructureRefresh } from '../../apps/api/src/modules/computation/structure-refresh.service';
import { DerivedRules } from '../../apps/api/src/modules/computation/derived-rules.service';
import { RecomputeRepository } from '../../apps/api/src/modules/computation/recompute.repository';
import { structureFactsOf } from '../../apps/api/src/common/auth/structure-facts';
import { DictionaryRegistry } from '../../apps/api/src/modules/campaign-core/dictionary-registry.service';
import { generateSubmissionValues } from '../generate-values/generator';
import {
  apiNodeFlags,
  createBenchDatabase,
  loadNationalRegistry,
  mb,
  trackCpu,
  trackPeakMemory,
} from './bench-database';
import { profileQueries } from './query-profiler';

const YEAR = 2026;
const SEED = 42;
const WRITE_BATCH = 1000;
const TARGET_SECONDS = 10;
const TARGET_RSS = 600 * 1024 * 1024;
const REFRESHES = 100;
const FLOOR_JOB = '00000000-0000-4000-8000-000000000000';

const seconds = (from: number) => (performance.now() - from) / 1000;

/** The 2026 campaign: dictionary 2026.1, one submission per ESMS (70 % validated), OG-level items per OG. */
async function seedCampaign(
  db: DataSource,
  dictionary: Dictionary,
): Promise<{ submissions: number; ogs: number }> {
  const [existing]: { submissions: number; ogs: number }[] = await db.query(
    `SELECT (SELECT count(*)::int FROM submissions WHERE campaign_year = $1) AS submissions,
            (SELECT count(*)::int FROM og_submissions WHERE campaign_year = $1) AS ogs`,
    [YEAR],
  );
  if (existing && existing.submissions > 0) {
    // A database given with DATABASE_URL and seeded by an earlier run: its derived data start over.
    for (const table of [
      'structure_indicators',
      'atypia_flags',
      'distributions',
      'atypia_peer_references',
      'campaign_jobs',
      'derivation_marks',
    ])
      await db.query(`DELETE FROM ${table} WHERE campaign_year = $1`, [YEAR]);

    await db.query(`VACUUM ANALYZE`);
    return existing;
  }
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
  const structures: { finess: string; og_finess: string; category_code: string }[] = await db.query(
    `SELECT finess, og_finess, category_code FROM structures ORDER BY finess`,
  );
  const ogCodes = new Set(dictionary.items.filter((i) => i.ogLevel).map((i) => i.code));
  const ogSeen = new Set<string>();
  for (let start = 0; start < structures.length; start += WRITE_BATCH) {
    const ogRows: { finess: string; values: ValueMap }[] = [];
    const rows = structures.slice(start, start + WRITE_BATCH).map((s) => {
      const generated = generateSubmissionValues({
        seed: SEED,
        structure: { finess: s.finess, categoryCode: s.category_code, capacity: null },
        dictionary,
        dataYear: dictionary.dataYear,
      }).values;
      const values: ValueMap = {};
      const ogValues: ValueMap = {};
      for (const [code, value] of Object.entries(generated))
        (ogCodes.has(code) ? ogValues : values)[code] = value as ValueMap[string];
      // The OG-level answers are the OG's: its first structure's generated ones.
      if (!ogSeen.has(s.og_finess)) {
        ogSeen.add(s.og_finess);
        ogRows.push({ finess: s.og_finess, values: ogValues });
      }
      // Peers are the validated and confirmed submissions: here 70 % of them.
      return { finess: s.finess, values, status: s.finess.slice(-1) < '7' ? 'VALIDATED' : 'IN_PROGRESS' };
    });
    await db.query(
      `INSERT INTO submissions (campaign_year, finess, status, values)
       SELECT $1, r.finess, r.status, r.values FROM jsonb_to_recordset($2::jsonb) AS r(finess text, status text, values jsonb)`,
      [YEAR, JSON.stringify(rows)],
    );
    await db.query(
      `INSERT INTO og_submissions (campaign_year, og_finess, values)
       SELECT $1, r.finess, r.values FROM jsonb_to_recordset($2::jsonb) AS r(finess text, values jsonb)`,
      [YEAR, JSON.stringify(ogRows)],
    );
  }
  // The measure starts from a settled table (no autovacuum pass during it).
  await db.query(`VACUUM ANALYZE`);
  return { submissions: structures.length, ogs: ogSeen.size };
}

interface Measure {
  floor: { seconds: number; structures: number; results: number };
  stages: { stage: RecomputeStage; seconds: number }[];
  total: number;
  peakRss: number;
  baselineRss: number;
  cpu: { process: number; database: number | null; machine: number | null };
  rows: number;
  jobs: { kind: string; status: string; done: number; total: number }[];
  atypia: { flags: number; structures: number; population: number; groups: number };
  refresh: { meanMs: number; p95Ms: number };
}

/**
 * The floor: the values the indicators need read page by page, exactly as the job reads them (its
 * repository, its items), and every indicator computed in memory; nothing written.
 */
async function measureFloor(
  db: DataSource,
  dictionary: Dictionary,
  reads: RecomputeRepository,
  items: readonly string[],
): Promise<Measure['floor']> {
  const started = performance.now();
  const definitions = getIndicatorDefinitions(YEAR).indicators;
  const og = await reads.ogValues(db.manager, YEAR);
  let structures = 0;
  let results = 0;
  const bounds = await reads.pageBounds(db.manager, YEAR, 1000);
  for (let i = 0; i < bounds.length - 1; i++) {
    // A job id no mark carries: every submission is read with its values.
    const range = { after: bounds[i]!, until: bounds[i + 1]! };
    const page = await reads.valuesBatch(db.manager, YEAR, FLOOR_JOB, range, items);
    for (const row of page) {
      const values = mergedValues(row.values ?? {}, og.get(row.og_finess) ?? {}, dictionary, true);
      results += computeIndicators(definitions, { categoryCode: row.category_code, values }).length;
      structures++;
    }
  }
  return { seconds: seconds(started), structures, results };
}

/** Child process: boot the API on the database, measure the floor, the recompute, the refresh. */
async function measure(url: string, kind: 'embedded' | 'server'): Promise<Measure> {
  const config = loadConfig({
    DATABASE_URL: kind === 'server' ? url : '',
    WEB_DIR: 'none',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    // The benchmark runs the jobs itself, one after the other, timed.
    JOBS_WORKER: 'false',
  });
  const app = await createApp(config, { url, kind });
  await app.init();
  try {
    const db = app.get<DataSource>(getDataSourceToken());
    const [campaign]: { dictionary_version: string }[] = await db.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    const dictionary = await app.get(DictionaryRegistry).byVersion(campaign!.dictionary_version);
    const items = app.get(DerivedRules).inputItemsFor(dictionary);
    const floor = await measureFloor(db, dictionary, app.get(RecomputeRepository), items);
    if (global.gc) global.gc();
    const [job]: { id: string }[] = await db.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total)
       SELECT $1, 'RECOMPUTE_INDICATORS', count(*) FROM submissions WHERE campaign_year = $1 RETURNING id`,
      [YEAR],
    );
    const jobs = app.get(CampaignJobsService);
    const baselineRss = process.memoryUsage().rss;
    const memory = trackPeakMemory();
    const cpuTracker = trackCpu();
    const stages: Measure['stages'] = [];
    let stageStarted = performance.now();
    const onStage = (stage: RecomputeStage) => {
      const last = stages[stages.length - 1];
      if (last) last.seconds = seconds(stageStarted);
      stageStarted = performance.now();
      stages.push({ stage, seconds: 0 });
    };
    const profile = process.env['BENCH_PROFILE'] ? profileQueries() : null;
    const started = performance.now();
    await jobs.run(job!.id, onStage);
    const [atypiaJob]: { id: string }[] = await db.query(
      `SELECT id FROM campaign_jobs WHERE campaign_year = $1 AND kind = 'RECOMPUTE_ATYPIA' AND status = 'QUEUED'`,
      [YEAR],
    );
    await jobs.run(atypiaJob!.id, onStage);
    stages[stages.length - 1]!.seconds = seconds(stageStarted);
    const total = seconds(started);
    const peakRss = memory.stop();
    const cpu = cpuTracker.stop();
    for (const p of profile?.stop() ?? [])
      console.log(`  ${p.label.padEnd(32)} ${p.seconds.toFixed(2)} s ${p.calls} calls`);
    const jobRows = await db.query(
      `SELECT kind, status, done, total FROM campaign_jobs WHERE campaign_year = $1 ORDER BY created_at`,
      [YEAR],
    );
    const [written]: { rows: number }[] = await db.query(
      // Indicators stored (ADR 0008: one row per structure holds them all).
      `SELECT coalesce(sum((SELECT count(*) FROM jsonb_object_keys(scalars || distributions || reasons))), 0)::int AS rows
         FROM structure_indicators WHERE campaign_year = $1`,
      [YEAR],
    );
    const [atypia]: Measure['atypia'][] = await db.query(
      `SELECT (SELECT count(*)::int FROM atypia_flags WHERE campaign_year = $1 AND status <> 'RESOLVED') AS flags,
              (SELECT count(DISTINCT finess)::int FROM atypia_flags WHERE campaign_year = $1 AND status <> 'RESOLVED') AS structures,
              (SELECT population FROM atypia_peer_references WHERE campaign_year = $1) AS population,
              (SELECT count(*)::int FROM distributions WHERE campaign_year = $1) AS groups`,
      [YEAR],
    );
    return {
      floor,
      stages,
      total,
      peakRss,
      baselineRss,
      cpu,
      rows: written!.rows,
      jobs: jobRows,
      atypia: atypia!,
      refresh: await measureRefresh(app.get(StructureRefresh), db, dictionary),
    };
  } finally {
    await app.close();
  }
}

/** A save's refresh of one structure (indicators, then flags), each in its transaction. */
async function measureRefresh(refresh: StructureRefresh, db: DataSource, dictionary: Dictionary) {
  const rows: {
    finess: string;
    og_finess: string;
    department_code: string;
    region_code: string;
    competence: 'ARS' | 'CD' | 'SHARED';
    category_code: string;
    values: ValueMap;
    og_values: ValueMap | null;
  }[] = await db.query(
    `SELECT s.finess, s.og_finess, s.department_code, s.region_code, s.competence, s.category_code, sub.values,
            ogs.values AS og_values
       FROM submissions sub JOIN structures s ON s.finess = sub.finess
       LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
      WHERE sub.campaign_year = $1 ORDER BY md5(sub.finess) LIMIT $2`,
    [YEAR, REFRESHES],
  );
  const times: number[] = [];
  for (const row of rows) {
    const started = performance.now();
    await db.transaction((manager) =>
      refresh.refresh(
        manager,
        { year: YEAR, dictionary, facts: structureFactsOf(row) },
        row.values,
        row.og_values ?? {},
      ),
    );
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    p95Ms: times[Math.floor(0.95 * (times.length - 1))]!,
  };
}

function report(
  m: Measure,
  kind: string,
  setupSeconds: number,
  campaign: { submissions: number; ogs: number },
): void {
  const n = campaign.submissions;
  const line = (label: string, s: number, detail = '') =>
    `  ${label.padEnd(30)} ${s.toFixed(2).padStart(6)} s  ${((100 * s) / m.total).toFixed(0).padStart(3)} %  ${detail}`;
  const ok = (pass: boolean) => (pass ? '✔' : '✖');
  console.log(
    [
      '',
      `National recompute benchmark — ${kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'}, ${os.cpus().length} CPU, load ${os.loadavg()[0]!.toFixed(1)}`,
      `campaign ${YEAR}: ${n.toLocaleString('en')} submissions, ${campaign.ogs.toLocaleString('en')} OG, setup ${setupSeconds.toFixed(1)} s (not counted)`,
      '',
      `floor: values read and ${m.floor.results.toLocaleString('en')} indicator results computed in memory, nothing written: ${m.floor.seconds.toFixed(2)} s`,
      '',
      'stages',
      ...m.stages.map((s) =>
        line(
          s.stage,
          s.seconds,
          s.stage === 'indicators'
            ? `${m.rows.toLocaleString('en')} indicator rows, own rules (bounds, coherence, year over year)`
            : s.stage === 'peer statistics'
              ? `${m.atypia.groups.toLocaleString('en')} distributions and the peer references computed, peers = ${m.atypia.population.toLocaleString('en')}`
              : `${m.atypia.flags.toLocaleString('en')} open flags on ${m.atypia.structures.toLocaleString('en')} structures (statistics stored meanwhile)`,
        ),
      ),
      `  ${'total'.padEnd(30)} ${m.total.toFixed(2).padStart(6)} s          ${m.jobs.map((j) => `${j.kind} ${j.status} ${j.done}/${j.total}`).join(', ')}`,
      '',
      `peak RSS ${mb(m.peakRss)} (${mb(m.baselineRss)} after boot and floor)`,
      `CPU ${m.cpu.process.toFixed(1)} s in the API process${m.cpu.database === null ? '' : `, ${m.cpu.database.toFixed(1)} s in PostgreSQL`}${m.cpu.machine === null ? '' : `, ${m.cpu.machine.toFixed(1)} s on the machine (${os.cpus().length} cores × ${m.total.toFixed(1)} s = ${(os.cpus().length * m.total).toFixed(1)} s available)`}`,
      `save refresh of one structure (indicators + flags, one transaction): mean ${m.refresh.meanMs.toFixed(1)} ms, p95 ${m.refresh.p95Ms.toFixed(1)} ms over ${REFRESHES}`,
      '',
      'summary',
      `  total      ${m.total.toFixed(1)} s / ${TARGET_SECONDS} s target ${ok(m.total <= TARGET_SECONDS)}`,
      `  peak RSS   ${mb(m.peakRss)} / ${mb(TARGET_RSS)} target ${ok(m.peakRss <= TARGET_RSS)}`,
      `  floor      ${m.floor.seconds.toFixed(1)} s — total / floor = ${(m.total / m.floor.seconds).toFixed(2)}`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--measure');
  if (child >= 0) {
    const [url, kind] = [process.argv[child + 1]!, process.argv[child + 2] as 'embedded' | 'server'];
    const result = await measure(url, kind);
    fs.writeFileSync(process.argv[child + 3]!, JSON.stringify(result));
    return;
  }
  const embedded = process.argv.includes('--embedded');
  const work = path.join(os.tmpdir(), 'tdb-bench');
  const setupStarted = performance.now();
  const dataDir = path.join(work, `pglite-indicators-${Date.now()}`);
  const database = await createBenchDatabase({ embedded, dataDir });
  try {
    const loader = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
    await loader.initialize();
    let campaign: { submissions: number; ogs: number };
    try {
      console.log('Setup (not measured)');
      await loadNationalRegistry(loader, work);
      campaign = await seedCampaign(loader, getDictionary(YEAR));
    } finally {
      await loader.destroy();
    }
    const setupSeconds = seconds(setupStarted);
    console.log(`Setup done in ${setupSeconds.toFixed(1)} s. Measuring in a fresh process…`);
    if (embedded) {
      // PGlite lives in this process: the measure runs here (its memory includes the setup's).
      report(await measure(database.url, database.kind), database.kind, setupSeconds, campaign);
      return;
    }
    const out = path.join(work, `recompute-${process.pid}.json`);
    const run = spawnSync(
      process.execPath,
      // BENCH_NODE_ARGS, e.g. "--cpu-prof": options for the measured process (not allowed in NODE_OPTIONS).
      [
        // The measured process runs the API: with its V8 flags.
        ...apiNodeFlags(),
        ...(process.env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
        ...(__filename.endsWith('.js') ? [] : ['-r', '@swc-node/register']),
        __filename,
        '--measure',
        database.url,
        database.kind,
        out,
      ],
      { stdio: 'inherit' },
    );
    if (run.status !== 0) throw new Error('the measure failed');
    const result: Measure = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out, { force: true });
    report(result, database.kind, setupSeconds, campaign);
    if (result.jobs.some((j) => j.status !== 'DONE' || j.done !== j.total)) process.exitCode = 1;
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
