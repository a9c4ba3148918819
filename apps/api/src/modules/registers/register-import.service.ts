import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ImportLineError, RegisterImportReport } from '@tdb/contracts';
import { dictionaryYears, getDictionary, getSourceMapping, mapSourceRows } from '@tdb/dictionary';
import { detectEncoding } from '@tdb/finess';
import { RegisterImportRepository, type RegisterValueRow } from './register-import.repository';
import { RegisterPrefill } from './register-prefill.service';
import type { KeyedRow, RegisterReader } from './register-readers';

export interface RegisterImportOptions {
  actor: string;
  /** Name shown in the journal (the uploaded file's original name). */
  fileName?: string;
  /** Called as the file is read (bytes read, total bytes). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * Imports a State register's file (the FINESS equipment extract, later others): read as a stream
 * by the source's reader, all-or-nothing (any bad line rejects the file, with line numbers and
 * French reasons), idempotent (only what changed is written; the same file again changes
 * nothing). The rows of establishments the registry knows are stored, the source's mapping
 * (libs/dictionary/data/sources) turns them into item values, and the submissions of the
 * campaigns not closed are prefilled where the values changed — in the same transaction.
 */
@Injectable()
export class RegisterImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RegisterImportRepository,
    private readonly prefill: RegisterPrefill,
  ) {}

  async importFile(
    reader: RegisterReader,
    file: string,
    options: RegisterImportOptions,
  ): Promise<RegisterImportReport> {
    const started = Date.now();
    const read = await this.read(reader, file, options);
    const report: RegisterImportReport = {
      source: reader.source,
      fileDate: read.fileDate,
      linesRead: read.linesRead,
      rows: 0,
      skippedUnknown: 0,
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: 0,
      valuesChanged: 0,
      prefilledItems: 0,
      errors: read.errors,
      applied: false,
      durationMs: 0,
    };
    if (read.errors.length > 0 || read.fileDate === null) {
      report.durationMs = Date.now() - started;
      return report;
    }
    const fileDate = read.fileDate;
    // The latest dictionary's mapping gives the values; each campaign keeps the items its own has.
    const mapping = getSourceMapping(reader.source, getDictionary(Math.max(...dictionaryYears())));

    await this.dataSource.transaction(async (manager) => {
      const known = await this.repository.knownStructures(manager, [
        ...new Set(read.rows.map((r) => r.finess)),
      ]);
      const rows = read.rows.filter((r) => known.has(r.finess));
      report.rows = rows.length;
      report.skippedUnknown = read.rows.length - rows.length;
      const importId = await this.repository.begin(manager, {
        source: reader.source,
        fileName: options.fileName ?? path.basename(file),
        fileDate,
        sha256: read.sha256,
        actor: options.actor,
        startedAt: new Date(started),
      });
      Object.assign(report, await this.repository.replaceRows(manager, reader.source, rows, importId));
      const values: RegisterValueRow[] = [];
      for (const [finess, items] of mapSourceRows(mapping, rows)) {
        for (const [itemCode, value] of Object.entries(items)) values.push({ finess, itemCode, value });
      }
      const changed = await this.repository.replaceValues(manager, reader.source, values, fileDate, importId);
      report.valuesChanged = changed.changed;
      for (const year of await this.repository.campaignsToPrefill(manager)) {
        report.prefilledItems += (await this.prefill.prefill(manager, year, changed.structures)).items;
      }
      report.applied = true;
      report.durationMs = Date.now() - started;
      await this.repository.finish(manager, importId, report);
    });
    report.durationMs = Date.now() - started;
    return report;
  }

  private async read(
    reader: RegisterReader,
    file: string,
    options: RegisterImportOptions,
  ): Promise<{
    fileDate: string | null;
    linesRead: number;
    rows: KeyedRow[];
    errors: ImportLineError[];
    sha256: string;
  }> {
    const sample = Buffer.alloc(65536);
    const fd = fs.openSync(file, 'r');
    const sampleLength = fs.readSync(fd, sample, 0, sample.length, 0);
    fs.closeSync(fd);
    const encoding = detectEncoding(new Uint8Array(sample.buffer, sample.byteOffset, sampleLength));
    const total = fs.statSync(file).size;
    const hash = createHash('sha256');
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    let bytes = 0;
    stream.on('data', (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
      options.onProgress?.({ done: bytes, total });
    });
    const lines = readline.createInterface({ input: stream.setEncoding(encoding), crlfDelay: Infinity });
    const errors: ImportLineError[] = [];
    const rows = new Map<string, KeyedRow>();
    let fileDate: string | null = null;
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      if (lineNumber === 1) {
        const header = reader.header(line);
        if (header.ok) fileDate = header.fileDate;
        else errors.push({ line: 1, reason: header.reason });
        continue;
      }
      const parsed = reader.row(line);
      if (!parsed.ok) {
        errors.push({ line: lineNumber, reason: parsed.reason });
        continue;
      }
      const row = parsed.row;
      if (!row) continue;
      const id = `${row.finess}|${row.key}`;
      if (rows.has(id)) {
        errors.push({
          line: lineNumber,
          reason: `ligne en double : FINESS ${row.finess}, ${row.key.split('|').join(' / ')} déjà présent dans le fichier`,
        });
      } else rows.set(id, row);
    }
    if (lineNumber === 0) errors.push({ line: 1, reason: `fichier vide : ${reader.fileLabel} attendu` });
    return { fileDate, linesRead: lineNumber, rows: [...rows.values()], errors, sha256: hash.digest('hex') };
  }
}
