/**
 * What the HTTP load benchmarks share: the API served in its own process (as in production, so that
 * the load generator does not share its event loop), a sign-in, autocannon over a list of paths,
 * and the CPU each process spent per request — on two cores the API, PostgreSQL and the load
 * generator compete, and these figures say which one a latency comes from.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { apiNodeFlags, databaseCpu, databaseCpuBetween, nodeEntry } from './bench-database';

export interface BenchApi {
  baseUrl: string;
  process: ChildProcess;
  signIn(email: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
  latency: { p50: number; p90: number; p95: number; p99: number; max: number };
  /** CPU milliseconds per request: the API process (and its part in the kernel), every PostgreSQL process, this process. */
  cpuMsPerRequest: { api: number; apiSystem: number; database: number; loadGenerator: number };
}

export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function waitForHealth(baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the API did not start within 60 s');
}

/** Starts apps/api on a random port; BENCH_API_NODE_ARGS (e.g. "--cpu-prof") go to its node. */
export async function startBenchApi(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApi> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = spawn(
    'node',
    [
      ...apiNodeFlags(),
      ...(process.env['BENCH_API_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      ...nodeEntry('apps/api/src/main.ts'),
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        WEB_DIR: 'none',
        JWT_SECRET: randomBytes(32).toString('hex'),
        AUTH_THROTTLE_PER_MINUTE: '1000',
        ...env,
      },
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl);
  return {
    baseUrl,
    process: child,
    async signIn(email, password) {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    async stop() {
      // Already ended (exited or killed by a signal): its 'exit' event will not come again.
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process, in ms; 0 when it is gone or /proc is not there. */
export function processCpuMs(pid: number, which: 'all' | 'system' = 'all'): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const system = Number(fields[12]);
    return ((which === 'system' ? system : Number(fields[11]) + system) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The value below which `fraction` of the sorted values fall (nearest rank). */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/**
 * autocannon on `nextPath()`, for `duration` seconds or `amount` requests. Latencies are recorded
 * per response (autocannon's own summary has no p95), and CPU is read from /proc around the run.
 */
export async function runLoad(options: {
  api: BenchApi;
  headers: Record<string, string>;
  connections: number;
  duration?: number;
  amount?: number;
  nextPath: () => string;
}): Promise<LoadResult> {
  const apiPid = options.api.process.pid ?? 0;
  const before = {
    api: processCpuMs(apiPid),
    apiSystem: processCpuMs(apiPid, 'system'),
    database: databaseCpu(),
    self: process.cpuUsage(),
  };
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.api.baseUrl,
        headers: options.headers,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: options.nextPath() }) }],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime: number) => latencies.push(responseTime));
  });
  const self = process.cpuUsage(before.self);
  const requests = Math.max(1, result.requests.total);
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || 1),
    errors: result.errors,
    non2xx: result.non2xx,
    latency: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p95: round(percentile(sorted, 0.95)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted[sorted.length - 1] ?? 0),
    },
    cpuMsPerRequest: {
      api: (processCpuMs(apiPid) - before.api) / requests,
      apiSystem: (processCpuMs(apiPid, 'system') - before.apiSystem) / requests,
      database: ((databaseCpuBetween(before.database, databaseCpu()) ?? 0) * 1000) / requests,
      loadGenerator: (self.user + self.system) / 1000 / requests,
    },
  };
}

/** The lines every load benchmark prints. */
export function describeLoad(result: LoadResult, targetP95Ms: number): string[] {
  const cpu = result.cpuMsPerRequest;
  const { p50, p90, p95, p99, max } = result.latency;
  return [
    `requests: ${result.requests} (${result.perSecond.toFixed(0)} req/s), errors ${result.errors}, non-2xx ${result.non2xx}`,
    `latency ms: p50 ${p50}  p90 ${p90}  p95 ${p95}  p99 ${p99}  max ${max}`,
    `CPU ms per request: API ${cpu.api.toFixed(2)} (of which kernel ${cpu.apiSystem.toFixed(2)})  PostgreSQL ${cpu.database.toFixed(2)}  load generator ${cpu.loadGenerator.toFixed(2)}`,
    `p95 vs target: ${p95} / ${targetP95Ms} ms = ${(p95 / targetP95Ms).toFixed(2)} ${p95 < targetP95Ms ? '✔' : '✖'}`,
  ];
}
