import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SubmissionStatusCode, ValueMap } from '@tdb/contracts';
import { namedQuery } from '../../database/named-query';

/**
 * Rows read (and written) per query. Each row's values and indicators are parsed into objects
 * that live until the batch is written: at 500, five exports kept tens of MB of them alive through
 * the young generation's collections, each copying them (pauses the requests waited for).
 */
export const BATCH = 100;

/** An ESMS of the export of a region or a département: its submission, OG-level values, structure and organisme gestionnaire. */
export interface ExportRow {
  finess: string;
  status: SubmissionStatusCode;
  consulted_by_cd: boolean;
  completeness: string;
  values: ValueMap;
  og_values: ValueMap | null;
  name: string;
  category_code: string;
  department_code: string;
  region_code: string;
  city: string | null;
  og_finess: string;
  og_name: string | null;
  legal_status: string | null;
  autonomous: boolean;
}

/** A group of the open data: one category × département × indicator, its quartiles when published. */
export interface OpenDataGroupRow {
  category_code: string;
  department_code: string;
  indicator_code: string;
  n: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
}

/** What the regional export and the open data read of a campaign. */
@Injectable()
export class RegionalExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The next BATCH in-scope ESMS of the territory (a region or a département) within `scope` (a
   * scope condition on `s`), after `after` (FINESS order).
   */
  batch(
    scope: { sql: string; parameters: Record<string, unknown> },
    year: number,
    territory: { level: 'REGION' | 'DEPARTMENT'; code: string },
    after: string | null,
  ): Promise<ExportRow[]> {
    const column = territory.level === 'REGION' ? 's.region_code' : 's.department_code';
    return namedQuery<ExportRow>(
      this.dataSource,
      `SELECT sub.finess, sub.status, sub.consulted_by_cd, sub.completeness::text AS completeness, sub.values,
              ogs.values AS og_values, s.name, s.category_code, s.department_code, s.region_code, s.city,
              s.og_finess, coalesce(og.name, og.short_name) AS og_name, og.legal_status_label AS legal_status,
              EXISTS (SELECT 1 FROM grants g JOIN accounts a ON a.id = g.account_id
                       WHERE g.organisation_kind = 'ESMS' AND g.organisation_code = s.finess
                         AND g.role = 'APE' AND a.status <> 'DISABLED') AS autonomous
         FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         LEFT JOIN managing_organisations og ON og.finess = s.og_finess
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
        WHERE sub.campaign_year = :year AND sub.in_scope AND ${column} = :territory AND ${scope.sql}
          ${after === null ? '' : 'AND sub.finess > :after'}
        ORDER BY sub.finess
        LIMIT ${BATCH}`,
      { ...scope.parameters, year, territory: territory.code, ...(after === null ? {} : { after }) },
    );
  }

  /**
   * Per category × département × indicator of `codes`, the number of VALIDATED or CONFIRMED
   * in-scope submissions with a computable value, and their quartiles when there are at least
   * `minimumGroup` of them: the figures of a smaller group are nulled here, they never leave the
   * database.
   */
  openDataGroups(year: number, codes: readonly string[], minimumGroup: number): Promise<OpenDataGroupRow[]> {
    return this.dataSource.query(
      `SELECT s.category_code, s.department_code, kv.key AS indicator_code, count(*)::int AS n,
              CASE WHEN count(*) >= $3 THEN percentile_cont(0.25) WITHIN GROUP (ORDER BY kv.value::float8) END AS q1,
              CASE WHEN count(*) >= $3 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY kv.value::float8) END AS median,
              CASE WHEN count(*) >= $3 THEN percentile_cont(0.75) WITHIN GROUP (ORDER BY kv.value::float8) END AS q3
         FROM structure_indicators si
         JOIN submissions sub ON sub.campaign_year = si.campaign_year AND sub.finess = si.finess
         JOIN structures s ON s.finess = si.finess
         CROSS JOIN LATERAL jsonb_each(si.scalars) kv
        WHERE si.campaign_year = $1 AND kv.key = ANY ($2::text[])
          AND sub.in_scope AND sub.status IN ('VALIDATED', 'CONFIRMED')
        GROUP BY s.category_code, s.department_code, kv.key
        ORDER BY s.category_code, s.department_code, kv.key`,
      [year, codes, minimumGroup],
    );
  }
}
