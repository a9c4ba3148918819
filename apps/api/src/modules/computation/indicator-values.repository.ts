import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IndicatorValueDto } from '@tdb/contracts';
import {
  distributionShares,
  storedDistribution,
  type IndicatorDefinition,
  type IndicatorResult,
  type StoredDistribution,
} from '@tdb/indicators';

/** A structure's freshly computed indicators. */
export interface StructureIndicators {
  finess: string;
  results: readonly IndicatorResult[];
  /** Whether the structure may already have stored rows (false: plain inserts suffice). */
  stored?: boolean;
}

interface StoredIndicator {
  indicator_code: string;
  value: number | null;
  details: StoredDistribution | null;
  reason_code: string | null;
  reason_message: string | null;
  dictionary_version: string;
  previous_value: number | null;
}

/** A computable stored indicator: its value, and a distribution's parts. */
export interface ComputedIndicator {
  value: number | null;
  details: StoredDistribution | null;
}

/** Column arrays of indicator rows: sent as one array parameter per column (no per-row JSON). */
interface Columns {
  finess: string[];
  code: string[];
  value: (number | null)[];
  details: (string | null)[];
  reasonCode: (string | null)[];
  reasonMessage: (string | null)[];
}

function columnsOf(batch: readonly StructureIndicators[]): Columns {
  const c: Columns = { finess: [], code: [], value: [], details: [], reasonCode: [], reasonMessage: [] };
  for (const { finess, results } of batch) {
    for (const r of results) {
      // "Not applicable to this category" is not stored: it says nothing about the structure.
      if (r.status === 'not_computable' && r.reason.code === 'NOT_APPLICABLE') continue;
      c.finess.push(finess);
      c.code.push(r.code);
      if (r.status === 'computed') {
        c.value.push(r.kind === 'distribution' ? r.total : r.value);
        c.details.push(r.kind === 'distribution' ? JSON.stringify(storedDistribution(r)) : null);
        c.reasonCode.push(null);
        c.reasonMessage.push(null);
      } else {
        c.value.push(null);
        c.details.push(null);
        c.reasonCode.push(r.reason.code);
        c.reasonMessage.push(r.reason.message);
      }
    }
  }
  return c;
}

const ROWS = `FROM unnest($3::text[], $4::text[], $5::float8[], $6::jsonb[], $7::text[], $8::text[])
           AS r(finess, code, value, details, reason_code, reason_message)`;

/** The `indicator_values` table: written by computation only, read by everyone above it. */
@Injectable()
export class IndicatorValuesRepository {
  /**
   * Replaces the stored indicators of a batch of structures. Structures without stored rows get
   * plain inserts; the others an upsert that leaves unchanged rows untouched (no dead row, no index
   * entry) and a delete of the indicators they no longer have.
   */
  async replace(
    manager: EntityManager,
    year: number,
    dictionaryVersion: string,
    batch: readonly StructureIndicators[],
    jobId: string | null,
  ): Promise<void> {
    if (batch.length === 0) return;
    const fresh = batch.filter((b) => b.stored === false);
    const stored = batch.filter((b) => b.stored !== false);
    if (fresh.length > 0) {
      const c = columnsOf(fresh);
      await manager.query(
        `INSERT INTO indicator_values (campaign_year, finess, indicator_code, value, details, reason_code, reason_message, dictionary_version)
         SELECT $1, r.finess, r.code, r.value, r.details, r.reason_code, r.reason_message, $2 ${ROWS}`,
        [year, dictionaryVersion, c.finess, c.code, c.value, c.details, c.reasonCode, c.reasonMessage],
      );
    }
    if (stored.length > 0) {
      const c = columnsOf(stored);
      await manager.query(
        `DELETE FROM indicator_values iv
          WHERE iv.campaign_year = $1 AND iv.finess = ANY ($2::bpchar[])
            AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::text[]) AS k(finess, code)
                             WHERE k.finess = iv.finess AND k.code = iv.indicator_code)`,
        [year, stored.map((b) => b.finess), c.finess, c.code],
      );
      await manager.query(
        `INSERT INTO indicator_values (campaign_year, finess, indicator_code, value, details, reason_code, reason_message, dictionary_version)
         SELECT $1, r.finess, r.code, r.value, r.details, r.reason_code, r.reason_message, $2 ${ROWS}
         ON CONFLICT (campaign_year, finess, indicator_code) DO UPDATE SET
           value = EXCLUDED.value, details = EXCLUDED.details, reason_code = EXCLUDED.reason_code,
           reason_message = EXCLUDED.reason_message, dictionary_version = EXCLUDED.dictionary_version,
           computed_at = now()
         WHERE (indicator_values.value, indicator_values.details, indicator_values.reason_code,
                indicator_values.reason_message, indicator_values.dictionary_version)
               IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.details, EXCLUDED.reason_code,
                                 EXCLUDED.reason_message, EXCLUDED.dictionary_version)`,
        [year, dictionaryVersion, c.finess, c.code, c.value, c.details, c.reasonCode, c.reasonMessage],
      );
    }
    await manager.query(
      `INSERT INTO derivation_marks (campaign_year, finess, indicators_job, indicators_computed_at)
       SELECT $1, f, $3, clock_timestamp() FROM unnest($2::bpchar[]) f
       ON CONFLICT (campaign_year, finess) DO UPDATE
         SET indicators_job = EXCLUDED.indicators_job, indicators_computed_at = EXCLUDED.indicators_computed_at`,
      [year, batch.map((b) => b.finess), jobId],
    );
  }

