/**
 * npm run bench:indicators [-- --embedded]
 * Imports the synthetic national FINESS extract (≈22,500 ESMS), opens a 2026 campaign with one
 * submission per structure filled with generated values (seed fixed; setup not measured), then
 * measures (a) the indicator computation alone, in memory, against < 5 s, and (b) the national
 * recompute job of the API (read the submissions, compute, store indicator_values) against < 30 s,
 * with where its time goes, statement by statement.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { getDictionary, type Dictionary } from '@tdb/dictionary';
import { computeIndicators, getIndicatorDefinitions } from '@tdb/indicators';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { CampaignJobsService } from '../../apps/api/src/modules/computation/campaign-jobs.service';
import { generateSubmissionValues } from '../generate-values/generator';
import { createBenchDatabase, loadNationalRegistry, mb, trackPeakMemory } from './bench-database';
import { profileQueries } from './query-profiler';

const YEAR = 2026;
const SEED = 42;
const WRITE_BATCH = 1000;
const TARGET_COMPUTE_SECONDS = 5;
const TARGET_RECOMPUTE_SECONDS = 30;

type Values = Record<string, unknown>;

interface Structure {
  finess: string;
  og_finess: string;
  category_code: string;
}

interface Campaign {
  structures: Structure[];
  own: Map<string, Values>;
  og: Map<string, Values>;
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
const verdict = (value: number, target: number, unit: string) =>
  `${value.toFixed(1)} ${unit} / ${target} ${unit} target = ${(value / target).toFixed(2)} ${value < target ? '✔' : '✖'}`;

function progressBar(label: string, total: number): SingleBar {
  const bar = new SingleBar(
    { format: `${label.padEnd(22)} [{bar}] {percentage}% {value}/{total}`, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

/** The 2026 campaign: dictionary 2026.1, one submission per ESMS, OG-level items per OG. */
async function seedCampaign(db: DataSource, dictionary: Dictionary): Promise<Campaign> {
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
  const structures: Structure[] = await db.query(
    `SELECT finess, og_finess, category_code FROM structures ORDER BY finess`,
  );
  const ogCodes = new Set(dictionary.items.filter((i) => i.ogLevel).map((i) => i.code));
  const own = new Map<string, Values>();
  const og = new Map<string, Values>();
  const bar = progressBar('generate + write', structures.length);
  for (let start = 0; start < structures.length; start += WRITE_BATCH) {
    const rows = structures.slice(start, start + WRITE_BATCH).map((s) => {
      const generated = generateSubmissionValues({
        seed: SEED,
        structure: { finess: s.finess, categoryCode: s.category_code, capacity: null },
        dictionary,
        dataYear: dictionary.dataYear,
      }).values;
      const values: Values = {};
      const ogValues: Values = {};
      for (const [code, value] of Object.entries(generated))
        (ogCodes.has(code) ? ogValues : values)[code] = value;
      own.set(s.finess, values);
      // The OG-level answers are the OG's: its first structure's generated ones.
      if (!og.has(s.og_finess)) og.set(s.og_finess, ogValues);
      return { finess: s.finess, values };
    });
    await db.query(
      `INSERT INTO submissions (campaign_year, finess, status, values)
       SELECT $1, r.finess, 'IN_PROGRESS', r.values FROM jsonb_to_recordset($2::jsonb) AS r(finess text, values jsonb)`,
      [YEAR, JSON.stringify(rows)],
    );
    bar.update(start + rows.length);
  }
  bar.stop();
  const ogRows = [...og].map(([finess, values]) => ({ finess, values }));
  for (let start = 0; start < ogRows.length; start += WRITE_BATCH) {
    await db.query(
      `INSERT INTO og_submissions (campaign_year, og_finess, values)
       SELECT $1, r.finess, r.values FROM jsonb_to_recordset($2::jsonb) AS r(finess text, values jsonb)`,
      [YEAR, JSON.stringify(ogRows.slice(start, start + WRITE_BATCH))],
    );
  }
  await db.query(`ANALYZE`);
  return { structures, own, og };
}

/** (a) computeIndicators over every structure, values already in memory (own + OG merged). */
function measureComputation(campaign: Campaign) {
  const definitions = getIndicatorDefinitions(YEAR).indicators;
  const inputs = campaign.structures.map((s) => ({
    categoryCode: s.category_code,
    values: { ...campaign.own.get(s.finess), ...campaign.og.get(s.og_finess) },
  }));
  const memory = trackPeakMemory();
  const started = performance.now();
  let computed = 0;
  let notComputable = 0;
  for (const input of inputs) {
    for (const result of computeIndicators(definitions, input)) {
      if (result.status === 'computed') computed++;
      else if (result.reason.code !== 'NOT_APPLICABLE') notComputable++;
    }
  }
  return {
    seconds: seconds(started),
    peakRss: memory.stop(),
    indicators: definitions.length,
    computed,
    notComputable,
  };
}

