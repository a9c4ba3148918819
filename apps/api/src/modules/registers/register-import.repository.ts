import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RegisterImportReport } from '@tdb/contracts';
import type { KeyedRow } from './register-readers';

/** Rows per statement (parameters travel as one JSON document). */
const BATCH = 2000;

/** JSON with sorted keys: the same fields compare equal whatever order they were written in. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface RegisterValueRow {
  finess: string;
  itemCode: string;
  value: number;
}

/**
 * The register tables as an import writes them: the journal, the rows of a source (only what
 * changed; rows gone from the file are removed) and the values its mapping gives.
 */
@Injectable()
export class RegisterImportRepository {
  async begin(
    manager: EntityManager,
    entry: {
      source: string;
      fileName: string;
      fileDate: string | null;
      sha256: string;
      actor: string;
      startedAt: Date;
    },
  ): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO register_imports (source, file_name, file_date, sha256, actor, started_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [entry.source, entry.fileName, entry.fileDate, entry.sha256, entry.actor, entry.startedAt],
    );
    return Number(row.id);
  }

  async finish(manager: EntityManager, importId: number, report: RegisterImportReport): Promise<void> {
    await manager.query(`UPDATE register_imports SET finished_at = now(), report = $2 WHERE id = $1`, [
      importId,
      JSON.stringify(report),
    ]);
  }

  /** The establishments of the registry among `finessList`. */
  async knownStructures(manager: EntityManager, finessList: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const batch of chunk(finessList, 10_000)) {
      const rows: { finess: string }[] = await manager.query(
        `SELECT finess FROM structures WHERE finess = ANY($1)`,
        [batch],
      );
      for (const row of rows) known.add(row.finess);
    }
    return known;
  }

  /** Upserts the rows that changed, removes those gone from the file. */
  async replaceRows(
    manager: EntityManager,
    source: string,
    rows: readonly KeyedRow[],
    importId: number,
  ): Promise<{ created: number; updated: number; removed: number; unchanged: number }> {
    const existing = new Map<string, string>();
    const current: { finess: string; row_key: string; fields: unknown }[] = await manager.query(
      `SELECT finess, row_key, fields FROM register_rows WHERE source = $1`,
      [source],
    );
    for (const row of current) existing.set(`${row.finess}|${row.row_key}`, stableJson(row.fields));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const toWrite: { finess: string; key: string; fields: unknown }[] = [];
    for (const row of rows) {
      const id = `${row.finess}|${row.key}`;
      const before = existing.get(id);
      existing.delete(id);
      if (before === stableJson(row.fields)) {
        unchanged++;
        continue;
      }
      if (before === undefined) created++;
      else updated++;
      toWrite.push({ finess: row.finess, key: row.key, fields: row.fields });
    }
    for (const batch of chunk(toWrite, BATCH)) {
      await manager.query(
        `INSERT INTO register_rows (source, finess, row_key, fields, import_id)
         SELECT $1, r.finess, r.key, r.fields, $2 FROM jsonb_to_recordset($3::jsonb) AS r(finess text, key text, fields jsonb)
         ON CONFLICT (source, finess, row_key) DO UPDATE SET fields = EXCLUDED.fields, import_id = EXCLUDED.import_id`,
        [source, importId, JSON.stringify(batch)],
      );
    }
    const gone = [...existing.keys()].map((id) => ({ finess: id.slice(0, 9), key: id.slice(10) }));
    for (const batch of chunk(gone, BATCH)) {
      await manager.query(
        `DELETE FROM register_rows r USING jsonb_to_recordset($2::jsonb) AS g(finess text, key text)
          WHERE r.source = $1 AND r.finess = g.finess AND r.row_key = g.key`,
        [source, JSON.stringify(batch)],
      );
    }
    return { created, updated, removed: gone.length, unchanged };
  }

  /**
   * Writes the values the mapping gives (and the file's date) where they changed; removes those the
   * source no longer gives. Returns the establishments whose values changed.
   */
  async replaceValues(
    manager: EntityManager,
    source: string,
    values: readonly RegisterValueRow[],
    sourceDate: string,
    importId: number,
  ): Promise<{ changed: number; structures: string[] }> {
    const existing = new Map<string, string>();
    const current: { finess: string; item_code: string; value: unknown; source_date: string }[] =
      await manager.query(
        `SELECT finess, item_code, value, to_char(source_date, 'YYYY-MM-DD') AS source_date
           FROM register_values WHERE source = $1`,
        [source],
      );
    for (const row of current) {
      existing.set(`${row.finess}|${row.item_code}`, `${stableJson(row.value)}@${row.source_date}`);
    }
    const touched = new Set<string>();
    const toWrite: RegisterValueRow[] = [];
    for (const value of values) {
      const id = `${value.finess}|${value.itemCode}`;
      const before = existing.get(id);
      existing.delete(id);
      if (before === `${stableJson(value.value)}@${sourceDate}`) continue;
      toWrite.push(value);
      touched.add(value.finess);
    }
    for (const batch of chunk(toWrite, BATCH)) {
      await manager.query(
        `INSERT INTO register_values (finess, item_code, source, value, source_date, import_id)
         SELECT v."finess", v."itemCode", $1, v."value", $2, $3
           FROM jsonb_to_recordset($4::jsonb) AS v("finess" text, "itemCode" text, "value" jsonb)
         ON CONFLICT (finess, item_code, source) DO UPDATE
           SET value = EXCLUDED.value, source_date = EXCLUDED.source_date, import_id = EXCLUDED.import_id`,
        [source, sourceDate, importId, JSON.stringify(batch)],
      );
    }
    const gone = [...existing.keys()].map((id) => ({ finess: id.slice(0, 9), item: id.slice(10) }));
    for (const g of gone) touched.add(g.finess);
    for (const batch of chunk(gone, BATCH)) {
      await manager.query(
        `DELETE FROM register_values r USING jsonb_to_recordset($2::jsonb) AS g(finess text, item text)
          WHERE r.source = $1 AND r.finess = g.finess AND r.item_code = g.item`,
        [source, JSON.stringify(batch)],
      );
    }
    return { changed: toWrite.length + gone.length, structures: [...touched] };
  }

  /** Campaigns whose submissions may still be prefilled (not closed). */
  async campaignsToPrefill(manager: EntityManager): Promise<number[]> {
    const rows: { year: number }[] = await manager.query(
      `SELECT year FROM campaigns WHERE state <> 'CLOSED' ORDER BY year`,
    );
    return rows.map((r) => Number(r.year));
  }
}
