/**
 * npm run bench:deadline [-- --sessions 500,2000] [--controllers 20] [--exports 5] [--think-ms 15000]
 *                           [--duration 300] [--grace 20] [--jobs-worker false]
 * The deadline rush (issue 13 §5), on the PostgreSQL server. Setup (not measured): the synthetic
 * national FINESS extract (≈22,500 ESMS), a 2026 campaign in its collection phase today (dates
 * moved around today, as the demo seed does) with generated values for every structure (70 % of
 * them validated), OG-level items entered, then the national recompute run by the API (indicators,
 * distributions, atypia flags); one APE account per sampled structure, ARS controllers and ARS
 * accounts for the exports, all with one password hashed once. Then a fresh API process, warmed
 * up by 20 sessions, and a quiet reference: 20 sessions at once with nothing else running (the CPU
 * a complete session costs the API and PostgreSQL).
 *
 * Then for each count N of --sessions (500 then 2,000 by default), N structures not entered yet:
 *  - sign-in wave: N sessions sign in at once through POST /api/auth/login (argon2), measured apart;
 *  - the rush: the N signed-in sessions at once, each one after the other in its own session, with
 *    a random pause of 0 to 2 × --think-ms before each request (the sessions arrive within the
 *    first pause): GET its form, PUT each domain's
 *    values with the version read (6 saves), POST VALIDATE; meanwhile --controllers ARS
 *    controllers read pages of the atypia table of their region, with the sessions' pause before
 *    each, and --exports ARS download the regional export of the largest regions again and again,
 *    without pause, until the last session is done. After
 *    --duration seconds no session starts a request; those in flight get --grace seconds, then are
 *    cut (their time so far counts in the percentiles as a lower bound, not as an error);
 *  - checked afterwards in the database: every value of every save answered 2xx is there (else a
 *    lost save), and every validation answered 2xx left the submission VALIDATED.
 * Printed per run: saves/s, p50/p95/p99 per route, errors by route and status (no answer included),
 * the API's answer time for a path without database and for a database ping, its peak RSS, the CPU
 * the API, PostgreSQL, this load generator and the rest of the machine spent, how busy the API's 10
 * pooled connections were, the distributions recomputes queued by validations; then the knee (the
 * first N where saves miss p95 ≤ 100 ms or p99 ≤ 300 ms) and the busiest resource. Between runs
 * the distributions recomputes still queued are dropped, so that a run does not pay for the
 * previous one's backlog. Targets on a 2-core machine: 0 errors (no 5xx, no lost save), save p95 ≤
 * 100 ms and p99 ≤ 300 ms at 500 sessions, API RSS ≤ 500 MB.
 *
 * A person takes minutes to fill a domain; the default pause, 15 s on average, is already a crowd
 * four to ten times faster than that: 500 sessions then ask ≈ 35 requests/s and 2,000 ≈ 135. With
 * --think-ms 0 each session has one request in flight at all times: the API serves N requests at
 * once and a latency is mostly the queue in front of the throughput (Little's law) — the capacity.
 * --jobs-worker false runs the API without the background jobs and starts a second process that
 * works them and takes no request (the scaling notes' worker), at a lower priority (nice 10): its
 * CPU counts under "other processes".
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { evaluateSubmission, getDictionary, itemsFor, type Dictionary } from '@tdb/dictionary';
import { parisToday } from '../../apps/api/src/common/auth/access.service';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../apps/api/src/database/seeds/demo-accounts';
import { generateSubmissionValues } from '../generate-values/generator';
import { percentile, processCpuMs, startBenchApi, type BenchApi } from './api-load';
import { createBenchDatabase, loadNationalRegistry, mb, trackCpu } from './bench-database';

const YEAR = 2026;
const SEED = 42;
const WRITE_BATCH = 1000;
const POOL_SIZE = 10; // the API's connections to a PostgreSQL server (app.module.ts)
const TARGET = { saveP95: 100, saveP99: 300, rss: 500 * 1024 * 1024 };
const ROUTES = ['login', 'form', 'save', 'validate', 'atypia', 'export'] as const;
type Route = (typeof ROUTES)[number];

const seconds = (from: number) => (performance.now() - from) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A pause that ends early, without error, when `signal` aborts. */
const sleepUnless = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