/** (b) The API's recompute job, in a booted Nest application, on the whole campaign. */
async function measureRecompute(url: string, kind: 'embedded' | 'server') {
  const bootStarted = performance.now();
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
  const bootSeconds = seconds(bootStarted);
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const [job]: { id: string }[] = await dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total)
       SELECT $1, 'RECOMPUTE_INDICATORS', count(*) FROM submissions WHERE campaign_year = $1 RETURNING id`,
      [YEAR],
    );
    const jobs = app.get(CampaignJobsService);
    const baselineRss = process.memoryUsage().rss;
    const memory = trackPeakMemory();
    const profile = profileQueries();
    const started = performance.now();
    await jobs.run(job!.id);
    const total = seconds(started);
    const phases = profile.stop();
    const peakRss = memory.stop();
    const [state]: { status: string; done: number; total: number }[] = await dataSource.query(
      `SELECT status, done, total FROM campaign_jobs WHERE id = $1`,
      [job!.id],
    );
    const [written]: { rows: number }[] = await dataSource.query(
      `SELECT count(*)::int AS rows FROM indicator_values WHERE campaign_year = $1`,
      [YEAR],
    );
    // Atypia: peers are the validated and confirmed submissions (here 70 % of them).
    await dataSource.query(
      `UPDATE submissions SET status = 'VALIDATED' WHERE campaign_year = $1 AND right(finess, 1) < '7'`,
      [YEAR],
    );
    const [atypiaJob]: { id: string }[] = await dataSource.query(
      `SELECT id FROM campaign_jobs WHERE campaign_year = $1 AND kind = 'RECOMPUTE_ATYPIA' AND status = 'QUEUED'`,
      [YEAR],
    );
    const atypiaStarted = performance.now();
    await jobs.run(atypiaJob!.id);
    const atypiaSeconds = seconds(atypiaStarted);
    const [atypia]: { flags: number; structures: number; population: number }[] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM atypia_flags WHERE campaign_year = $1 AND status <> 'RESOLVED') AS flags,
              (SELECT count(DISTINCT finess)::int FROM atypia_flags WHERE campaign_year = $1 AND status <> 'RESOLVED') AS structures,
              (SELECT population FROM atypia_peer_references WHERE campaign_year = $1) AS population`,
      [YEAR],
    );
    return {
      bootSeconds,
      seconds: total,
      baselineRss,
      peakRss,
      phases,
      state: state!,
      rows: written!.rows,
      atypia: { seconds: atypiaSeconds, ...atypia! },
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const embedded = process.argv.includes('--embedded');
  const work = path.join(os.tmpdir(), 'tdb-bench');
  const setupStarted = performance.now();
  const dataDir = path.join(work, `pglite-indicators-${Date.now()}`);
  const database = await createBenchDatabase({ embedded, dataDir });
  try {
    const loader = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
    await loader.initialize();
    let campaign: Campaign;
    try {
      console.log('Setup (not measured)');
      await loadNationalRegistry(loader, work);
      campaign = await seedCampaign(loader, getDictionary(YEAR));
    } finally {
      await loader.destroy();
    }
    const setupSeconds = seconds(setupStarted);
    const n = campaign.structures.length;
    console.log(`Setup done in ${setupSeconds.toFixed(1)} s: ${n} submissions, ${campaign.og.size} OG.`);

    const compute = measureComputation(campaign);
    campaign = { structures: campaign.structures, own: new Map(), og: new Map() };
    const recompute = await measureRecompute(database.url, database.kind);

    const accounted = recompute.phases.reduce((sum, p) => sum + p.seconds, 0);
    const line = (label: string, s: number, detail: string) =>
      `  ${label.padEnd(28)} ${s.toFixed(2).padStart(7)} s  ${((100 * s) / recompute.seconds).toFixed(0).padStart(3)} %  ${detail}`;
    console.log(
      [
        '',
        `Indicator recompute benchmark — ${database.kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'}, ${os.cpus().length} CPU`,
        `campaign ${YEAR}: ${n.toLocaleString('en')} submissions, ${compute.indicators} indicators, setup ${setupSeconds.toFixed(1)} s (not counted)`,
        '',
        `(a) computation alone (in memory): ${compute.seconds.toFixed(2)} s — ${rate(n, compute.seconds)} structures/s, ` +
          `${compute.computed.toLocaleString('en')} computed, ${compute.notComputable.toLocaleString('en')} not computable, peak RSS ${mb(compute.peakRss)}`,
        `(b) national recompute job (API booted in ${recompute.bootSeconds.toFixed(1)} s, not counted): ${recompute.seconds.toFixed(1)} s — ` +
          `${rate(n, recompute.seconds)} structures/s, ${recompute.rows.toLocaleString('en')} indicator rows written, ` +
          `job ${recompute.state.status} ${recompute.state.done}/${recompute.state.total}`,
        `    RSS ${mb(recompute.baselineRss)} before, peak ${mb(recompute.peakRss)}`,
        '    where the time goes (statements timed with their row parsing; the rest is JavaScript):',
        ...recompute.phases.map((p) => line(p.label, p.seconds, `${p.calls} calls`)),
        line('compute + merge + JSON', recompute.seconds - accounted, ''),
        '',
        'summary',
        `  (a) computation     ${verdict(compute.seconds, TARGET_COMPUTE_SECONDS, 's')}`,
        `  (b) recompute job   ${verdict(recompute.seconds, TARGET_RECOMPUTE_SECONDS, 's')}`,
        `  (c) atypia job      ${verdict(recompute.atypia.seconds, TARGET_RECOMPUTE_SECONDS, 's')} — every rule over ${n.toLocaleString('en')} structures, peers = ${recompute.atypia.population.toLocaleString('en')} validated, ${recompute.atypia.flags.toLocaleString('en')} open flags on ${recompute.atypia.structures.toLocaleString('en')} structures`,
        '',
      ].join('\n'),
    );
    if (recompute.state.status !== 'DONE' || recompute.state.done !== n) process.exitCode = 1;
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
