/**
 * npm run database:import -- FILE
 * Loads an export of the embedded database (npm run database:export) into the PostgreSQL server
 * database of DATABASE_URL: migrates it, then loads the rows in one transaction. The database must
 * be new (the file refuses one that holds data); start the platform on it afterwards.
 */
import { runCli } from './run-cli';
import 'reflect-metadata';
import fs from 'node:fs';
import { loadConfig } from '../config/app-config';
import { importIntoServer } from '../database/server-import';
import { parseArgs } from './cli-args';

const USAGE = 'Usage: DATABASE_URL=postgres://… npm run database:import -- FILE';

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(process.argv.slice(2), [], []);
  const [file, ...extra] = args.positional;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) throw new Error(`File not found: ${file}`);
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error(`DATABASE_URL names the server database to load into.\n${USAGE}`);
  const started = Date.now();
  const summary = await importIntoServer(file, config.databaseUrl);
  console.log(
    `Imported ${summary.rows} rows (${summary.copies} COPY blocks) into the PostgreSQL database in ${Date.now() - started} ms; every table's row count matches the export.`,
  );
  return 0;
}

runCli(main);
