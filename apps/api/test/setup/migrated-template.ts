/**
 * The migrated database every test file starts from, built once and then copied. Booting PGlite runs
 * initdb (5 to 15 s of WebAssembly on a busy machine) and migrating takes another second: per test
 * file, that was most of the start-up. A template is keyed by a hash of the migration files, so a new
 * or edited migration builds a new one; test files, jest workers and concurrent runs share it.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/database';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../src/database/migrations');

/** Changes with any migration file (name or content). */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(`${file}\0`).update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A database URL of the same server with another database name. */
export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Any constant: serializes the builders of templates on one database of the server.
const BUILD_LOCK = 7_263_120_001;
const DUPLICATE_DATABASE = '42P04';

async function databaseExists(client: Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  return rowCount === 1;
}

/**
 * The name of the migrated template database on the server of `serverUrl`, created if absent.
 * Builders wait for each other on an advisory lock; runs whose DATABASE_URL names another database
 * do not share that lock, so the build happens under a name of its own and is renamed at the end:
 * whoever renames second drops its copy.
 */
export async function serverTemplate(serverUrl: string): Promise<string> {
  const name = `tdb_template_${migrationsHash()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (await databaseExists(admin, name)) return name;
    await admin.query(`SELECT pg_advisory_lock($1)`, [BUILD_LOCK]);
    try {
      if (await databaseExists(admin, name)) return name;
      const building = `${name}_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      try {
        await runMigrations(withDatabase(serverUrl, building));
        // Nobody connects to a template: CREATE DATABASE … TEMPLATE refuses a source in use.
        await admin.query(`ALTER DATABASE ${building} ALLOW_CONNECTIONS false`);
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
      }
      return name;
    } finally {
      await admin.query(`SELECT pg_advisory_unlock($1)`, [BUILD_LOCK]);
    }
  } finally {
    await admin.end();
  }
}

const CACHE_DIR = path.join(os.tmpdir(), 'tdb-test-templates');
const STALE_MS = 7 * 24 * 3600 * 1000;

/** The data folder format follows PGlite's version. */
function pgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const packageJson = path.join(entry.slice(0, entry.lastIndexOf('/dist/')), 'package.json');
  return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/** Other templates (older migrations, another PGlite) and partial writes, once unused for a week. */
function pruneCache(keep: string): void {
  for (const entry of fs.readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, entry);
    try {
      if (file !== keep && Date.now() - fs.statSync(file).mtimeMs > STALE_MS) fs.unlinkSync(file);
    } catch {
      // removed by another run meanwhile
    }
  }
}

/**
 * A tarball of a migrated PGlite data folder, to pass as `loadDataDir`. Cached as a file in the
 * temporary folder; concurrent builders (two jest workers on a cold cache) write the same content
 * and the rename makes either one the cache, never a half-written file.
 */
export async function embeddedTemplate(): Promise<Blob> {
  const file = path.join(CACHE_DIR, `pglite-${pgliteVersion()}-${migrationsHash()}.tar`);
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const embedded = await startEmbeddedPostgres({ dataDir: null, maxConnections: 2 });
  let tarball: Blob;
  try {
    await runMigrations(embedded.url);
    tarball = await embedded.dumpDataDir();
  } finally {
    await embedded.stop();
  }
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    fs.renameSync(partial, file);
    pruneCache(file);
  } catch (error) {
    // No writable temporary folder: every test file builds its own (slower, still correct).
    console.warn(`The migrated PGlite template could not be cached in ${CACHE_DIR}: ${String(error)}`);
  }
  return tarball;
}
