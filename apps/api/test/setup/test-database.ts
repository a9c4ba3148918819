import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { embeddedTemplate, serverTemplate, withDatabase } from './migrated-template';

export interface TestDatabase {
  url: string;
  kind: 'embedded' | 'server';
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: a new database on the server of DATABASE_URL when
 * it is set, otherwise an in-memory PGlite. Both are copies of a migrated template (see
 * migrated-template.ts), not migrated here. Test files never share state.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (serverUrl) return createServerTestDatabase(serverUrl);
  const embedded = await startEmbeddedPostgres({
    dataDir: null,
    maxConnections: 10,
    loadDataDir: await embeddedTemplate(),
  });
  return { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() };
}

/**
 * A migrated embedded database persisted in `dataDir` (a copy of the template), whatever
 * DATABASE_URL says: what the backups and the move to a server start from. `drop()` stops it
 * (PGlite flushes the folder) and leaves the folder to the caller.
 */
export async function createEmbeddedTestDatabase(dataDir: string): Promise<TestDatabase> {
  const embedded = await startEmbeddedPostgres({
    dataDir,
    maxConnections: 10,
    loadDataDir: await embeddedTemplate(),
  });
  return { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() };
}

/**
 * A new database on the server of `serverUrl`: a copy of the migrated template, or empty
 * (`migrated: false`: what a restore or an import starts from). Dropped by `drop()`.
 */
export async function createServerTestDatabase(
  serverUrl: string,
  { migrated = true }: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const name = `tdb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = migrated ? await serverTemplate(serverUrl) : 'template0';
  await onServer(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    url: withDatabase(serverUrl, name),
    kind: 'server',
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