  /** Last campaign's computed values of these structures' indicators (`codes`: all when null). */
  async previousValues(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
    codes: readonly string[] | null,
  ): Promise<Map<string, Record<string, number | null>>> {
    const rows: { finess: string; codes: string[]; values: (number | null)[] }[] = await manager.query(
      `SELECT finess, array_agg(indicator_code) AS codes, array_agg(value) AS values FROM indicator_values
        WHERE campaign_year = (SELECT max(year) FROM campaigns WHERE year < $1)
          AND finess = ANY ($2::bpchar[]) AND reason_code IS NULL
          AND ($3::text[] IS NULL OR indicator_code = ANY ($3::text[]))
        GROUP BY finess`,
      [year, finesses, codes],
    );
    return new Map(rows.map((r) => [r.finess.trim(), zip(r.codes, r.values)]));
  }

  /** The computable indicators of these structures, by FINESS then code (the caller checked access). */
  async computedOf(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
  ): Promise<Map<string, Map<string, ComputedIndicator>>> {
    const rows: (ComputedIndicator & { finess: string; indicator_code: string })[] = await manager.query(
      `SELECT finess, indicator_code, value, details FROM indicator_values
        WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[]) AND reason_code IS NULL`,
      [year, finesses],
    );
    const byFiness = new Map<string, Map<string, ComputedIndicator>>();
    for (const { finess, indicator_code, value, details } of rows) {
      let map = byFiness.get(finess);
      if (!map) byFiness.set(finess, (map = new Map()));
      map.set(indicator_code, { value, details });
    }
    return byFiness;
  }

  /** The stored indicators of a structure with last campaign's values (the caller checked access). */
  async ofStructure(
    manager: EntityManager,
    year: number,
    finess: string,
    definitions: readonly IndicatorDefinition[],
  ): Promise<IndicatorValueDto[]> {
    const rows: StoredIndicator[] = await manager.query(
      `SELECT iv.indicator_code, iv.value, iv.details, iv.reason_code, iv.reason_message, iv.dictionary_version,
              prev.value AS previous_value
         FROM indicator_values iv
         LEFT JOIN LATERAL (
           SELECT p.value FROM indicator_values p
            WHERE p.finess = iv.finess AND p.indicator_code = iv.indicator_code AND p.campaign_year < iv.campaign_year
            ORDER BY p.campaign_year DESC LIMIT 1) prev ON true
        WHERE iv.campaign_year = $1 AND iv.finess = $2`,
      [year, finess],
    );
    const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
    return definitions.flatMap((def) => {
      const row = byCode.get(def.code);
      if (!row || row.reason_code === 'NOT_APPLICABLE') return [];
      return [toIndicatorDto(def, row)];
    });
  }
}

export function zip(
  codes: readonly string[],
  values: readonly (number | null)[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  codes.forEach((code, i) => (out[code] = values[i] ?? null));
  return out;
}

function toIndicatorDto(def: IndicatorDefinition, row: StoredIndicator): IndicatorValueDto {
  return {
    code: def.code,
    label: def.label,
    axis: def.axis,
    unit: def.unit,
    kind: def.kind,
    computable: row.reason_code === null,
    value: row.value,
    parts: def.kind === 'distribution' && row.details ? distributionShares(def, row.details) : null,
    reasonCode: row.reason_code,
    reason: row.reason_message,
    provisional: def.status === 'provisional',
    previousValue: row.previous_value,
    dictionaryVersion: row.dictionary_version,
  };
}
