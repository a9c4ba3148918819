/**
 * npm run openapi — writes the API's OpenAPI document to openapi.json at the repository root (the
 * contract integrators read and the SPA's client is generated from). Builds the API on a throwaway
 * embedded database; `--check` only compares and exits 1 when the committed file is out of date.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bootstrap';
import { createOpenApiDocument } from '../common/openapi/openapi-document';
import { loadConfig } from '../config/app-config';
import { resolveDatabase, runMigrations } from '../database/database';

export const OPENAPI_FILE = join(__dirname, '..', '..', '..', '..', 'openapi.json');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tdb-openapi-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
    WEB_DIR: 'none',
  });
  const database = await resolveDatabase(config);
  try {
    await runMigrations(database.url);
    const app = await createApp(config, database);
    const text = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
    await app.close();
    if (process.argv.includes('--check')) {
      const committed = readFileSync(OPENAPI_FILE, 'utf8');
      if (committed !== text) {
        console.error('✖ openapi.json is out of date: run `npm run openapi` and commit it.');
        process.exitCode = 1;
      } else console.log('openapi.json is up to date.');
    } else {
      writeFileSync(OPENAPI_FILE, text);
      console.log(`Written: ${OPENAPI_FILE}`);
    }
  } finally {
    await database.embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
