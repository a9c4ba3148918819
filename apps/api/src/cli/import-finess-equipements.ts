/**
 * npm run import:equipements -- FILE [--if-empty]
 * Imports the FINESS extract of social and medico-social equipment (capacities) into the database
 * the environment configures, and prefills the submissions of the campaigns not closed.
 * All-or-nothing; the same file again changes nothing. Import the establishment extract first:
 * rows of establishments the registry does not hold are skipped.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { resolveDatabase, runMigrations } from '../database/database';
import { registerImporter } from '../modules/registers/register-importer';
import { FINESS_EQUIPEMENTS_READER } from '../modules/registers/register-readers';
import { runCli } from './run-cli';

const USAGE = `Usage: npm run import:equipements -- FILE [--if-empty]
  --if-empty  do nothing when equipment rows are already stored (used by npm start)`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.length === 0) {
    console.log(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const ifEmpty = args.includes('--if-empty');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--if-empty');
  if (unknown.length > 0 || files.length !== 1) {
    console.error(
      `${unknown.length > 0 ? `Unknown option(s): ${unknown.join(', ')}` : 'One file expected'}\n${USAGE}`,
    );
    return 2;
  }
  const file = files[0] as string;
  if (!fs.existsSync(file)) {
    console.error(`✖ File not found: ${file}`);
    return 2;
  }
  const config = loadConfig();
  const database = await resolveDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
  try {
    await runMigrations(database.url);
    await dataSource.initialize();
    if (ifEmpty) {
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM register_rows WHERE source = 'FINESS_EQUIPEMENTS'`,
      );
      if (n > 0) {
        console.log(`${n} equipment rows already stored: demo import skipped.`);
        return 0;
      }
    }
    console.log(`Importing the FINESS equipment extract ${file}…`);
    const report = await registerImporter(dataSource).importFile(FINESS_EQUIPEMENTS_READER, file, {
      actor: 'import FINESS équipements (CLI)',
    });
    for (const error of report.errors.slice(0, 50)) console.error(`  line ${error.line}: ${error.reason}`);
    if (report.errors.length > 50) console.error(`  … and ${report.errors.length - 50} more invalid lines`);
    if (!report.applied) {
      console.error(`✖ ${report.errors.length} invalid line(s): nothing was imported.`);
      return 1;
    }
    const changes = report.created + report.updated + report.removed + report.valuesChanged;
    console.log(
      [
        `✔ ${report.linesRead} lines read in ${(report.durationMs / 1000).toFixed(1)} s (file of ${report.fileDate})`,
        `  rows: ${report.rows} of known establishments (${report.skippedUnknown} others skipped) — ${report.created} created, ${report.updated} updated, ${report.removed} removed, ${report.unchanged} unchanged`,
        `  item values changed: ${report.valuesChanged}; items prefilled in open campaigns: ${report.prefilledItems}`,
        changes === 0 ? '  Nothing changed: the registers were already up to date with this file.' : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}

runCli(main);
