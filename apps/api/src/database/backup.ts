/**
 * Backups of the platform's database, in one file (npm run backup / npm run restore,
 * docs/operations.md):
 * - on a PostgreSQL server, pg_dump's custom format (-Fc: compressed, restored selectively and in
 *   parallel by pg_restore), taken while the platform runs (a consistent snapshot);
 * - on the embedded database, a gzip tarball of PGlite's data folder (its dumpDataDir()), taken
 *   with the folder's lock held — the platform stopped — so that nothing writes during the copy.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { PGDATA, acquireDataDirLock, startEmbeddedPostgres } from './embedded-postgres';

export type BackupKind = 'server' | 'embedded';

/** What a backup file holds, from its first bytes: pg_dump's custom format or a gzip tarball. */
export function backupKindOf(file: string): BackupKind {
  const handle = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(handle, head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'server';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  } finally {
    fs.closeSync(handle);
  }
  throw new Error(`${file} is neither a pg_dump custom-format file nor an embedded database backup`);
}

/**
 * The URL without its password, and the environment giving it to libpq: a password in the
 * arguments of pg_dump would show in `ps` to every user of the machine.
 */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env },
  };
}

/** Runs a PostgreSQL client program; rejects with its standard error when it fails. */
function runTool(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${program} not found: install the PostgreSQL client tools or pass --pg-bin DIR`)
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(program)} failed (exit ${code}): ${stderr.trim().slice(-2000)}`)),
    );
  });
}

const tool = (name: 'pg_dump' | 'pg_restore', pgBin?: string) => (pgBin ? path.join(pgBin, name) : name);

/**
 * pg_dump -Fc of the server database `url` into `file` (written under a temporary name, then
 * renamed: a failed dump never leaves a truncated file that looks like a backup). pg_dump must be
 * of the server's major version or newer.
 */
export async function backupServer(
  url: string,
  file: string,
  options: { pgBin?: string } = {},
): Promise<void> {
  const { dbname, env } = libpqTarget(url);
  const partial = `${file}.partial`;
  try {
    await runTool(
      tool('pg_dump', options.pgBin),
      ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`],
      env,
    );
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Runs `work` with a client of the database `url`. */
async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A few of the database's own tables (what a restore would collide with). */
async function existingTables(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 1 LIMIT 5`,
    );
    return rows.map((r) => r.name);
  });
}

/**
 * pg_restore of `file` into the server database `url`, in one transaction (all or nothing). An
 * empty database unless `force`: restoring over a live database by mistake would mix two states.
 * Forced, the database's own schemas (public, pgboss) are dropped first — pg_restore's --clean
 * cannot drop pg-boss's partitioned tables —, so a failed restore leaves it empty: the backup file
 * is still there to try again.
 */
export async function restoreServer(
  file: string,
  url: string,
  options: { pgBin?: string; force?: boolean } = {},
): Promise<void> {
  const present = await existingTables(url);
  if (present.length > 0) {
    if (!options.force) {
      throw new Error(
        `The target database is not empty (${present.join(', ')}…): restore into a new database, or pass --force to replace its content`,
      );
    }
    await withClient(url, (client) =>
      client.query(
        `DO $drop$ DECLARE s text; BEGIN
           FOR s IN SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'
           LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP;
           CREATE SCHEMA public;
         END $drop$`,
      ),
    );
  }
  const { dbname, env } = libpqTarget(url);
  await runTool(
    tool('pg_restore', options.pgBin),
    [
      '--single-transaction',
      '--exit-on-error',
      // The backup's roles may not exist here: objects belong to whoever restores.
      '--no-owner',
      '--no-privileges',
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
}

/**
 * A gzip tarball of the embedded database in `dataDir`, into `file`. Takes the folder's lock for
 * the copy: refused (DataDirLockedError) while the platform runs on it.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, PGDATA, 'PG_VERSION'))) {
    throw new Error(`No embedded database in ${dataDir}`);
  }
  const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 1 });
  try {
    const tarball = await embedded.dumpDataDir('gzip');
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await embedded.stop();
  }
}

/**
 * Loads the tarball `file` as the embedded database of `dataDir`. The folder must hold no database,
 * unless `force`: the one there is then moved aside (its new name returned), never deleted.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  options: { force?: boolean } = {},
): Promise<{ movedAside: string | null }> {
  const pgdata = path.join(dataDir, PGDATA);
  // Under the folder's lock from the start: a running platform is never pulled from under its feet.
  const release = acquireDataDirLock(dataDir);
  try {
    let movedAside: string | null = null;
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
      if (!options.force) {
        throw new Error(
          `${dataDir} already holds a database: restore into an empty DATA_DIR, or pass --force (the current one is moved aside)`,
        );
      }
      movedAside = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(pgdata, movedAside);
    }
    // Takes over this process's own lock, and gives it back when stopped.
    const embedded = await startEmbeddedPostgres({
      dataDir,
      maxConnections: 1,
      loadDataDir: new Blob([fs.readFileSync(file)]),
    });
    await embedded.stop();
    return { movedAside };
  } finally {
    release();
  }
}