function listOption(name: string, fallback: number[]): number[] {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const list = (process.argv[index + 1] ?? '').split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--${name} expects a list of positive integers, e.g. 500,2000`);
  return list;
}

function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function booleanOption(name: string, fallback: boolean): boolean {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] !== 'false' : fallback;
}

const shift = (iso: string, days: number): string => {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

// ---------------------------------------------------------------------------------------------
// Setup

interface SampledStructure {
  finess: string;
  regionCode: string;
  /** The structure's own values (clean), by domain in the dictionary's order: one save each. */
  domains: { domain: string; values: Record<string, unknown> }[];
}

/**
 * Campaign 2026 open for collection today; a submission per structure: the sampled ones not
 * started, the others entered (70 % validated); OG-level items entered for every OG (the sampled
 * structures' own generation first, clean, so that they can validate).
 */
async function seedCampaign(
  db: DataSource,
  dictionary: Dictionary,
  sampleSize: number,
): Promise<{ submissions: number; ogs: number; sampled: SampledStructure[] }> {
  await db.query(
    `INSERT INTO dictionary_versions (version, campaign_year, content, content_hash) VALUES ($1, $2, $3, 'bench')`,
    [dictionary.version, dictionary.campaignYear, JSON.stringify(dictionary)],
  );
  const today = parisToday();
  await db.query(
    `INSERT INTO campaigns (year, dictionary_version, state, threshold, launch_date, accounts_setup_date, collection_start,
                            collection_end, fiabilisation_start, fiabilisation_end, restitution_start)
     VALUES ($1, $2, 'OPEN', 0.9, $3, $4, $5, $6, $7, $8, $9)`,
    [YEAR, dictionary.version, ...[-75, -50, -30, 21, 22, 90, 91].map((d) => shift(today, d))],
  );
  const categories = new Set(dictionary.items.flatMap((i) => (i.categories === 'ALL' ? [] : i.categories)));
  const ordered: { finess: string; category_code: string }[] = await db.query(
    `SELECT finess, category_code FROM structures ORDER BY md5(finess)`,
  );
  const sampledFiness = new Set(
    ordered
      .filter((s) => categories.has(s.category_code))
      .slice(0, sampleSize)
      .map((s) => s.finess),
  );
  if (sampledFiness.size < sampleSize)
    throw new Error(`only ${sampledFiness.size} structures can be sampled, ${sampleSize} asked`);

  const ogCodes = new Set(dictionary.items.filter((i) => i.ogLevel).map((i) => i.code));
  const domainOf = new Map(dictionary.items.map((i) => [i.code, i.domain]));
  const domainOrder = [...new Set(dictionary.items.map((i) => i.domain))];
  const structures: { finess: string; og_finess: string; category_code: string; region_code: string }[] =
    await db.query(
      `SELECT finess, og_finess, category_code, region_code FROM structures ORDER BY og_finess, finess`,
    );
  const sampled: SampledStructure[] = [];
  let rows: { finess: string; status: string; values: Record<string, unknown>; completeness: number }[] = [];
  let ogRows: { finess: string; values: Record<string, unknown> }[] = [];
  let ogs = 0;
  const flush = async () => {
    await db.query(
      `INSERT INTO submissions (campaign_year, finess, status, values, completeness, validated_at)
       SELECT $1, r.finess, r.status, r.values, r.completeness, CASE WHEN r.status = 'VALIDATED' THEN now() END
         FROM jsonb_to_recordset($2::jsonb) AS r(finess text, status text, values jsonb, completeness numeric)`,
      [YEAR, JSON.stringify(rows)],
    );
    await db.query(
      `INSERT INTO og_submissions (campaign_year, og_finess, values)
       SELECT $1, r.finess, r.values FROM jsonb_to_recordset($2::jsonb) AS r(finess text, values jsonb)`,
      [YEAR, JSON.stringify(ogRows)],
    );
    rows = [];
    ogRows = [];
  };
  // One OG at a time: its structures generated, its OG-level answers merged, then the rows.
  for (let start = 0; start < structures.length;) {
    let end = start;
    while (end < structures.length && structures[end]!.og_finess === structures[start]!.og_finess) end++;
    const members = structures
      .slice(start, end)
      .sort((a, b) => Number(sampledFiness.has(b.finess)) - Number(sampledFiness.has(a.finess)));
    const ogValues: Record<string, unknown> = {};
    const own = members.map((s) => {
      const isSampled = sampledFiness.has(s.finess);
      const generated = generateSubmissionValues({
        seed: SEED,
        structure: { finess: s.finess, categoryCode: s.category_code, capacity: null },
        dictionary,
        dataYear: dictionary.dataYear,
        // The sampled structures enter clean data (they validate); the others keep the planted errors.
        ...(isSampled ? { errorScale: 0 } : {}),
      }).values;
      const values: Record<string, unknown> = {};
      for (const [code, value] of Object.entries(generated)) {
        if (!ogCodes.has(code)) values[code] = value;
        else if (!(code in ogValues)) ogValues[code] = value;
      }
      return values;
    });
    ogRows.push({ finess: structures[start]!.og_finess, values: ogValues });
    ogs++;
    members.forEach((s, index) => {
      const values = own[index]!;
      if (sampledFiness.has(s.finess)) {
        const evaluation = evaluateSubmission(dictionary, s.category_code, { ...values, ...ogValues });
        if (evaluation.blockingErrors > 0 || evaluation.completeness.ratio < 0.9)
          throw new Error(`sampled structure ${s.finess} could not validate its generated values`);
        sampled.push({
          finess: s.finess,
          regionCode: s.region_code,
          domains: domainOrder
            .map((domain) => ({
              domain,
              values: Object.fromEntries(
                Object.entries(values).filter(([code]) => domainOf.get(code) === domain),
              ),
            }))
            .filter((d) => Object.keys(d.values).length > 0),
        });
        rows.push({ finess: s.finess, status: 'NOT_STARTED', values: {}, completeness: 0 });
      } else {
        const completeness = itemsFor(dictionary, s.category_code).length
          ? evaluateSubmission(dictionary, s.category_code, { ...values, ...ogValues }).completeness.ratio
          : 0;
        const status = s.finess.slice(-1) < '7' ? 'VALIDATED' : 'IN_PROGRESS';
        rows.push({ finess: s.finess, status, values, completeness });
      }
    });
    if (rows.length >= WRITE_BATCH) await flush();
    start = end;
  }
  if (rows.length > 0) await flush();
  // The sessions of a run are spread over the country, in the random order of md5(finess).
  const order = new Map([...sampledFiness].map((finess, index) => [finess, index]));
  sampled.sort((a, b) => order.get(a.finess)! - order.get(b.finess)!);
  return { submissions: structures.length, ogs, sampled };
}

interface BenchAccounts {
  controllers: { email: string; region: string }[];
  exporters: { email: string; region: string }[];
}

const apeEmail = (finess: string) => `ape.${finess}@bench.localhost`;

/** One APE per sampled structure, ARS controllers and ARS APR (exports): one argon2 hash for all. */
async function seedAccounts(
  db: DataSource,
  sampled: SampledStructure[],
  controllers: number,
  exports: number,
): Promise<BenchAccounts> {
  const regions: string[] = (
    await db.query(
      `SELECT region_code FROM structures GROUP BY region_code ORDER BY count(*) DESC, region_code`,
    )
  ).map((r: { region_code: string }) => r.region_code);
  const accounts: BenchAccounts = {
    controllers: Array.from({ length: controllers }, (_, i) => ({
      email: `controleur.${i + 1}@bench.localhost`,
      region: regions[i % regions.length]!,
    })),
    // The largest regions: the heaviest exports.
    exporters: Array.from({ length: exports }, (_, i) => ({
      email: `export.${i + 1}@bench.localhost`,
      region: regions[i % regions.length]!,
    })),
  };
  const rows = [
    ...sampled.map((s) => ({ email: apeEmail(s.finess), kind: 'ESMS', code: s.finess, role: 'APE' })),
    ...accounts.controllers.map((c) => ({ email: c.email, kind: 'ARS', code: c.region, role: 'CONTROLLER' })),
    ...accounts.exporters.map((e) => ({ email: e.email, kind: 'ARS', code: e.region, role: 'APR' })),
  ];
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.query(
    `INSERT INTO accounts (email, first_name, last_name, password_hash, status, password_changed_at)
     SELECT r.email, 'Banc', r.code, $2, 'ACTIVE', now() FROM jsonb_to_recordset($1::jsonb) AS r(email text, code text)`,
    [JSON.stringify(rows), passwordHash],
  );
  await db.query(
    `INSERT INTO grants (account_id, organisation_kind, organisation_code, role)
     SELECT a.id, r.kind, r.code, r.role
       FROM jsonb_to_recordset($1::jsonb) AS r(email text, kind text, code text, role text)
       JOIN accounts a ON lower(a.email) = lower(r.email)`,
    [JSON.stringify(rows)],
  );
  return accounts;
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Answer {
  status: number; // 0: no answer (connection error)
  ms: number;
  body: Buffer;
  bytes: number;
  aborted: boolean;
}

// Idle connections are dropped before the API's keep-alive timeout (5 s) closes them.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4000 });

/**
 * One request on a kept-alive connection; `discard` counts the body's bytes without keeping it. A
 * kept-alive connection the server closed meanwhile (its keep-alive timeout) is retried once on a
 * new one, as browsers do: that reset is the client's, not an answer of the API.
 */
function call(
  base: URL,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; discard?: boolean; signal?: AbortSignal } = {},
  retry = true,
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number, body: Buffer, bytes: number, aborted: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ status, ms: performance.now() - started, body, bytes, aborted });
    };
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path: pathname,
        signal: options.signal,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (!options.discard) chunks.push(chunk);
        });
        response.on('end', () => finish(response.statusCode ?? 0, Buffer.concat(chunks), bytes, false));
        response.on('error', () => finish(0, Buffer.alloc(0), bytes, options.signal?.aborted ?? false));
        response.on('close', () => finish(0, Buffer.alloc(0), bytes, options.signal?.aborted ?? false));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (retry && request.reusedSocket && error.code === 'ECONNRESET' && !options.signal?.aborted) {
        settled = true;
        void call(base, method, pathname, options, false).then((answer) =>
          resolve({ ...answer, ms: performance.now() - started }),
        );
        return;
      }
      finish(0, Buffer.from(String(error)), 0, options.signal?.aborted ?? false);
    });
    request.end(payload);
  });
}

const ok = (a: Answer) => a.status >= 200 && a.status < 300;

/**
 * Every answer's latency and status, per route. A request still unanswered when a run ends is
 * "cut" (status -1): its time so far counts in the percentiles as a lower bound, not as an error.
 */
class Recorder {
  readonly routes = new Map<string, { ms: number[]; statuses: Map<number, number>; samples: string[] }>();

  record(route: string, answer: Answer): void {
    let entry = this.routes.get(route);
    if (!entry) this.routes.set(route, (entry = { ms: [], statuses: new Map(), samples: [] }));
    const status = answer.aborted ? -1 : answer.status;
    entry.ms.push(answer.ms);
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
    if (status !== -1 && !ok(answer) && entry.samples.length < 3)
      entry.samples.push(`${answer.status} ${answer.body.toString('utf8', 0, 300).replace(/\s+/g, ' ')}`);
  }

  summary(route: string, expected: (status: number) => boolean = (status) => status >= 200 && status < 300) {
    const entry = this.routes.get(route);
    const sorted = Float64Array.from(entry?.ms ?? []).sort();
    let errors = 0;
    let serverErrors = 0;
    let noAnswer = 0;
    for (const [status, n] of entry?.statuses ?? []) {
      if (status !== -1 && !expected(status)) errors += n;
      if (status >= 500) serverErrors += n;
      if (status === 0) noAnswer += n;
    }
    return {
      requests: sorted.length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted[sorted.length - 1] ?? 0,
      mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
      errors,
      serverErrors,
      noAnswer,
      cut: entry?.statuses.get(-1) ?? 0,
      statuses: [...(entry?.statuses ?? [])].filter(([status]) => status !== -1 && !expected(status)),
      samples: entry?.samples ?? [],
    };
  }
}

async function signIn(api: BenchApi, email: string, recorder?: Recorder): Promise<string | null> {
  const answer = await call(new URL(api.baseUrl), 'POST', '/api/auth/login', {
    body: { email, password: DEMO_PASSWORD },
  });
  recorder?.record('login', answer);
  return ok(answer)
    ? (JSON.parse(answer.body.toString('utf8')) as { accessToken: string }).accessToken
    : null;
}

/** The national recompute through the API (setup): indicators and own rules, then atypia. */
async function recomputeThroughApi(api: BenchApi, token: string): Promise<void> {
  const base = new URL(api.baseUrl);
  const started = await call(base, 'POST', `/api/campaigns/${YEAR}/jobs/recompute-indicators`, { token });
  if (!ok(started)) throw new Error(`recompute refused: ${started.status} ${started.body.toString()}`);
  for (let attempt = 0; attempt < 900; attempt++) {
    await sleep(1000);
    const answer = await call(base, 'GET', `/api/campaigns/${YEAR}/jobs`, { token });
    const jobs = JSON.parse(answer.body.toString('utf8')) as {
      kind: string;
      status: string;
      error: string | null;
    }[];
    const failed = jobs.find((j) => j.status === 'FAILED');
    if (failed) throw new Error(`${failed.kind} failed: ${failed.error}`);
    if (jobs.some((j) => j.kind === 'RECOMPUTE_ATYPIA') && jobs.every((j) => j.status === 'DONE')) return;
  }
  throw new Error('the national recompute did not end within 15 minutes');
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * Connections the kernel dropped because a listening socket's accept queue was full (machine-wide
 * TcpExt ListenOverflows; null without /proc): what clients see as resets when the API's event
 * loop does not accept new connections fast enough (Node listens with a backlog of 511).
 */
function listenOverflows(): number | null {
  try {
    const [names, values] = fs
      .readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('TcpExt:'));
    const index = names!.split(' ').indexOf('ListenOverflows');
    return index < 0 ? null : Number(values!.split(' ')[index]);
  } catch {
    return null;
  }
}

/** The resident set size of a process, from /proc (0 when it is gone). */
function readRss(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The token of the API's /api/metrics (its heap and garbage collection, read around a rush). */
const METRICS_TOKEN = randomBytes(32).toString('hex');

/** What the API's process metrics say of its memory: V8 heap, memory outside it, time in GC so far. */
interface HeapSample {
  heapUsed: number;
  heapTotal: number;
  external: number;
  gcSeconds: Record<string, number>;
}

async function heapSample(api: BenchApi): Promise<HeapSample | null> {
  try {
    const response = await fetch(`${api.baseUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    if (!response.ok) return null;
    const text = await response.text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
    const gcSeconds: Record<string, number> = {};
    for (const m of text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="(\w+)"\} (\S+)/gm))
      gcSeconds[m[1]!] = Number(m[2]);
    return {
      heapUsed: value('nodejs_heap_size_used_bytes'),
      heapTotal: value('nodejs_heap_size_total_bytes'),
      external: value('nodejs_external_memory_bytes'),
      gcSeconds,
    };
  } catch {
    return null;
  }
}

