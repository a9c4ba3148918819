import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ImportLineError, ImportReport } from '@tdb/contracts';
import {
  detectEncoding,
  parseExtractLine,
  parseHeaderLine,
  toEsmsRecord,
  toOrganisationRecord,
  type EsmsRecord,
  type GeolocalisationRecord,
  type OrganisationRecord,
  type StructureEtRecord,
} from '@tdb/finess';
import { FinessImportRepository } from './finess-import.repository';

export interface ImportOptions {
  /** Keep the good lines when some are bad (default: reject the whole file). */
  partial?: boolean;
  /** Who imports: an account later; the CLI or the API for now. */
  actor: string;
  /** Name shown in reports and history (the uploaded file's original name). */
  fileName?: string;
  /** Called as the file is read (bytes read, total bytes), then for each write batch. */
  onProgress?: (progress: { phase: 'read' | 'write'; done: number; total: number }) => void;
}

/** The columns of `structures` an import sets, in insert order. */
interface ParsedFile {
  fileDate: string | null;
  linesRead: number;
  errors: ImportLineError[];
  structures: Map<string, { record: StructureEtRecord; line: number }>;
  geolocations: Map<string, GeolocalisationRecord>;
  organisations: Map<string, { record: OrganisationRecord; line: number }>;
}

/**
 * Imports the State's open-data FINESS extract: keeps the 20 TDB categories, upserts each ESMS and
 * its OG, records what changed. All-or-nothing unless `partial`: bad lines are reported with their
 * number and reason and nothing is written.
 */
@Injectable()
export class FinessImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: FinessImportRepository,
  ) {}

  async importFiles(filePaths: string[], options: ImportOptions): Promise<ImportReport> {
    const started = Date.now();
    const parsed: ParsedFile = {
      fileDate: null,
      linesRead: 0,
      errors: [],
      structures: new Map(),
      geolocations: new Map(),
      organisations: new Map(),
    };
    const totalBytes = filePaths.reduce((sum, file) => sum + fs.statSync(file).size, 0);
    let bytesBefore = 0;
    const hash = createHash('sha256');
    for (const file of filePaths) {
      await this.readFile(file, parsed, hash, filePaths.length > 1 ? path.basename(file) : null, (bytes) =>
        options.onProgress?.({ phase: 'read', done: bytesBefore + bytes, total: totalBytes }),
      );
      bytesBefore += fs.statSync(file).size;
    }

    // Map each kept ET row to an ESMS; out-of-scope rows (other categories, COM) are skipped.
    const esmsList: EsmsRecord[] = [];
    let skippedOutOfScope = 0;
    for (const [finess, { record, line }] of parsed.structures) {
      const mapped = toEsmsRecord(record, parsed.geolocations.get(finess));
      if (mapped.ok === 'out-of-scope') skippedOutOfScope++;
      else if (mapped.ok) esmsList.push(mapped.esms);
      else parsed.errors.push({ line, reason: mapped.reason });
    }
    parsed.errors.sort((a, b) => a.line - b.line);

    const report: ImportReport = {
      fileDate: parsed.fileDate,
      linesRead: parsed.linesRead,
      keptStructures: esmsList.length,
      keptOrganisations: 0,
      skippedOutOfScope,
      created: 0,
      updated: 0,
      unchanged: 0,
      organisationsCreated: 0,
      organisationsUpdated: 0,
      errors: parsed.errors,
      applied: false,
      partial: options.partial ?? false,
      durationMs: 0,
    };
    if (parsed.errors.length > 0 && !options.partial) {
      report.durationMs = Date.now() - started;
      return report;
    }

    const neededOgs = new Set(esmsList.map((e) => e.ogFiness));
    const ogRecords = new Map<string, OrganisationRecord | null>();
    for (const finess of neededOgs) ogRecords.set(finess, parsed.organisations.get(finess)?.record ?? null);
    report.keptOrganisations = ogRecords.size;

    await this.dataSource.transaction(async (manager) => {
      const importId = await this.repository.begin(manager, {
        fileName: options.fileName ?? filePaths.map((f) => path.basename(f)).join(', '),
        fileDate: parsed.fileDate,
        sha256: hash.digest('hex'),
        actor: options.actor,
        startedAt: new Date(started),
      });
      const ogCounts = await this.repository.upsertOrganisations(manager, ogRecords);
      report.organisationsCreated = ogCounts.created;
      report.organisationsUpdated = ogCounts.updated;
      const counts = await this.repository.upsertStructures(manager, esmsList, importId, options);
      report.created = counts.created;
      report.updated = counts.updated;
      report.unchanged = counts.unchanged;
      report.applied = true;
      report.durationMs = Date.now() - started;
      await this.repository.finish(manager, importId, report);
    });
    if (report.created + report.updated > 1000) {
      await this.repository.vacuum();
    }
    report.durationMs = Date.now() - started;
    return report;
  }

  private async readFile(
    file: string,
    parsed: ParsedFile,
    hash: ReturnType<typeof createHash>,
    label: string | null,
    onBytes: (bytes: number) => void,
  ): Promise<void> {
    const sample = Buffer.alloc(65536);
    const fd = fs.openSync(file, 'r');
    const sampleLength = fs.readSync(fd, sample, 0, sample.length, 0);
    fs.closeSync(fd);
    const encoding = detectEncoding(new Uint8Array(sample.buffer, sample.byteOffset, sampleLength));

    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    let bytes = 0;
    let lastReport = 0;
    stream.on('data', (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
      if (bytes - lastReport > 1 << 20) {
        lastReport = bytes;
        onBytes(bytes);
      }
    });
    const lines = readline.createInterface({
      input: stream.setEncoding(encoding === 'utf8' ? 'utf8' : 'latin1'),
      crlfDelay: Infinity,
    });
    const where = (line: number) => (label ? `${label}, ligne ${line}` : null);
    let lineNumber = 0;
    for await (const rawLine of lines) {
      lineNumber++;
      parsed.linesRead++;
      const line = rawLine.replace(/^\uFEFF/, '');
      const addError = (reason: string) =>
        parsed.errors.push({
          line: lineNumber,
          reason: where(lineNumber) ? `${where(lineNumber)} : ${reason}` : reason,
        });
      if (lineNumber === 1) {
        const header = parseHeaderLine(line);
        if (header.ok) parsed.fileDate = header.fileDate;
        else addError(header.reason);
        continue;
      }
      const result = parseExtractLine(line);
      if (!result.ok) {
        addError(result.reason);
        continue;
      }
      const record = result.record;
      switch (record.kind) {
        case 'structureet':
          if (parsed.structures.has(record.finess))
            addError(`FINESS ${record.finess} présent plusieurs fois dans le fichier`);
          else parsed.structures.set(record.finess, { record, line: lineNumber });
          break;
        case 'geolocalisation':
          parsed.geolocations.set(record.finess, record);
          break;
        case 'structureej': {
          const mapped = toOrganisationRecord(record);
          if (mapped.ok)
            parsed.organisations.set(record.finess, { record: mapped.organisation, line: lineNumber });
          else addError(mapped.reason);
          break;
        }
        default:
          break; // empty lines
      }
    }
    onBytes(bytes);
  }
}
