import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IndicatorValueDto } from '@tdb/contracts';
import {
  distributionShares,
  type IndicatorDefinition,
  type IndicatorResult,
  type StoredDistribution,
} from '@tdb/indicators';

/** A structure's freshly computed indicators. */
export interface StructureIndicators {
  finess: string;
  results: readonly IndicatorResult[];
}

/** A stored distribution: its parts' values (compact) and its total, the indicator's value. */
type StoredDistributionWithTotal = StoredDistribution & { total: number };

/** A row of `structure_indicators` (ADR 0008): a structure's indicators of one campaign, by code. */
export interface StructureIndicatorsRow {
  scalars: Record<string, number>;
  distributions: Record<string, StoredDistributionWithTotal>;
  reasons: Record<string, [string, string]>;
  dictionary_version: string;
}

/** A computable stored indicator: its value, and a distribution's parts. */
export interface ComputedIndicator {
  value: number | null;
  details: StoredDistribution | null;
}

/** A number as JSON writes it (JSON has no NaN nor infinity: null, as JSON.stringify does). */
const jsonNumber = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * Codes and part keys as JSON strings, quoted once: they come from the dictionary (a few hundred),
 * and a national recompute writes each of them 22,500 times.
 */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let json = quotedKeys.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, json);
  }
  return json;
}

/** A row's three JSON columns, as text. */
interface RowJson {
  scalars: string;
  distributions: string;
  reasons: string;
}

/**
 * The JSON of a structure's row — `scalars`, `distributions`, `reasons`, "not applicable to this
 * category" not stored — written straight from the results: a national recompute writes 22,500 of
 * them, and building the objects to stringify them was a fifth of its API time and most of its
 * garbage. Parsed, each is the document JSON.stringify writes of those objects (tested).
 */
function rowJson({ results }: Pick<StructureIndicators, 'results'>): RowJson {
  const scalars: string[] = [];
  const distributions: string[] = [];
  const reasons: string[] = [];
  for (const r of results) {
    if (r.status === 'computed') {
      if (r.kind === 'distribution') {
        const values: string[] = [];
        for (const part of r.parts) values.push(`${quoted(part.key)}:${jsonNumber(part.value)}`);
        distributions.push(
          `${quoted(r.code)}:{"base":${jsonNumber(r.base)},"values":{${values.join(',')}},"total":${jsonNumber(r.total)}}`,
        );
      } else {
        scalars.push(`${quoted(r.code)}:${jsonNumber(r.value)}`);
      }
    } else if (r.reason.code !== 'NOT_APPLICABLE') {
      reasons.push(`${quoted(r.code)}:[${quoted(r.reason.code)},${JSON.stringify(r.reason.message)}]`);
    }
  }
  return {
    scalars: `{${scalars.join(',')}}`,
    distributions: `{${distributions.join(',')}}`,
    reasons: `{${reasons.join(',')}}`,
  };
}

/**
 * A structure's row ready for `replace`: its FINESS and its three JSON columns (rowJson) in the
 * binary form of `jsonb` — a version byte, then the UTF-8 text — which PostgreSQL reads as is.
 */
export interface EncodedIndicators {
  finess: string;
  scalars: Buffer;
  distributions: Buffer;
  reasons: Buffer;
}

const JSONB_VERSION = 1;

/** A JSON text as a binary `jsonb` parameter (jsonb_recv: version 1, then the text). */
function binaryJsonb(json: string): Buffer {
  const buffer = Buffer.allocUnsafe(1 + Buffer.byteLength(json));
  buffer[0] = JSONB_VERSION;
  buffer.write(json, 1);
  return buffer;
}

/**
 * Encoded as soon as computed, a structure's results can be let go at once: a batch waiting for
 * its write holds a few kilobytes of bytes per structure, outside the JavaScript heap, instead of
 * its results objects (the recompute's garbage collection was a third of its API time). Each
 * column is a parameter of its own, which PostgreSQL parses once, straight into the row: taking
 * the columns out of one document per batch re-encoded each of them (a third of the write).
 */
export function encodeIndicators(indicators: StructureIndicators): EncodedIndicators {
  const json = rowJson(indicators);
  return {
    finess: indicators.finess,
    scalars: binaryJsonb(json.scalars),
    distributions: binaryJsonb(json.distributions),
    reasons: binaryJsonb(json.reasons),
  };
}

/**
 * SQL: the computed numbers of a `structure_indicators` row `alias` as one flat JSON object
 * `{ code: value }` (a distribution gives its total), restricted to the text[] parameter `codes`
 * unless it is NULL. Picked in PostgreSQL so that the API parses a few numbers, not the parts.
 */
export function indicatorNumbers(alias: string, codes: string): string {
  return `(SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}') FROM (
            SELECT key, value FROM jsonb_each(${alias}.scalars)
             WHERE ${codes}::text[] IS NULL OR key = ANY (${codes}::text[])
            UNION ALL
            SELECT key, value -> 'total' FROM jsonb_each(${alias}.distributions)
             WHERE ${codes}::text[] IS NULL OR key = ANY (${codes}::text[])) e)`;
}

const detailsOf = ({ base, values }: StoredDistributionWithTotal): StoredDistribution => ({ base, values });