/** The API process's resident set size sampled every 100 ms: the peak of a run. */
function trackApiRss(pid: number): { stop(): number } {
  let peak = readRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, readRss(pid))), 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, readRss(pid));
    },
  };
}

/**
 * The API's connections seen from PostgreSQL every 200 ms: how many are busy (running a query or
 * inside a transaction) — all POOL_SIZE busy means requests wait for a connection — and how many
 * wait on a lock. pg-boss's own connections (application_name pgboss) are apart.
 */
function trackPool(url: string): {
  stop(): Promise<{
    meanBusy: number;
    maxBusy: number;
    fullShare: number;
    lockWaits: number;
    samples: number;
  }>;
} {
  const client = new Client({ connectionString: url });
  let running = true;
  const busy: number[] = [];
  let lockWaits = 0;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const [row] = (
        await client.query(
          `SELECT count(*) FILTER (WHERE state <> 'idle')::int AS busy,
                  count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS locks
             FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
              AND application_name <> 'pgboss'`,
        )
      ).rows as { busy: number; locks: number }[];
      busy.push(row!.busy);
      lockWaits += row!.locks;
      await sleep(200);
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return {
        meanBusy: busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length),
        maxBusy: Math.max(0, ...busy),
        fullShare: busy.filter((b) => b >= POOL_SIZE).length / Math.max(1, busy.length),
        lockWaits,
        samples: busy.length,
      };
    },
  };
}

