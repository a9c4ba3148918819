/**
 * npm run bench:search [-- --embedded] [--connections 10] [--duration 10]
 * Loads the national extract, serves the API and fires name searches (accent-free fragments of real
 * names, varied filters) with autocannon; prints requests/s and latencies against the target
 * p95 < 50 ms over 22,000 structures.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../apps/api/src/database/seeds/demo-accounts';
import { toSearchText } from '../../apps/api/src/common/text/search-text';
import { describeLoad, option, runLoad, startBenchApi } from './api-load';
import { createBenchDatabase, loadNationalRegistry } from './bench-database';

const TARGET_P95_MS = 50;

async function main(): Promise<void> {
  const embedded = process.argv.includes('--embedded');
  const connections = option('connections', 10);
  const duration = option('duration', 10);
  const work = path.join(os.tmpdir(), 'tdb-bench');
  const dataDir = path.join(work, `pglite-search-${Date.now()}`);
  const database = await createBenchDatabase({ embedded, dataDir });
  const loader = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
  await loader.initialize();
  await loadNationalRegistry(loader, work);
  // Queries: fragments of real names, without accents, as users type them.
  const names: { name: string }[] = await loader.query(
    `SELECT name FROM structures ORDER BY md5(finess) LIMIT 400`,
  );
  const [{ total }] = await loader.query(`SELECT count(*)::int AS total FROM structures`);
  await seedDemoAccounts(loader, '24');
  await loader.destroy();
  const queries = names.flatMap(({ name }) => {
    const words = toSearchText(name)
      .split(' ')
      .filter((w) => w.length >= 4);
    return words.length > 0 ? [words[words.length - 1]!.slice(0, 6)] : [];
  });
  const paths = queries.flatMap((q, i) => [
    `/api/structures?q=${encodeURIComponent(q)}`,
    i % 3 === 0
      ? `/api/structures?q=${encodeURIComponent(q)}&category=EHPAD&sort=-name`
      : `/api/structures?q=${encodeURIComponent(q)}&page=2`,
  ]);

  const api = await startBenchApi(database.url);
  let next = 0;
  try {
    const result = await runLoad({
      api,
      headers: { authorization: `Bearer ${await api.signIn('admin@tdb.localhost', DEMO_PASSWORD)}` },
      connections,
      duration,
      nextPath: () => paths[next++ % paths.length]!,
    });
    console.log(
      [
        '',
        `Structure search benchmark — ${database.kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'}, ${total} structures, ${connections} connections, ${duration} s`,
        ...describeLoad(result, TARGET_P95_MS),
        '',
      ].join('\n'),
    );
    if (result.errors > 0 || result.non2xx > 0) process.exitCode = 1;
  } finally {
    await api.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