/** The `structure_indicators` table: written by computation only, read by everyone above it. */
@Injectable()
export class IndicatorValuesRepository {
  /**
   * Replaces the stored indicators of a batch of structures: one upsert per structure, in one
   * statement for the batch, that leaves unchanged rows untouched (no dead row).
   */
  async replace(
    manager: EntityManager,
    year: number,
    dictionaryVersion: string,
    batch: readonly EncodedIndicators[],
    jobId: string | null,
  ): Promise<void> {
    if (batch.length === 0) return;
    // One statement: the rows and the structures' marks (a round trip and a plan fewer per batch).
    // A batch is at most RECOMPUTE_BATCH rows: 4 parameters each, far from the protocol's 65,535.
    const rows: string[] = [];
    const parameters: unknown[] = [year, dictionaryVersion, batch.map((b) => b.finess), jobId];
    for (const row of batch) {
      const n = parameters.push(row.finess, row.scalars, row.distributions, row.reasons);
      rows.push(`($1, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::jsonb, $${n}::jsonb, $2)`);
    }
    await manager.query(
      `WITH written AS (
         INSERT INTO structure_indicators AS si (campaign_year, finess, scalars, distributions, reasons, dictionary_version)
         VALUES ${rows.join(', ')}
         ON CONFLICT (campaign_year, finess) DO UPDATE SET
           scalars = EXCLUDED.scalars, distributions = EXCLUDED.distributions, reasons = EXCLUDED.reasons,
           dictionary_version = EXCLUDED.dictionary_version, computed_at = now()
         WHERE (si.scalars, si.distributions, si.reasons, si.dictionary_version)
               IS DISTINCT FROM (EXCLUDED.scalars, EXCLUDED.distributions, EXCLUDED.reasons, EXCLUDED.dictionary_version)
         RETURNING 1)
       INSERT INTO derivation_marks (campaign_year, finess, indicators_job, indicators_computed_at)
       SELECT $1, f, $4, clock_timestamp() FROM unnest($3::bpchar[]) f
       ON CONFLICT (campaign_year, finess) DO UPDATE
         SET indicators_job = EXCLUDED.indicators_job, indicators_computed_at = EXCLUDED.indicators_computed_at`,
      parameters,
    );
  }

  /** Last campaign's computed values of these structures' indicators (`codes`: all when null). */
  async previousValues(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
    codes: readonly string[] | null,
  ): Promise<Map<string, Record<string, number | null>>> {
    // Only the numbers asked for, picked in PostgreSQL: the distributions' parts are not parsed.
    const rows: { finess: string; numbers: Record<string, number> }[] = await manager.query(
      `SELECT finess, ${indicatorNumbers('si', '$3')} AS numbers FROM structure_indicators si
        WHERE campaign_year = (SELECT max(year) FROM campaigns WHERE year < $1) AND finess = ANY ($2::bpchar[])`,
      [year, finesses, codes],
    );
    return new Map(rows.map((r) => [r.finess.trim(), r.numbers]));
  }

  /** The computable indicators of these structures, by FINESS then code (the caller checked access). */
  async computedOf(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
  ): Promise<Map<string, Map<string, ComputedIndicator>>> {
    const rows: (Pick<StructureIndicatorsRow, 'scalars' | 'distributions'> & { finess: string })[] =
      await manager.query(
        `SELECT finess, scalars, distributions FROM structure_indicators
          WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[])`,
        [year, finesses],
      );
    const byFiness = new Map<string, Map<string, ComputedIndicator>>();
    for (const row of rows) {
      const map = new Map<string, ComputedIndicator>();
      for (const [code, value] of Object.entries(row.scalars)) map.set(code, { value, details: null });
      for (const [code, d] of Object.entries(row.distributions))
        map.set(code, { value: d.total, details: detailsOf(d) });
      byFiness.set(row.finess, map);
    }
    return byFiness;
  }

  /**
   * The stored indicators of a structure with, for each, its value in the latest earlier campaign
   * that stored it (the caller checked access).
   */
  async ofStructure(
    manager: EntityManager,
    year: number,
    finess: string,
    definitions: readonly IndicatorDefinition[],
  ): Promise<IndicatorValueDto[]> {
    const rows: (StructureIndicatorsRow & { campaign_year: number })[] = await manager.query(
      `SELECT campaign_year, scalars, distributions, reasons, dictionary_version FROM structure_indicators
        WHERE finess = $2 AND campaign_year <= $1 ORDER BY campaign_year DESC`,
      [year, finess],
    );
    const current = rows[0]?.campaign_year === year ? rows[0] : undefined;
    if (!current) return [];
    const earlier = rows.slice(1);
    return definitions.flatMap((def) => {
      const code = def.code;
      const distribution = current.distributions[code];
      const reason = current.reasons[code];
      if (!(code in current.scalars) && !distribution && !reason) return [];
      const before = earlier.find((r) => code in r.scalars || code in r.distributions || code in r.reasons);
      const previousValue = before
        ? (before.scalars[code] ?? before.distributions[code]?.total ?? null)
        : null;
      return [
        {
          code,
          label: def.label,
          axis: def.axis,
          unit: def.unit,
          kind: def.kind,
          computable: !reason,
          value: reason ? null : (current.scalars[code] ?? distribution?.total ?? null),
          parts:
            def.kind === 'distribution' && distribution
              ? distributionShares(def, detailsOf(distribution))
              : null,
          reasonCode: reason?.[0] ?? null,
          reason: reason?.[1] ?? null,
          provisional: def.status === 'provisional',
          previousValue,
          dictionaryVersion: current.dictionary_version,
        },
      ];
    });
  }
}
