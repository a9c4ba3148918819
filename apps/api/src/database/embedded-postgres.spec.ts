import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError, acquireDataDirLock, startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tdb-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder held by another live process, naming it', () => {
    fs.writeFileSync(path.join(dir, 'tdb.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${process.ppid}`));
  });

  it('takes over the lock of a process that died, and releases it', () => {
    fs.writeFileSync(path.join(dir, 'tdb.lock'), '999999999');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'tdb.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'tdb.lock'))).toBe(false);
  });

  it('persists data in the folder across restarts', async () => {
    const { Client } = await import('pg');
    const first = await startEmbeddedPostgres({ dataDir: dir });
    let client = new Client({ connectionString: first.url });
    await client.connect();
    await client.query('CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    await client.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir: dir });
    client = new Client({ connectionString: second.url });
    await client.connect();
    const { rows } = await client.query('SELECT v FROM kept');
    await client.end();
    await second.stop();
    expect(rows).toEqual([{ v: 42 }]);
    // Two cold starts of the embedded server: heavy work, several times slower on a busy machine.
  }, 180_000);
});
