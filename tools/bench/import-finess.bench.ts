/**
 * npm run bench:import [-- --embedded]
 * Generates the synthetic national FINESS extract (≈22,000 ESMS, ≈55,000 lines with the OG file), imports it, then
 * imports it again, and prints lines/s, total time and peak memory against the targets
 * (< 60 s, < 500 MB; the re-import must change nothing).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import type { ImportReport } from '@tdb/contracts';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { FinessImportRepository } from '../../apps/api/src/modules/structures/finess-import.repository';
import { FinessImportService } from '../../apps/api/src/modules/structures/finess-import.service';
import { createBenchDatabase, ensureNationalExtract, mb, trackPeakMemory } from './bench-database';

const TARGET_SECONDS = 60;
const TARGET_MB = 500;

async function timedImport(importer: FinessImportService, files: string[], label: string) {
  const bar = new SingleBar(
    { format: `${label} {phase} [{bar}] {percentage}%`, hideCursor: true },
    Presets.shades_classic,
  );
  let phase = '';
  const memory = trackPeakMemory();
  const started = performance.now();
  const report: ImportReport = await importer.importFiles(files, {
    actor: 'benchmark',
    onProgress: (p) => {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, 0, { phase: p.phase === 'read' ? 'reading' : 'writing' });
      }
      bar.update(p.done);
    },
  });
  if (phase) bar.stop();
  return { report, seconds: (performance.now() - started) / 1000, peakRss: memory.stop() };
}

async function main(): Promise<void> {
  const embedded = process.argv.includes('--embedded');
  const work = path.join(os.tmpdir(), 'tdb-bench');
  const extractDir = ensureNationalExtract(work);
  const files = [path.join(extractDir, 'finess-et.csv'), path.join(extractDir, 'finess-ej.csv')];
  const lines = files.reduce(
    (n, f) => n + fs.readFileSync(f, 'latin1').split('\n').filter(Boolean).length,
    0,
  );
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

  const dataDir = path.join(work, `pglite-${Date.now()}`);
  const database = await createBenchDatabase({ embedded, dataDir });
  const dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    const importer = new FinessImportService(dataSource, new FinessImportRepository(dataSource));
    const first = await timedImport(importer, files, 'import   ');
    const second = await timedImport(importer, files, 're-import');
    const changes =
      second.report.created +
      second.report.updated +
      second.report.organisationsCreated +
      second.report.organisationsUpdated;
    const row = (label: string, r: { report: ImportReport; seconds: number; peakRss: number }) =>
      `${label.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(lines / r.seconds)
        .toLocaleString('en')
        .padStart(8)} lines/s  peak RSS ${mb(r.peakRss).padStart(7)}  ` +
      `created ${r.report.created}, updated ${r.report.updated}, unchanged ${r.report.unchanged}`;
    console.log(
      [
        '',
        `FINESS import benchmark — ${database.kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'}, ${os.cpus().length} CPU`,
        `file: ${lines.toLocaleString('en')} lines, ${mb(bytes)}; ${first.report.keptStructures} ESMS kept, ${first.report.skippedOutOfScope} skipped, ${first.report.keptOrganisations} OG`,
        row('import', first),
        row('re-import', second),
        `time vs target:   ${first.seconds.toFixed(1)} s / ${TARGET_SECONDS} s = ${(first.seconds / TARGET_SECONDS).toFixed(2)} ${first.seconds < TARGET_SECONDS ? '✔' : '✖'}`,
        `memory vs target: ${mb(Math.max(first.peakRss, second.peakRss))} / ${TARGET_MB} MB = ${(Math.max(first.peakRss, second.peakRss) / 1024 / 1024 / TARGET_MB).toFixed(2)} ${Math.max(first.peakRss, second.peakRss) < TARGET_MB * 1024 * 1024 ? '✔' : '✖'}`,
        `re-import changes: ${changes} ${changes === 0 ? '✔ (nothing changed)' : '✖'}`,
        '',
      ].join('\n'),
    );
    if (changes !== 0 || first.report.errors.length > 0) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
