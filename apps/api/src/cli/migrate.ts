/** npm run database:migrate — applies pending migrations to the configured database, then exits. */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { resolveDatabase, runMigrations } from '../database/database';
import { DataDirLockedError } from '../database/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  try {
    const applied = await runMigrations(database.url);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError || error instanceof DataDirLockedError ? `✖ ${error.message}` : error,
  );
  process.exit(1);
});
