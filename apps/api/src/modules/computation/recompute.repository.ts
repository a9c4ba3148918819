import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ValueMap } from '@tdb/contracts';
import { indicatorNumbers } from './indicator-values.repository';

/** An item code as a quoted column name (dictionary codes are checked; anything else is refused). */
function itemColumn(code: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(code)) throw new Error(`Unexpected item code ${JSON.stringify(code)}`);
  return `"${code}"`;
}

/** A submission as the indicators pass reads it. */
export interface ValuesBatchRow {
  finess: string;
  og_finess: string;
  category_code: string;
  region_code: string;
  department_code: string;
  /** The values of the items asked for; null when `done`. */
  values: ValueMap | null;
  /** Whether this job has computed it already (a resumed job skips it). */
  done: boolean;
}

/** A submission as the peer pass reads it: its place and the targets of the peer rules. */
export interface PeerBatchRow {
  finess: string;
  /** Whether this job has evaluated it already (a resumed job skips it). */
  done: boolean;
  category_code: string;
  region_code: string;
  department_code: string;
  /** This campaign's and the last one's computed values of the rules' target indicators. */
  indicators: Record<string, number> | null;
  previous_indicators: Record<string, number> | null;
  values: ValueMap | null;
  og_values: ValueMap | null;
  previous_values: ValueMap | null;
  previous_og_values: ValueMap | null;
}

/** The reads of a campaign recompute: keyset pages of the submissions a job has not done yet. */
@Injectable()
export class RecomputeRepository {
  /** The OG-level values of every OG of the campaign (read once, shared by their structures). */
  async ogValues(manager: EntityManager, year: number): Promise<Map<string, ValueMap>> {
    const rows: { og_finess: string; values: ValueMap }[] = await manager.query(
      `SELECT og_finess, values FROM og_submissions WHERE campaign_year = $1`,
      [year],
    );
    return new Map(rows.map((r) => [r.og_finess, r.values]));
  }

  /**
   * The bounds of the campaign's pages of `size` submissions, in FINESS order: each page is the
   * range (bounds[i], bounds[i + 1]], the last one open (`null`). Known in advance, pages can be
   * read several at once; a submission added meanwhile falls in a range all the same.
   */
  async pageBounds(manager: EntityManager, year: number, size: number): Promise<(string | null)[]> {
    const rows: { finess: string }[] = await manager.query(
      `SELECT finess FROM (SELECT finess, row_number() OVER (ORDER BY finess) AS n
                             FROM submissions WHERE campaign_year = $1) s
        WHERE n % $2 = 0 ORDER BY finess`,
      [year, size],
    );
    return ['', ...rows.map((r) => r.finess), null];
  }

  /**
   * The campaign's submissions in the FINESS range (after, until] (`until` null: to the end) with
   * the values of `items` only, those `jobId` has already computed marked `done` (and sent without
   * their values). The values are taken apart in PostgreSQL (`jsonb_to_record`, one pass over each
   * document), so the API parses a few numbers per item instead of whole documents. The marks are
   * probed row by row for the page only: a join would let the planner sort every mark of the
   * campaign for each page.
   */
  async valuesBatch(
    manager: EntityManager,
    year: number,
    jobId: string,
    range: { after: string; until: string | null },
    items: readonly string[],
  ): Promise<ValuesBatchRow[]> {
    // One JSON array per row, in the order of `items` (null when absent): no key repeated per row,
    // and a row object of a few fields instead of one per item (ARRAY[…] has no argument limit).
    const columns = items.map((code) => `${itemColumn(code)} jsonb`).join(', ');
    const picked = items.map((code) => `v.${itemColumn(code)}`).join(', ');
    const rows: (Omit<ValuesBatchRow, 'values'> & { picked: (ValueMap[string] | null)[] | null })[] =
      await manager.query(
        `SELECT sub.finess, s.og_finess, s.category_code, s.region_code, s.department_code, m.done,
                ${items.length > 0 ? `CASE WHEN m.done THEN NULL ELSE to_jsonb(ARRAY[${picked}]) END` : 'NULL'} AS picked
           FROM submissions sub
           JOIN structures s ON s.finess = sub.finess
           CROSS JOIN LATERAL (SELECT
             EXISTS (SELECT 1 FROM derivation_marks d WHERE d.campaign_year = sub.campaign_year
                        AND d.finess = sub.finess AND d.indicators_job = $2) AS done) m
           ${items.length > 0 ? `CROSS JOIN LATERAL jsonb_to_record(CASE WHEN m.done THEN '{}'::jsonb ELSE sub.values END) AS v(${columns})` : ''}
          WHERE sub.campaign_year = $1 AND sub.finess > $3 AND ($4::bpchar IS NULL OR sub.finess <= $4)
          ORDER BY sub.finess`,
        [year, jobId, range.after, range.until],
      );
    return rows.map(({ picked: array, ...row }) => {
      if (row.done) return { ...row, values: null };
      const values: ValueMap = {};
      if (array) {
        for (let i = 0; i < items.length; i++) {
          const value = array[i];
          if (value !== null && value !== undefined) values[items[i]!] = value;
        }
      }
      return { ...row, values };
    });
  }

