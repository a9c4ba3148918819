/**
 * npm run restore -- FILE [--force] [--pg-bin DIR]
 * Loads a backup of npm run backup into the configured database: pg_restore into the server
 * database of DATABASE_URL (one transaction), or the tarball as the embedded database of DATA_DIR.
 * The target must be empty unless --force (server: the backup's objects are dropped first;
 * embedded: the current data folder is moved aside, never deleted).
 */
import { runCli } from './run-cli';
import 'reflect-metadata';
import fs from 'node:fs';
import { loadConfig } from '../config/app-config';
import { backupKindOf, restoreEmbedded, restoreServer } from '../database/backup';
import { parseArgs } from './cli-args';

const USAGE = `Usage: npm run restore -- FILE [--force] [--pg-bin DIR]
  --force        replace what the target database holds (default: refuse a database that is not empty)
  --pg-bin DIR   folder of pg_restore (default: the PATH's)`;

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(process.argv.slice(2), ['--pg-bin'], ['--force']);
  const [file, ...extra] = args.positional;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) throw new Error(`File not found: ${file}`);
  const config = loadConfig();
  const kind = backupKindOf(file);
  const force = args.flags.has('--force');
  if (config.databaseUrl) {
    if (kind !== 'server') {
      throw new Error(
        `${file} is a backup of an embedded database: restore it with DATABASE_URL unset, then move it to the server with npm run database:export and database:import`,
      );
    }
    await restoreServer(file, config.databaseUrl, { pgBin: args.options.get('--pg-bin'), force });
    console.log(`Restored ${file} into the PostgreSQL database.`);
  } else {
    if (kind !== 'embedded') {
      throw new Error(
        `${file} is a pg_dump backup of a server: set DATABASE_URL to the database to restore it into`,
      );
    }
    const { movedAside } = await restoreEmbedded(file, config.dataDir, { force });
    console.log(`Restored ${file} as the embedded database of ${config.dataDir}.`);
    if (movedAside)
      console.log(`The previous data folder is kept in ${movedAside} (delete it once checked).`);
  }
  console.log('Start the platform: it applies the migrations a newer version brings.');
  return 0;
}

runCli(main);
