/**
 * npm run backup [-- --out FILE] [--pg-bin DIR]
 * Writes the configured database to one file: pg_dump's custom format on the PostgreSQL server of
 * DATABASE_URL (taken while the platform runs), or a tarball of the embedded database of DATA_DIR
 * (the platform stopped: the backup takes the folder's lock). Restore with npm run restore.
 */
import { runCli } from './run-cli';
import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../config/app-config';
import { backupEmbedded, backupServer } from '../database/backup';
import { parseArgs, stamped } from './cli-args';

const USAGE = `Usage: npm run backup [-- --out FILE] [--pg-bin DIR]
  --out FILE     the backup file (default: tdb-<date>.dump on a server, tdb-<date>.pglite.tar.gz embedded)
  --pg-bin DIR   folder of pg_dump (default: the PATH's; it must be of the server's version or newer)`;

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(process.argv.slice(2), ['--out', '--pg-bin'], []);
  if (args.positional.length > 0) throw new Error(`Unexpected argument ${args.positional[0]}\n${USAGE}`);
  const config = loadConfig();
  const started = Date.now();
  if (config.databaseUrl) {
    const file = path.resolve(args.options.get('--out') ?? stamped('tdb', '.dump'));
    await backupServer(config.databaseUrl, file, { pgBin: args.options.get('--pg-bin') });
    console.log(`Backup of the PostgreSQL database written to ${file} (${Date.now() - started} ms).`);
  } else {
    const file = path.resolve(args.options.get('--out') ?? stamped('tdb', '.pglite.tar.gz'));
    await backupEmbedded(config.dataDir, file);
    console.log(
      `Backup of the embedded database ${config.dataDir} written to ${file} (${Date.now() - started} ms).`,
    );
  }
  return 0;
}

runCli(main, 'stop it for the backup (a few seconds), then start it again.');
