import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/database';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface TestDatabase {
  url: string;
  kind: 'embedded' | 'server';
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the server of DATABASE_URL when
 * it is set, otherwise an in-memory PGlite. Test files never share state.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  let database: TestDatabase;
  if (serverUrl) {
    const name = `tdb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = {
      url: url.toString(),
      kind: 'server',
      async drop() {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: null, maxConnections: 10 });
    database = { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() };
  }
  await runMigrations(database.url);
  return database;
}