  /**
   * The next page of the campaign's submissions with the targets of the peer rules, those whose
   * peer rules `jobId` has evaluated already marked `done` (probed per row, as for the values).
   * The indicators are looked up per row too (scalar subqueries, never turned into joins): the
   * pass runs right after the indicators pass has written a campaign's rows, before any ANALYZE
   * has seen them, and a join planned on "no rows for this campaign" rescanned them all for each
   * structure — once, a national recompute's peer rules took 337 s instead of 1.6.
   */
  async peerBatch(
    manager: EntityManager,
    year: number,
    jobId: string,
    after: string,
    limit: number,
    targets: { items: readonly string[]; indicators: readonly string[] },
  ): Promise<PeerBatchRow[]> {
    return manager.query(
      `WITH prev AS (SELECT max(year) AS year FROM campaigns WHERE year < $1)
       SELECT sub.finess, s.category_code, s.region_code, s.department_code,
              EXISTS (SELECT 1 FROM derivation_marks d WHERE d.campaign_year = sub.campaign_year
                         AND d.finess = sub.finess AND d.atypia_job = $2) AS done,
              (SELECT ${indicatorNumbers('cur', '$6')} FROM structure_indicators cur
                WHERE cur.campaign_year = sub.campaign_year AND cur.finess = sub.finess) AS indicators,
              (SELECT ${indicatorNumbers('old', '$6')} FROM structure_indicators old
                WHERE old.campaign_year = (SELECT year FROM prev) AND old.finess = sub.finess) AS previous_indicators,
              ${subset('sub.values')} AS values, ${subset('ogs.values')} AS og_values,
              ${subset('psub.values')} AS previous_values, ${subset('pogs.values')} AS previous_og_values
         FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
         LEFT JOIN submissions psub ON psub.campaign_year = (SELECT year FROM prev) AND psub.finess = sub.finess
         LEFT JOIN og_submissions pogs ON pogs.campaign_year = psub.campaign_year AND pogs.og_finess = s.og_finess
        WHERE sub.campaign_year = $1 AND sub.finess > $3
        ORDER BY sub.finess LIMIT $4`,
      [year, jobId, after, limit, targets.items, targets.indicators],
    );
  }

  /**
   * The caller's transaction commits without waiting for its WAL to reach the disk (one fsync per
   * batch was a tenth of a national recompute). Safe for derived data: a commit lost in a crash
   * loses its structures' marks with their rows, and the resumed job computes them again.
   */
  async commitWithoutWaiting(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL synchronous_commit = off`);
  }

  /** The campaign before `year`, or null. */
  async previousYear(manager: EntityManager, year: number): Promise<number | null> {
    const rows: { year: number | null }[] = await manager.query(
      `SELECT max(year) AS year FROM campaigns WHERE year < $1`,
      [year],
    );
    return rows[0]?.year ?? null;
  }

  async markAtypia(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
    jobId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO derivation_marks (campaign_year, finess, atypia_job)
       SELECT $1, f, $3 FROM unnest($2::bpchar[]) f
       ON CONFLICT (campaign_year, finess) DO UPDATE SET atypia_job = EXCLUDED.atypia_job`,
      [year, finesses, jobId],
    );
  }
}

/** The rule-target items of a JSON object of values ($5), or NULL. */
const subset = (column: string) =>
  `(SELECT jsonb_object_agg(k, ${column} -> k) FROM unnest($5::text[]) k WHERE ${column} ? k)`;
