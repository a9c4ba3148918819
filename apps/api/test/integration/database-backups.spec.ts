/**
 * Backups and the move to a server (issue 16 §2), on databases holding a campaign, compared table
 * by table (row count and checksum of the rows) with their source:
 * - npm run backup / restore of the embedded database: a tarball of DATA_DIR loaded into another;
 * - npm run backup / restore on the server: pg_dump -Fc, pg_restore into another database;
 * - npm run database:export of DATA_DIR, loaded into a new server database by database:import and
 *   by psql.
 * The server ones run on the server of DATABASE_URL, or the local one (127.0.0.1:5432) when the
 * embedded database is under test; without any server they are skipped, saying so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  backupEmbedded,
  backupKindOf,
  backupServer,
  restoreEmbedded,
  restoreServer,
} from '../../src/database/backup';
import { exportEmbedded } from '../../src/database/embedded-export';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { importIntoServer } from '../../src/database/server-import';
import { seedDemoCampaign } from '../factories/demo-campaign';
import { startAppWithRegistry } from '../factories/test-registry';
import { tableChecksums, type TableChecksums } from '../setup/table-checksums';
import {
  createEmbeddedTestDatabase,
  createServerTestDatabase,
  type TestDatabase,
} from '../setup/test-database';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Decided before the tests are declared, so that a missing server shows as skipped tests. */
const serverReachable = spawnSync('pg_isready', ['-q', '-d', SERVER_URL]).status === 0;
const onServer = serverReachable ? it : it.skip;
if (!serverReachable) {
  console.warn(`No PostgreSQL server at ${SERVER_URL}: the backups and the import on a server are skipped.`);
}

/** A campaign on a running application, stopped afterwards; returns its tables' checksums. */
async function campaignOn(database: TestDatabase): Promise<TableChecksums> {
  const { t, national } = await startAppWithRegistry({}, { database });
  try {
    await seedDemoCampaign(t, national);
  } finally {
    await t.app.close();
  }
  return tableChecksums(database.url);
}

describe('backups and the move to a server', () => {
  let work: string;
  let dataDir: string;
  /** The embedded database of dataDir, with its campaign. */
  let source: TableChecksums;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tdb-backups-'));
    dataDir = path.join(work, 'data');
    const database = await createEmbeddedTestDatabase(dataDir);
    try {
      source = await campaignOn(database);
    } finally {
      await database.drop();
    }
    // The campaign is there, in every table it touches.
    for (const table of [
      'campaigns',
      'submissions',
      'structure_indicators',
      'campaign_jobs',
      'distributions',
    ])
      expect({ table, rows: source[table]?.rows ?? 0 }).toEqual({ table, rows: expect.any(Number) });
    expect(source['submissions']!.rows).toBeGreaterThan(0);
    expect(source['structure_indicators']!.rows).toBeGreaterThan(0);
  }, 240_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('restores a backup of the embedded database into another data folder, table for table', async () => {
    const file = path.join(work, 'tdb.pglite.tar.gz');
    await backupEmbedded(dataDir, file);
    expect(backupKindOf(file)).toBe('embedded');

    const target = path.join(work, 'restored');
    expect((await restoreEmbedded(file, target)).movedAside).toBeNull();
    // Not over a database: unless forced, and then the one there is kept aside.
    await expect(restoreEmbedded(file, target)).rejects.toThrow(/already holds a database/);
    const { movedAside } = await restoreEmbedded(file, target, { force: true });
    expect(movedAside && fs.existsSync(path.join(movedAside, 'PG_VERSION'))).toBe(true);

    const restored = await startEmbeddedPostgres({ dataDir: target, maxConnections: 2 });
    try {
      expect(await tableChecksums(restored.url)).toEqual(source);
    } finally {
      await restored.stop();
    }
  }, 240_000);

  onServer(
    'moves the embedded database to a new server database: database:import, or psql, loads its export',
    async () => {
      const file = path.join(work, 'export.sql');
      const summary = await exportEmbedded(dataDir, file);
      expect(summary.tables.find((t) => t.name === 'submissions')?.rows).toBe(source['submissions']!.rows);

      const target = await createServerTestDatabase(SERVER_URL, { migrated: false });
      try {
        const imported = await importIntoServer(file, target.url);
        expect(imported.rows).toBe(summary.tables.reduce((sum, t) => sum + t.rows, 0));
        // The migrations table is the target's own (same names, in the same order).
        expect(await tableChecksums(target.url)).toEqual(source);

        // Twice into the same database: refused by the file's guard, nothing changed.
        await expect(importIntoServer(file, target.url)).rejects.toThrow(/is not empty/);
        expect(await tableChecksums(target.url)).toEqual(source);

        // The sequences follow: the next row gets a fresh id.
        const client = new Client({ connectionString: target.url });
        await client.connect();
        try {
          const { rows } = await client.query(
            `SELECT (SELECT max(id) FROM audit_log) AS last,
                    nextval(pg_get_serial_sequence('audit_log', 'id')) AS next`,
          );
          expect(Number(rows[0].last)).toBeGreaterThan(0);
          expect(Number(rows[0].next)).toBe(Number(rows[0].last) + 1);
        } finally {
          await client.end();
        }
      } finally {
        await target.drop();
      }

      // A plain SQL file: psql loads it into a database the same version migrated.
      const psql = spawnSync('psql', ['--version']);
      if (psql.status !== 0) return;
      const viaPsql = await createServerTestDatabase(SERVER_URL);
      try {
        const loaded = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, viaPsql.url], {
          encoding: 'utf8',
        });
        expect(loaded.stderr).toBe('');
        expect(loaded.status).toBe(0);
        expect(await tableChecksums(viaPsql.url)).toEqual(source);
      } finally {
        await viaPsql.drop();
      }
    },
    240_000,
  );

  onServer(
    'restores a pg_dump backup of a server database into another database, table for table',
    async () => {
      const database = await createServerTestDatabase(SERVER_URL);
      const target = await createServerTestDatabase(SERVER_URL, { migrated: false });
      try {
        const original = await campaignOn(database);
        expect(original['submissions']!.rows).toBeGreaterThan(0);
        const file = path.join(work, 'tdb.dump');
        await backupServer(database.url, file);
        expect(backupKindOf(file)).toBe('server');

        await restoreServer(file, target.url);
        expect(await tableChecksums(target.url)).toEqual(original);
        // Not over a database that holds one, unless forced (the backup's objects replaced).
        await expect(restoreServer(file, target.url)).rejects.toThrow(/not empty/);
        await restoreServer(file, target.url, { force: true });
        expect(await tableChecksums(target.url)).toEqual(original);
      } finally {
        await target.drop();
        await database.drop();
      }
    },
    240_000,
  );
});
