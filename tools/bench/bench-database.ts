import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { FinessImportRepository } from '../../apps/api/src/modules/structures/finess-import.repository';
import { FinessImportService } from '../../apps/api/src/modules/structures/finess-import.service';
import { resolveDatabase, runMigrations } from '../../apps/api/src/database/database';

export interface BenchDatabase {
  url: string;
  kind: 'embedded' | 'server';
  drop(): Promise<void>;
}

/**
 * Benchmarks run on the PostgreSQL server: DATABASE_URL when set (used as is), otherwise a fresh
 * database on 127.0.0.1:5432 that is dropped afterwards. `--embedded` measures PGlite instead.
 */
export async function createBenchDatabase(options: {
  embedded: boolean;
  dataDir: string;
}): Promise<BenchDatabase> {
  if (options.embedded) {
    const resolved = await resolveDatabase({ databaseUrl: null, dataDir: options.dataDir });
    await runMigrations(resolved.url);
    return { url: resolved.url, kind: 'embedded', drop: async () => resolved.embedded?.stop() };
  }
  if (process.env['DATABASE_URL']) {
    await runMigrations(process.env['DATABASE_URL']);
    return { url: process.env['DATABASE_URL'], kind: 'server', drop: async () => undefined };
  }
  const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tdb_bench_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await runMigrations(url);
  return {
    url,
    kind: 'server',
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Samples the resident set size to report the peak (maxRSS alone also counts the startup). */
export function trackPeakMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/**
 * The arguments that run a TypeScript entry of the repository (path from the root) in a child
 * process: its compiled file in dist/node when this benchmark runs compiled (`npm run bench:*`,
 * as the platform runs: ADR 0016), else the source through @swc-node/register.
 */
export function nodeEntry(file: string): string[] {
  return __filename.endsWith('.js')
    ? [path.join('dist/node', file.replace(/\.ts$/, '.js'))]
    : ['-r', '@swc-node/register', file];
}

/** The V8 flags every API process runs with (apps/api/node-flags.json says why). */
export function apiNodeFlags(): string[] {
  const file = path.join(process.cwd(), 'apps/api/node-flags.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { flags: string[] }).flags;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The synthetic national extract (seed 42), generated once into the benchmarks' folder. */
export function ensureNationalExtract(work: string): string {
  const extractDir = path.join(work, 'national');
  // finess-equipements.csv came later: an older directory without it is generated again.
  if (!fs.existsSync(path.join(extractDir, 'finess-equipements.csv'))) {
    const generated = spawnSync(
      'node',
      [
        ...nodeEntry('tools/generate-finess/generate-finess.ts'),
        '--seed',
        '42',
        '--scope',
        'national',
        '--out',
        extractDir,
      ],
      { stdio: 'inherit' },
    );
    if (generated.status !== 0) throw new Error('generation failed');
  }
  return extractDir;
}

/**
 * The national registry in the benchmark's database: the synthetic extract generated once, then
 * imported unless structures are already there (a DATABASE_URL given as is).
 */
export async function loadNationalRegistry(loader: DataSource, work: string): Promise<void> {
  const extractDir = ensureNationalExtract(work);
  const [count]: { n: number }[] = await loader.query(`SELECT count(*)::int AS n FROM structures`);
  if ((count?.n ?? 0) > 0) return;
  console.log('Loading the national extract…');
  await new FinessImportService(loader, new FinessImportRepository(loader)).importFiles(
    [path.join(extractDir, 'finess-et.csv'), path.join(extractDir, 'finess-ej.csv')],
    { actor: 'benchmark' },
  );
}

/**
 * CPU ticks (1/100 s) of every process named postgres, each with those of its children that ended
 * (cutime + cstime): the postmaster reaps the backends, so a backend that ended is counted there,
 * whole, once its own entry is gone. Null where /proc cannot be read.
 */
export function databaseCpu(): Map<string, number> | null {
  try {
    const ticks = new Map<string, number>();
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        const fields = stat.slice(close + 2).split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
      } catch {
        // the process ended meanwhile
      }
    }
    return ticks;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL's CPU seconds between two `databaseCpu()` readings, over every process seen at either
 * end: one that ended took its ticks from before the start with it, and the postmaster's reaped
 * children give them back whole (a pooled connection closed during a run is counted, once).
 */
export function databaseCpuBetween(
  start: Map<string, number> | null,
  end: Map<string, number> | null,
): number | null {
  if (!start || !end || end.size === 0) return null;
  let ticks = 0;
  for (const [pid, now] of end) ticks += now - (start.get(pid) ?? 0);
  for (const [pid, before] of start) if (!end.has(pid)) ticks -= before;
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * CPU seconds spent while measuring: by this process, by the PostgreSQL server's processes and by
 * the whole machine (from /proc, where there is one), so that the database's share shows beside
 * the API's.
 */
export function trackCpu(): {
  stop(): { process: number; database: number | null; machine: number | null; steal: number | null };
} {
  // USER_HZ is 100 on Linux.
  const HZ = 100;
  /** Busy ticks of every CPU, and the ticks a hypervisor gave to others while this VM wanted them. */
  const machineTicks = (): { busy: number; steal: number } | null => {
    try {
      const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
      const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
      return { busy: user! + nice! + system! + irq! + softirq!, steal: steal ?? 0 };
    } catch {
      return null;
    }
  };
  const startedProcess = process.cpuUsage();
  const startedMachine = machineTicks();
  const startedDatabase = databaseCpu();
  return {
    stop() {
      const used = process.cpuUsage(startedProcess);
      const endMachine = machineTicks();
      const endDatabase = databaseCpu();
      const database = databaseCpuBetween(startedDatabase, endDatabase);
      return {
        process: (used.user + used.system) / 1e6,
        database,
        machine:
          startedMachine === null || endMachine === null
            ? null
            : (endMachine.busy - startedMachine.busy) / HZ,
        steal:
          startedMachine === null || endMachine === null
            ? null
            : (endMachine.steal - startedMachine.steal) / HZ,
      };
    },
  };
}