interface RunResult {
  sessions: number;
  signIn: { seconds: number; failed: number };
  /** Accept-queue overflows during the sign-in wave and the rush (machine-wide). */
  listenOverflows: number | null;
  rush: {
    seconds: number;
    capped: boolean;
    completed: number;
    savesOk: number;
    validatedOk: number;
    exportsDone: number;
    exportBytes: number;
  };
  recorder: Recorder;
  probes: Recorder;
  lostSaves: number;
  lostValidations: number;
  lostDetail: string[];
  rssStart: number;
  rssPeak: number;
  /** The API's heap at the start and the end of the rush (its metrics). */
  heap: { before: HeapSample; after: HeapSample } | null;
  /** The process that works the jobs when the API does not (--jobs-worker false). */
  jobsProcess: { cpu: number; rssPeak: number } | null;
  cpu: {
    api: number;
    database: number | null;
    loadGenerator: number;
    machine: number | null;
    /** CPU time the hypervisor gave to other machines while this one wanted it (a noisy host). */
    steal: number | null;
  };
  pool: Awaited<ReturnType<ReturnType<typeof trackPool>['stop']>>;
  distributions: { done: number | null; queued: number | null };
}

async function distributionsDone(db: Client): Promise<number | null> {
  try {
    const result = await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'campaign-distributions' AND state = 'completed'`,
    );
    return (result.rows[0] as { n: number }).n;
  } catch {
    return null;
  }
}

/** Distributions recomputes waiting in the job queue (created, retried or running). */
async function distributionsQueued(db: Client): Promise<number | null> {
  try {
    const result = await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'campaign-distributions' AND state IN ('created', 'retry', 'active')`,
    );
    return (result.rows[0] as { n: number }).n;
  } catch {
    return null;
  }
}

/**
 * Between runs: the distributions recomputes still queued are dropped (one is left to run), so
 * that a run does not pay for the previous one's backlog; then waits (≤ 60 s) until the API's
 * connections are idle and no recompute runs.
 */
async function settle(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db
      .query(
        `DELETE FROM pgboss.job WHERE name = 'campaign-distributions' AND state IN ('created', 'retry')
            AND id <> (SELECT id FROM pgboss.job WHERE name = 'campaign-distributions' AND state IN ('created', 'retry')
                        ORDER BY created_on DESC LIMIT 1)`,
      )
      .catch(() => undefined);
    for (let i = 0; i < 60; i++) {
      const [row] = (
        await db.query(
          `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND backend_type = 'client backend' AND state <> 'idle' AND application_name <> 'pgboss'`,
        )
      ).rows as { busy: number }[];
      if (row!.busy === 0 && !(await distributionsQueued(db))) return;
      await sleep(1000);
    }
  } finally {
    await db.end();
  }
}

