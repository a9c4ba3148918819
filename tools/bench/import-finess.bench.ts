/**
 * npm run bench:import [-- --embedded]
 * Generates the synthetic national FINESS extract (≈22,000 ESMS, ≈55,000 lines with the OG file), imports it, then
 * imports it again, and prints lines/s, total time and peak memory against the targets
 * (< 60 s, < 500 MB; the re-import must change nothing). Then the national equipment extract
 * (capacities, issue 17 §3) with an open campaign of every ESMS: its import prefills every
 * submission; the same targets, and its re-import changes nothing either.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import type { ImportReport, RegisterImportReport } from '@tdb/contracts';
import { DictionaryRegistry } from '../../apps/api/src/modules/campaign-core/dictionary-registry.service';
import { DictionaryVersionsRepository } from '../../apps/api/src/modules/campaign-core/dictionary-versions.repository';
import { registerImporter } from '../../apps/api/src/modules/registers/register-importer';
import { FINESS_EQUIPEMENTS_READER } from '../../apps/api/src/modules/registers/register-readers';
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

/** An open campaign with a submission per ESMS, as `POST /api/campaigns` creates it (no prefill yet). */
async function openCampaign(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const dictionary = await new DictionaryRegistry(
      new DictionaryVersionsRepository(dataSource),
    ).storeFileFor(manager, 2026);
    await manager.query(
      `INSERT INTO campaigns (year, dictionary_version, state, threshold, launch_date, accounts_setup_date,
                              collection_start, collection_end, fiabilisation_start, fiabilisation_end, restitution_start)
       VALUES (2026, $1, 'OPEN', 0.9, '2026-01-05', '2026-01-20', '2026-02-01', '2026-05-31', '2026-06-01',
               '2026-08-31', '2026-09-15')`,
      [dictionary?.version],
    );
    await manager.query(
      `INSERT INTO submissions (campaign_year, finess) SELECT 2026, finess FROM structures`,
    );
  });
}

/** Imports the equipment extract twice (the first prefills the open campaign); true when on target. */
async function benchEquipment(dataSource: DataSource, extractDir: string): Promise<boolean> {
  await openCampaign(dataSource);
  const file = path.join(extractDir, 'finess-equipements.csv');
  const lines = fs.readFileSync(file, 'latin1').split('\n').filter(Boolean).length;
  const importer = registerImporter(dataSource);
  const timed = async () => {
    const memory = trackPeakMemory();
    const started = performance.now();
    const report: RegisterImportReport = await importer.importFile(FINESS_EQUIPEMENTS_READER, file, {
      actor: 'benchmark',
    });
    return { report, seconds: (performance.now() - started) / 1000, peakRss: memory.stop() };
  };
  const first = await timed();
  const second = await timed();
  const changes =
    second.report.created + second.report.updated + second.report.removed + second.report.valuesChanged;
  const row = (label: string, r: { report: RegisterImportReport; seconds: number; peakRss: number }) =>
    `${label.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(lines / r.seconds)
      .toLocaleString('en')
      .padStart(8)} lines/s  peak RSS ${mb(r.peakRss).padStart(7)}  ` +
    `rows created ${r.report.created}, unchanged ${r.report.unchanged}; values changed ${r.report.valuesChanged}; items prefilled ${r.report.prefilledItems}`;
  const peak = Math.max(first.peakRss, second.peakRss);
  console.log(
    [
      `FINESS equipment import (capacities) — file: ${lines.toLocaleString('en')} lines, ${mb(fs.statSync(file).size)}; ${first.report.rows} rows of known ESMS, ${first.report.skippedUnknown} skipped`,
      row('import', first),
      row('re-import', second),
      `time vs target:   ${first.seconds.toFixed(1)} s / ${TARGET_SECONDS} s = ${(first.seconds / TARGET_SECONDS).toFixed(2)} ${first.seconds < TARGET_SECONDS ? '✔' : '✖'}`,
      `memory vs target: ${mb(peak)} / ${TARGET_MB} MB = ${(peak / 1024 / 1024 / TARGET_MB).toFixed(2)} ${peak < TARGET_MB * 1024 * 1024 ? '✔' : '✖'}`,
      `re-import changes: ${changes} ${changes === 0 && second.report.prefilledItems === 0 ? '✔ (nothing changed)' : '✖'}`,
      '',
    ].join('\n'),
  );
  return (
    first.report.applied &&
    first.seconds < TARGET_SECONDS &&
    changes === 0 &&
    second.report.prefilledItems === 0 &&
    peak < TARGET_MB * 1024 * 1024
  );
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
    if (!(await benchEquipment(dataSource, extractDir))) process.exitCode = 1;
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
