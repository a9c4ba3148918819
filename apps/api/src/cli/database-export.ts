/**
 * npm run database:export [-- --out FILE]
 * Writes the data of the embedded database of DATA_DIR (migrated to this version first) as a plain
 * SQL file for a PostgreSQL server: npm run database:import, or psql, loads it into a new database
 * migrated by the same version. DATABASE_URL is not read: the source is always DATA_DIR. The
 * platform must be stopped (the export takes the folder's lock).
 */
import { runCli } from './run-cli';
import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../config/app-config';
import { exportEmbedded } from '../database/embedded-export';
import { parseArgs, stamped } from './cli-args';

const USAGE = `Usage: npm run database:export [-- --out FILE]
  --out FILE   the SQL file (default: tdb-export-<date>.sql)`;

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(process.argv.slice(2), ['--out'], []);
  if (args.positional.length > 0) throw new Error(`Unexpected argument ${args.positional[0]}\n${USAGE}`);
  const config = loadConfig();
  const file = path.resolve(args.options.get('--out') ?? stamped('tdb-export', '.sql'));
  const summary = await exportEmbedded(config.dataDir, file);
  const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(
    `Exported ${rows} rows of ${summary.tables.length} tables from ${config.dataDir} to ${file}.\n` +
      `Load it into a new PostgreSQL database: DATABASE_URL=postgres://… npm run database:import -- ${file}`,
  );
  return 0;
}

runCli(main);
