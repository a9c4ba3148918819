/**
 * npm run seed:demo -- [--region 24] — creates one demo account per role in the region (idempotent)
 * and prints the logins. Used by npm start; never run it on a production database.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { resolveDatabase, runMigrations } from '../database/database';
import { DataDirLockedError } from '../database/embedded-postgres';
import { DEMO_PASSWORD, seedDemoAccounts } from '../database/seeds/demo-accounts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.nodeEnv === 'production' && !process.argv.includes('--force')) {
    throw new Error(
      'Refusing to create demo accounts with NODE_ENV=production (add --force if you really mean it).',
    );
  }
  const index = process.argv.indexOf('--region');
  const explicitRegion = index >= 0 ? process.argv[index + 1] : undefined;
  const database = await resolveDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 1 }));
  try {
    await runMigrations(database.url);
    await dataSource.initialize();
    const regionCode =
      explicitRegion ??
      (
        await dataSource.query(
          `SELECT region_code FROM structures GROUP BY region_code ORDER BY count(*) DESC LIMIT 1`,
        )
      )[0]?.region_code;
    if (!regionCode) {
      console.log('No structure in the registry: import a FINESS extract first.');
      return;
    }
    const accounts = await seedDemoAccounts(dataSource, regionCode);
    console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD})`);
    for (const account of accounts) console.log(`  ${account.email.padEnd(30)} ${account.label}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError || error instanceof DataDirLockedError ? `✖ ${error.message}` : error,
  );
  process.exit(1);
});
