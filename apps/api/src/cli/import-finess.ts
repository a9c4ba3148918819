/**
 * npm run import:finess -- FILE [FILE…] [--partial] [--if-empty]
 * Imports FINESS open-data extracts into the database the environment configures (DATABASE_URL, or
 * the embedded database in DATA_DIR). All-or-nothing unless --partial.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { resolveDatabase, runMigrations } from '../database/database';
import { DataDirLockedError } from '../database/embedded-postgres';
import { FinessImportRepository } from '../modules/structures/finess-import.repository';
import { FinessImportService } from '../modules/structures/finess-import.service';

const USAGE = `Usage: npm run import:finess -- FILE [FILE…] [--partial] [--if-empty]
  --partial   keep the valid lines when some are invalid (default: reject the whole import)
  --if-empty  do nothing when the registry already holds structures (used by npm start)`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.length === 0) {
    console.log(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const partial = args.includes('--partial');
  const ifEmpty = args.includes('--if-empty');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && !['--partial', '--if-empty'].includes(a));
  if (unknown.length > 0) {
    console.error(`Unknown option(s): ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  for (const file of files) {
    if (!fs.existsSync(file)) {
      console.error(`✖ File not found: ${file}`);
      return 2;
    }
  }

  const config = loadConfig();
  const database = await resolveDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
  try {
    await runMigrations(database.url);
    await dataSource.initialize();
    if (ifEmpty) {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM structures`);
      if (n > 0) {
        console.log(`The registry already holds ${n} structures: demo import skipped.`);
        return 0;
      }
    }
    console.log(
      `Importing ${files.join(', ')} into the ${database.kind === 'embedded' ? `embedded database (${config.dataDir})` : 'PostgreSQL server'}…`,
    );
    const bar = new SingleBar(
      {
        format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit}',
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    let phase: 'read' | 'write' | null = null;
    const importer = new FinessImportService(dataSource, new FinessImportRepository(dataSource));
    const report = await importer.importFiles(files, {
      partial,
      actor: 'import FINESS (CLI)',
      onProgress: (progress) => {
        if (progress.phase !== phase) {
          if (phase) bar.stop();
          phase = progress.phase;
          bar.start(progress.total, 0, {
            phase: progress.phase === 'read' ? 'Reading ' : 'Writing ',
            unit: progress.phase === 'read' ? 'bytes' : 'structures',
          });
        }
        bar.update(progress.done);
      },
    });
    if (phase) bar.stop();

    for (const error of report.errors.slice(0, 50)) console.error(`  line ${error.line}: ${error.reason}`);
    if (report.errors.length > 50) console.error(`  … and ${report.errors.length - 50} more invalid lines`);
    if (!report.applied) {
      console.error(
        `✖ ${report.errors.length} invalid line(s): nothing was imported (use --partial to keep the valid lines).`,
      );
      return 1;
    }
    const changes =
      report.created + report.updated + report.organisationsCreated + report.organisationsUpdated;
    console.log(
      [
        `✔ ${report.linesRead} lines read in ${(report.durationMs / 1000).toFixed(1)} s (file of ${report.fileDate ?? 'unknown date'})`,
        `  structures: ${report.keptStructures} in TDB categories (${report.skippedOutOfScope} others skipped) — ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
        `  organismes gestionnaires: ${report.keptOrganisations} — ${report.organisationsCreated} created, ${report.organisationsUpdated} updated`,
        changes === 0 ? '  Nothing changed: the registry was already up to date with this file.' : '',
        report.errors.length > 0 ? `  ${report.errors.length} invalid line(s) skipped (--partial)` : '',
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      console.error(`✖ ${error.message}`);
      process.exit(75);
    }
    console.error(error);
    process.exit(1);
  },
);