async function runRush(
  api: BenchApi,
  databaseUrl: string,
  sessions: SampledStructure[],
  accounts: BenchAccounts,
  options: { thinkMs: number; durationSeconds: number; graceSeconds: number; jobsPid?: number },
): Promise<RunResult> {
  const base = new URL(api.baseUrl);
  const apiPid = api.process.pid ?? 0;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // Sign-in wave: every session at once.
    const overflowsBefore = listenOverflows();
    const signInRecorder = new Recorder();
    let started = performance.now();
    const tokens = await Promise.all(sessions.map((s) => signIn(api, apeEmail(s.finess), signInRecorder)));
    const signInSeconds = seconds(started);
    const controllerTokens = await Promise.all(accounts.controllers.map((c) => signIn(api, c.email)));
    const exporterTokens = await Promise.all(accounts.exporters.map((e) => signIn(api, e.email)));
    if ([...controllerTokens, ...exporterTokens].some((t) => t === null))
      throw new Error('a controller or export account could not sign in');

    const recorder = new Recorder();
    recorder.routes.set('login', signInRecorder.routes.get('login')!);
    const probes = new Recorder();
    const acknowledged = new Map<string, Record<string, unknown>>();
    const validated = new Set<string>();
    let savesOk = 0;
    let completed = 0;
    const sessionsAbort = new AbortController();
    setMaxListeners(0, sessionsAbort.signal);
    let deadline = Infinity;
    const pause = () =>
      options.thinkMs > 0 && performance.now() < deadline
        ? sleep(Math.random() * 2 * options.thinkMs)
        : Promise.resolve();

    const session = async (s: SampledStructure, token: string): Promise<void> => {
      const submission = `/api/campaigns/${YEAR}/submissions/${s.finess}`;
      const send = async (route: Route, method: string, pathname: string, body?: unknown) => {
        if (performance.now() > deadline) return null;
        const answer = await call(base, method, pathname, { token, body, signal: sessionsAbort.signal });
        recorder.record(route, answer);
        return answer.aborted ? null : answer;
      };
      const read = async (): Promise<number | null | undefined> => {
        const form = await send('form', 'GET', submission);
        if (!form) return undefined;
        return ok(form) ? (JSON.parse(form.body.toString('utf8')) as { version: number }).version : null;
      };
      await pause();
      let version = await read();
      if (version === null || version === undefined) return;
      const sent: Record<string, unknown> = {};
      acknowledged.set(s.finess, sent);
      for (const { values } of s.domains) {
        await pause();
        const save = await send('save', 'PUT', `${submission}/values`, { version, values });
        if (!save) return;
        if (ok(save)) {
          savesOk++;
          Object.assign(sent, values);
          version = (JSON.parse(save.body.toString('utf8')) as { version: number }).version;
        } else {
          // A refused save (409 stale, 5xx…): read the form again and go on, as a user would.
          version = await read();
          if (version === null || version === undefined) return;
        }
      }
      await pause();
      const validate = await send('validate', 'POST', `${submission}/transitions`, {
        action: 'VALIDATE',
        version,
      });
      if (!validate) return;
      if (ok(validate)) validated.add(s.finess);
      completed++;
    };

    // Background readers and probes, until the last session is done.
    const backgroundAbort = new AbortController();
    setMaxListeners(0, backgroundAbort.signal);
    let stopped = false;
    let exportsDone = 0;
    let exportBytes = 0;
    // A controller reads a page of the table, then acts on it before the next one: the same pause
    // as the sessions' (aborted when the rush ends). The exports run back to back (the worst case).
    const readingPause = () =>
      options.thinkMs > 0
        ? sleepUnless(Math.random() * 2 * options.thinkMs, backgroundAbort.signal)
        : Promise.resolve();
    const controllerLoops = accounts.controllers.map(async (_, i) => {
      for (let k = i; !stopped; k++) {
        await readingPause();
        if (stopped) break;
        const query = [
          `page=${1 + (k % 5)}`,
          'pageSize=50',
          ...(k % 3 === 0 ? ['status=OPEN'] : []),
          ...(k % 4 === 0 ? ['sort=value', 'order=desc'] : []),
        ].join('&');
        const answer = await call(base, 'GET', `/api/campaigns/${YEAR}/atypia?${query}`, {
          token: controllerTokens[i]!,
          signal: backgroundAbort.signal,
        });
        recorder.record('atypia', answer);
        if (answer.aborted) break;
      }
    });
    const exportLoops = accounts.exporters.map(async (e, i) => {
      while (!stopped) {
        const answer = await call(
          base,
          'GET',
          `/api/campaigns/${YEAR}/exports/regional.xlsx?region=${e.region}`,
          {
            token: exporterTokens[i]!,
            signal: backgroundAbort.signal,
            discard: true,
          },
        );
        recorder.record('export', answer);
        if (answer.aborted) break;
        if (ok(answer)) {
          exportsDone++;
          exportBytes += answer.bytes;
        }
      }
    });
    // How long the API takes to answer what needs no database (event loop) and a database ping
    // (event loop + a pooled connection), every 250 ms.
    const probeLoops = [
      ['no database (404)', '/api/bench-probe'],
      ['health (database ping)', '/api/health'],
    ].map(async ([name, pathname]) => {
      while (!stopped) {
        const answer = await call(base, 'GET', pathname!, { signal: backgroundAbort.signal });
        probes.record(name!, answer);
        if (answer.aborted) break;
        await sleep(250);
      }
    });

    const distributionsBefore = await distributionsDone(db);
    const rssStart = readRss(apiPid);
    const heapBefore = await heapSample(api);
    const rss = trackApiRss(apiPid);
    const jobsRss = options.jobsPid ? trackApiRss(options.jobsPid) : null;
    const jobsCpuBefore = options.jobsPid ? processCpuMs(options.jobsPid) : 0;
    const pool = trackPool(databaseUrl);
    const cpu = trackCpu();
    const apiCpuBefore = processCpuMs(apiPid);
    started = performance.now();
    deadline = started + options.durationSeconds * 1000;
    const all = Promise.all(sessions.map((s, i) => (tokens[i] ? session(s, tokens[i]!) : Promise.resolve())));
    // After the duration no session starts a request; the ones in flight get a grace period.
    const capped = await Promise.race([
      all.then(() => false),
      sleep((options.durationSeconds + options.graceSeconds) * 1000).then(() => true),
    ]);
    if (capped) sessionsAbort.abort();
    await all;
    const rushSeconds = seconds(started);
    if (api.process.exitCode !== null || api.process.signalCode !== null)
      throw new Error(
        `the API process ended during the rush (${api.process.exitCode ?? api.process.signalCode})`,
      );
    const apiCpu = (processCpuMs(apiPid) - apiCpuBefore) / 1000;
    const cpuUsed = cpu.stop();
    const rssPeak = rss.stop();
    const heapAfter = await heapSample(api);
    const jobsProcess = options.jobsPid
      ? { cpu: (processCpuMs(options.jobsPid) - jobsCpuBefore) / 1000, rssPeak: jobsRss!.stop() }
      : null;
    const poolUse = await pool.stop();
    stopped = true;
    backgroundAbort.abort();
    await Promise.all([...controllerLoops, ...exportLoops, ...probeLoops]);
    const distributionsAfter = await distributionsDone(db);
    const overflowsAfter = listenOverflows();
    const queuedAfter = await distributionsQueued(db);

    // Every acknowledged value and validation, read back from the database.
    const stored = new Map<string, { values: Record<string, unknown>; status: string }>(
      (
        await db.query(
          `SELECT finess, values, status FROM submissions WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[])`,
          [YEAR, sessions.map((s) => s.finess)],
        )
      ).rows.map((r: { finess: string; values: Record<string, unknown>; status: string }) => [r.finess, r]),
    );
    let lostSaves = 0;
    let lostValidations = 0;
    const lostDetail: string[] = [];
    for (const [finess, values] of acknowledged) {
      const row = stored.get(finess);
      const missing = Object.entries(values).filter(([code, value]) => row?.values[code] !== value);
      if (missing.length > 0) {
        lostSaves++;
        if (lostDetail.length < 5)
          lostDetail.push(`${finess}: ${missing.length} values differ, e.g. ${missing[0]![0]}`);
      }
      if (validated.has(finess) && row?.status !== 'VALIDATED') {
        lostValidations++;
        if (lostDetail.length < 5) lostDetail.push(`${finess}: validated (2xx) but ${row?.status}`);
      }
    }
    return {
      sessions: sessions.length,
      signIn: { seconds: signInSeconds, failed: tokens.filter((t) => t === null).length },
      listenOverflows:
        overflowsBefore === null || overflowsAfter === null ? null : overflowsAfter - overflowsBefore,
      rush: {
        seconds: rushSeconds,
        capped,
        completed,
        savesOk,
        validatedOk: validated.size,
        exportsDone,
        exportBytes,
      },
      recorder,
      probes,
      lostSaves,
      lostValidations,
      lostDetail,
      rssStart,
      rssPeak,
      heap: heapBefore && heapAfter ? { before: heapBefore, after: heapAfter } : null,
      jobsProcess,
      cpu: {
        api: apiCpu,
        database: cpuUsed.database,
        loadGenerator: cpuUsed.process,
        machine: cpuUsed.machine,
        steal: cpuUsed.steal,
      },
      pool: poolUse,
      distributions: {
        done:
          distributionsBefore === null || distributionsAfter === null
            ? null
            : distributionsAfter - distributionsBefore,
        queued: queuedAfter,
      },
    };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const fixed = (x: number, digits = 0) => x.toFixed(digits);
const check = (pass: boolean) => (pass ? '✔' : '✖');

/** The resources of a run, each as a share of what it can give, the busiest first. */
function saturation(r: RunResult) {
  const wall = r.rush.seconds;
  const cores = os.cpus().length;
  return [
    { name: 'API event loop (1 core)', use: r.cpu.api / wall },
    { name: `machine CPU (${cores} cores, all processes)`, use: (r.cpu.machine ?? 0) / wall / cores },
    { name: `PostgreSQL CPU (of ${cores} cores)`, use: (r.cpu.database ?? 0) / wall / cores },
    { name: `API connection pool (${POOL_SIZE}, time all busy)`, use: r.pool.fullShare },
  ].sort((a, b) => b.use - a.use);
}

function serverErrorsOf(r: RunResult): number {
  return ROUTES.reduce((n, route) => n + r.recorder.summary(route).serverErrors, 0);
}

function noAnswerOf(r: RunResult): number {
  return ROUTES.reduce((n, route) => n + r.recorder.summary(route).noAnswer, 0);
}

function describeHeap(heap: { before: HeapSample; after: HeapSample }, wall: number): string {
  const { before, after } = heap;
  const gc = Object.keys(after.gcSeconds)
    .map((kind) => ({ kind, s: (after.gcSeconds[kind] ?? 0) - (before.gcSeconds[kind] ?? 0) }))
    .filter((g) => g.s > 0.05)
    .map((g) => `${g.kind} ${fixed(g.s, 1)} s`);
  const total = Object.keys(after.gcSeconds).reduce(
    (sum, kind) => sum + (after.gcSeconds[kind] ?? 0) - (before.gcSeconds[kind] ?? 0),
    0,
  );
  return (
    `  API heap: used ${mb(before.heapUsed)} → ${mb(after.heapUsed)} of ${mb(after.heapTotal)}, outside the heap ${mb(after.external)}; ` +
    `garbage collection over the rush ${fixed(total, 1)} s (${fixed((100 * total) / wall, 1)} % of the time: ${gc.join(', ')})`
  );
}

function describeRun(r: RunResult, thinkMs: number): string[] {
  const wall = r.rush.seconds;
  const row = (label: string, route: Route, span: number) => {
    const s = r.recorder.summary(route);
    const cut = s.cut ? ` (${s.cut} cut: p ≥)` : '';
    return `  ${label.padEnd(22)} ${String(s.requests).padStart(7)} ${fixed(s.requests / span, 1).padStart(7)} ${fixed(s.p50).padStart(7)} ${fixed(s.p95).padStart(7)} ${fixed(s.p99).padStart(7)} ${fixed(s.max).padStart(7)} ${String(s.errors).padStart(6)}${cut}`;
  };
  const save = r.recorder.summary('save');
  const exp = r.recorder.summary('export');
  const errors: string[] = [];
  for (const route of ROUTES) {
    const s = r.recorder.summary(route);
    for (const [status, n] of s.statuses)
      errors.push(`${route} ${status === 0 ? 'no answer' : status} × ${n}`);
    for (const sample of s.samples) errors.push(`    ${route}: ${sample}`);
  }
  const serverErrors = serverErrorsOf(r);
  const noAnswer = noAnswerOf(r);
  const answered = ROUTES.filter((route) => route !== 'login').reduce((n, route) => {
    const summary = r.recorder.summary(route);
    return n + summary.requests - summary.cut;
  }, 0);
  const other =
    r.cpu.machine === null ? null : r.cpu.machine - r.cpu.api - (r.cpu.database ?? 0) - r.cpu.loadGenerator;
  const probe = (name: string) => {
    const s = r.probes.summary(name, (status) => status === 404 || status === 200);
    return `${name} p50 ${fixed(s.p50)} p95 ${fixed(s.p95)} p99 ${fixed(s.p99)} max ${fixed(s.max)} ms`;
  };
  return [
    '',
    `— ${r.sessions.toLocaleString('en')} sessions in flight (think time ${thinkMs} ms), load average ${os.loadavg()[0]!.toFixed(1)} —`,
    `sign-in wave: ${r.sessions} logins in ${fixed(r.signIn.seconds, 1)} s (${fixed(r.sessions / r.signIn.seconds, 1)}/s), ${r.signIn.failed} failed`,
    `rush: ${fixed(wall, 1)} s${r.rush.capped ? ' (duration reached: requests still queued were cut)' : ''}, ${r.rush.completed}/${r.sessions} sessions done, ` +
      `${r.rush.savesOk} saves → ${fixed(r.rush.savesOk / wall, 1)} saves/s, ${r.rush.validatedOk} validated; ` +
      `${r.rush.exportsDone} regional exports done (${mb(r.rush.exportBytes)}, mean ${fixed(exp.mean / 1000, 1)} s)`,
    `  ${'route'.padEnd(22)} ${'req'.padStart(7)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'errors'.padStart(6)}`,
    row('POST login (wave)', 'login', r.signIn.seconds),
    row('GET form', 'form', wall),
    row('PUT save (domain)', 'save', wall),
    row('POST validate', 'validate', wall),
    row('GET atypia', 'atypia', wall),
    row('GET regional.xlsx', 'export', wall),
    `API answers (every 250 ms): ${probe('no database (404)')}; ${probe('health (database ping)')}`,
    `errors: ${errors.length === 0 ? 'none' : ''}${r.listenOverflows ? ` (connections dropped by full accept queues, machine-wide: ${r.listenOverflows})` : ''}`,
    ...errors.map((e) => `  ${e}`),
    `lost: ${r.lostSaves} sessions with an acknowledged value not stored, ${r.lostValidations} validations (2xx) not VALIDATED${r.lostDetail.length ? ` — ${r.lostDetail.join('; ')}` : ''}`,
    `API RSS: peak ${mb(r.rssPeak)} (${mb(r.rssStart)} at the start of the rush)` +
      (r.jobsProcess
        ? `; jobs process (no request, nice 10): RSS peak ${mb(r.jobsProcess.rssPeak)}, CPU ${fixed(r.jobsProcess.cpu, 1)} s (${fixed(r.jobsProcess.cpu / wall, 2)} cores, within "other processes")`
        : ''),
    ...(r.heap ? [describeHeap(r.heap, wall)] : []),
    `CPU over the rush, s (cores = s / ${fixed(wall, 1)} s): API ${fixed(r.cpu.api, 1)} (${fixed(r.cpu.api / wall, 2)})` +
      `, PostgreSQL ${r.cpu.database === null ? '?' : `${fixed(r.cpu.database, 1)} (${fixed(r.cpu.database / wall, 2)})`}` +
      `, load generator ${fixed(r.cpu.loadGenerator, 1)} (${fixed(r.cpu.loadGenerator / wall, 2)})` +
      `${other === null ? '' : `, other processes ${fixed(other, 1)} (${fixed(other / wall, 2)})`}` +
      `${r.cpu.machine === null ? '' : `; machine ${fixed(r.cpu.machine, 1)} of ${fixed(os.cpus().length * wall, 1)}`}` +
      `${r.cpu.steal === null ? '' : `; stolen by the host ${fixed(r.cpu.steal, 1)} (${fixed(r.cpu.steal / wall, 2)})`}`,
    `  per answered request of the rush (${answered}): API ${fixed((1000 * r.cpu.api) / Math.max(1, answered), 1)} ms, PostgreSQL ${fixed((1000 * (r.cpu.database ?? 0)) / Math.max(1, answered), 1)} ms`,
    `API connections seen by PostgreSQL (${r.pool.samples} samples): mean ${fixed(r.pool.meanBusy, 1)} busy of ${POOL_SIZE}, max ${r.pool.maxBusy}, all busy ${fixed(100 * r.pool.fullShare)} % of the time; ${r.pool.lockWaits} lock waits seen`,
    `distributions recomputes (job queue): ${r.distributions.done ?? '?'} done during the rush, ${r.distributions.queued ?? '?'} still queued at its end (${r.rush.validatedOk} validations)`,
    `use: ${saturation(r)
      .map((s) => `${s.name} ${fixed(100 * s.use)} %`)
      .join(', ')}`,
    `targets: save p95 ${fixed(save.p95)} / ${TARGET.saveP95} ms ${check(save.p95 <= TARGET.saveP95)}, p99 ${fixed(save.p99)} / ${TARGET.saveP99} ms ${check(save.p99 <= TARGET.saveP99)}, ` +
      `errors ${serverErrors} 5xx + ${noAnswer} unanswered + ${r.lostSaves + r.lostValidations} lost ${check(serverErrors + noAnswer + r.lostSaves + r.lostValidations === 0)}, ` +
      `RSS ${mb(r.rssPeak)} / ${mb(TARGET.rss)} ${check(r.rssPeak <= TARGET.rss)}`,
  ];
}

function describeKnee(runs: RunResult[]): string[] {
  const lines = [
    '',
    'Summary',
    `  ${'sessions'.padStart(8)} ${'saves/s'.padStart(8)} ${'save p50'.padStart(9)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'5xx'.padStart(4)} ${'lost'.padStart(5)} ${'API cores'.padStart(10)} ${'PG cores'.padStart(9)} ${'others'.padStart(7)} ${'pool full'.padStart(10)} ${'RSS'.padStart(7)}`,
    ...runs.map((r) => {
      const s = r.recorder.summary('save');
      const wall = r.rush.seconds;
      const other = (r.cpu.machine ?? 0) - r.cpu.api - (r.cpu.database ?? 0) - r.cpu.loadGenerator;
      return `  ${String(r.sessions).padStart(8)} ${fixed(r.rush.savesOk / wall, 1).padStart(8)} ${fixed(s.p50).padStart(9)} ${fixed(s.p95).padStart(7)} ${fixed(s.p99).padStart(7)} ${String(serverErrorsOf(r)).padStart(4)} ${String(r.lostSaves + r.lostValidations).padStart(5)} ${fixed(r.cpu.api / wall, 2).padStart(10)} ${fixed((r.cpu.database ?? 0) / wall, 2).padStart(9)} ${fixed(other / wall, 2).padStart(7)} ${`${fixed(100 * r.pool.fullShare)} %`.padStart(10)} ${mb(r.rssPeak).padStart(7)}`;
    }),
  ];
  const breaking = runs.findIndex((r) => {
    const s = r.recorder.summary('save');
    return s.p95 > TARGET.saveP95 || s.p99 > TARGET.saveP99;
  });
  if (breaking < 0) {
    lines.push(
      `knee: not reached — saves keep p95 ≤ ${TARGET.saveP95} ms and p99 ≤ ${TARGET.saveP99} ms up to ${runs[runs.length - 1]!.sessions} sessions`,
    );
  } else {
    const r = runs[breaking]!;
    const save = r.recorder.summary('save');
    const [first, second] = saturation(r);
    lines.push(
      `knee: save latency breaks ${breaking === 0 ? `at or below ${r.sessions}` : `between ${runs[breaking - 1]!.sessions} and ${r.sessions}`} sessions in flight` +
        ` (p95 ${fixed(save.p95)} ms, p99 ${fixed(save.p99)} ms, ${fixed(r.rush.savesOk / r.rush.seconds, 1)} saves/s);` +
        ` busiest: ${first!.name} ${fixed(100 * first!.use)} %, then ${second!.name} ${fixed(100 * second!.use)} %`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

const WARM_UP_SESSIONS = 20;
const REFERENCE_SESSIONS = 20;

/** The quiet reference: sessions at once on the warm API, no background, full sessions' CPU. */
function describeReference(r: RunResult): string {
  const save = r.recorder.summary('save');
  const done = Math.max(1, r.rush.completed);
  return (
    `quiet reference (${r.sessions} sessions at once, no background): ${fixed(r.rush.seconds, 1)} s, ${fixed(r.rush.savesOk / r.rush.seconds, 1)} saves/s, ` +
    `save p50 ${fixed(save.p50)} p95 ${fixed(save.p95)} ms; CPU per complete session (form, saves, validation, and the ` +
    `recomputes they start): API ${fixed((1000 * r.cpu.api) / done)} ms, PostgreSQL ${fixed((1000 * (r.cpu.database ?? 0)) / done)} ms` +
    `, other processes ${fixed(((r.cpu.machine ?? 0) - r.cpu.api - (r.cpu.database ?? 0) - r.cpu.loadGenerator) / r.rush.seconds, 2)} cores`
  );
}

async function main(): Promise<void> {
  const counts = listOption('sessions', [500, 2000]);
  const controllers = numberOption('controllers', 20);
  const exports = numberOption('exports', 5);
  const thinkMs = numberOption('think-ms', 15000);
  // Eight requests a session: with pauses, the rush lasts about 8 × 2 × the pause for the last ones.
  const durationSeconds = numberOption(
    'duration',
    thinkMs > 0 ? Math.max(60, Math.ceil((20 * thinkMs) / 1000)) : 60,
  );
  const graceSeconds = numberOption('grace', 20);
  const jobsWorker = booleanOption('jobs-worker', true);
  const work = path.join(os.tmpdir(), 'tdb-bench');
  const setupStarted = performance.now();
  const database = await createBenchDatabase({ embedded: false, dataDir: path.join(work, 'unused') });
  let api: BenchApi | null = null;
  let jobs: BenchApi | null = null;
  try {
    console.log('Setup (not measured)');
    const loader = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
    await loader.initialize();
    let seeded: Awaited<ReturnType<typeof seedCampaign>>;
    let accounts: BenchAccounts;
    try {
      await loadNationalRegistry(loader, work);
      const [{ campaigns }] = await loader.query(`SELECT count(*)::int AS campaigns FROM campaigns`);
      if (campaigns > 0) throw new Error('the database already holds a campaign: give an empty one');
      console.log('  campaign, generated values, accounts…');
      seeded = await seedCampaign(
        loader,
        getDictionary(YEAR),
        WARM_UP_SESSIONS + REFERENCE_SESSIONS + counts.reduce((a, b) => a + b, 0),
      );
      await seedDemoAccounts(loader, '24');
      accounts = await seedAccounts(loader, seeded.sampled, controllers, exports);
      await loader.query(`VACUUM ANALYZE`);
    } finally {
      await loader.destroy();
    }
    const env = { AUTH_THROTTLE_PER_MINUTE: '100000', JOBS_WORKER: 'true', METRICS_TOKEN };
    api = await startBenchApi(database.url, env);
    console.log('  national recompute through the API (indicators, distributions, atypia)…');
    const recomputeStarted = performance.now();
    const adminToken = await signIn(api, 'admin@tdb.localhost');
    if (!adminToken) throw new Error('the administrator could not sign in');
    await recomputeThroughApi(api, adminToken);
    const recomputeSeconds = seconds(recomputeStarted);
    await settle(database.url);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    const [flags] = (
      await admin.query(
        `SELECT count(*)::int AS n FROM atypia_flags WHERE campaign_year = $1 AND status <> 'RESOLVED'`,
        [YEAR],
      )
    ).rows as { n: number }[];
    await admin.query(`VACUUM ANALYZE`);
    await admin.end();
    // A fresh API process for the measure (its memory is the rush's, not the recompute's), warmed
    // up by a few sessions of other structures.
    await api.stop();
    api = await startBenchApi(database.url, { ...env, JOBS_WORKER: String(jobsWorker) });
    if (!jobsWorker) {
      // The background jobs in a process of their own, which no request reaches (the scaling
      // notes' worker), at a lower priority than the API: the machine's spare CPU.
      jobs = await startBenchApi(database.url, { ...env, JOBS_WORKER: 'true' });
      os.setPriority(jobs.process.pid ?? 0, 10);
    }
    const rssBooted = readRss(api.process.pid ?? 0);
    const quiet = { controllers: [], exporters: [] };
    const quietOptions = { thinkMs: 0, durationSeconds, graceSeconds };
    await runRush(api, database.url, seeded.sampled.slice(0, WARM_UP_SESSIONS), quiet, quietOptions);
    await settle(database.url);
    const rssWarm = readRss(api.process.pid ?? 0);
    const reference = await runRush(
      api,
      database.url,
      seeded.sampled.slice(WARM_UP_SESSIONS, WARM_UP_SESSIONS + REFERENCE_SESSIONS),
      quiet,
      quietOptions,
    );
    await settle(database.url);
    console.log(
      `Setup done in ${fixed(seconds(setupStarted), 1)} s: ${seeded.submissions.toLocaleString('en')} submissions, ${seeded.ogs.toLocaleString('en')} OG, ` +
        `national recompute ${fixed(recomputeSeconds, 1)} s, ${flags!.n.toLocaleString('en')} open atypia flags; ` +
        `API RSS ${mb(rssBooted)} after boot, ${mb(rssWarm)} after ${WARM_UP_SESSIONS} warm-up sessions`,
    );
    console.log(
      [
        '',
        `Deadline rush benchmark — PostgreSQL server, ${os.cpus().length} CPU, campaign ${YEAR} in collection, ${seeded.submissions.toLocaleString('en')} submissions`,
        `each session: GET form, ${seeded.sampled[0]!.domains.length} × PUT values (one per domain), POST VALIDATE; rush capped at ${durationSeconds} s (+ ${graceSeconds} s for requests in flight)`,
        `background: ${controllers} ARS controllers on the atypia table, ${exports} regional exports (regions ${accounts.exporters.map((e) => e.region).join(', ')}); JOBS_WORKER ${jobsWorker}`,
        'the machine is shared with other work: "other processes" is CPU this benchmark did not spend',
      ].join('\n'),
    );
    const runs: RunResult[] = [];
    console.log(describeReference(reference));
    let offset = WARM_UP_SESSIONS + REFERENCE_SESSIONS;
    for (const count of counts) {
      const sessions = seeded.sampled.slice(offset, offset + count);
      offset += count;
      const result = await runRush(api, database.url, sessions, accounts, {
        jobsPid: jobs?.process.pid,
        thinkMs,
        durationSeconds,
        graceSeconds,
      });
      runs.push(result);
      console.log(describeRun(result, thinkMs).join('\n'));
      await settle(database.url);
    }
    console.log(describeKnee(runs).join('\n') + '\n');
    if (runs.some((r) => r.lostSaves > 0 || r.lostValidations > 0 || serverErrorsOf(r) > 0))
      process.exitCode = 1;
  } finally {
    // The database is dropped even if the API does not stop within 30 s.
    await Promise.race([Promise.all([api?.stop(), jobs?.stop()]), sleep(30_000)]);
    await database.drop();
    agent.destroy();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
