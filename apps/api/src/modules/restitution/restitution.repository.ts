import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StructureFactsRow } from '../../common/auth/structure-facts';
import { DATABASE_KIND } from '../../database/database.tokens';
import { preparedQuery } from '../../database/prepared-query';
import { campaignCalendarColumns, type CampaignCalendarRow } from '../campaign-core/campaign-row';
import type { OwnValue, StoredDistribution } from './restitution-json';

/**
 * A structure's restitution head: the structure, its campaign's dictionary, state and calendar
 * (what the restitution may show today), and its submission.
 */
export interface HeadRow extends Omit<StructureFactsRow, 'finess'>, CampaignCalendarRow {
  /** Null when the campaign exists but the structure does not. */
  finess: string | null;
  name: string;
  dictionary_version: string;
  /** Null when the structure has no submission in the campaign. */
  status: string | null;
  /** When the structure's indicator values (this campaign and earlier ones) were last written. */
  values_at: string | null;
}

/**
 * What a structure's restitution reads: its head and own values on every request (prepared
 * statements: planning them cost more than running them), and a campaign's distributions at once.
 */
@Injectable()
export class RestitutionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
  ) {}

  /** The head of a structure's restitution, or undefined when the campaign does not exist. */
  async head(year: number, finess: string): Promise<HeadRow | undefined> {
    const heads = await preparedQuery<HeadRow>(this.dataSource, this.databaseKind, {
      name: 'restitution-head',
      text: `SELECT s.finess, s.name, s.og_finess, s.department_code, s.region_code, s.competence, s.category_code,
              c.dictionary_version, ${campaignCalendarColumns('c')}, sub.status,
              (SELECT max(x.indicators_computed_at) FROM derivation_marks x
                WHERE x.finess = s.finess AND x.campaign_year <= c.year)::text AS values_at
         FROM campaigns c
         LEFT JOIN structures s ON s.finess = $2
         LEFT JOIN submissions sub ON sub.campaign_year = c.year AND sub.finess = s.finess
        WHERE c.year = $1`,
      values: [year, finess],
    });
    return heads[0];
  }

  /** The structure's scalar values of this campaign and the earlier ones, oldest campaign first. */
  async ownValues(year: number, finess: string): Promise<OwnValue[]> {
    const [values] = await preparedQuery<{ own: OwnValue[] | null }>(this.dataSource, this.databaseKind, {
      name: 'restitution-own-values',
      // Scalar values, and why an indicator was not computable (distributions are read elsewhere).
      text: `SELECT json_agg(json_build_array(si.campaign_year, e.code, e.value, e.message) ORDER BY si.campaign_year) AS own
         FROM structure_indicators si
         CROSS JOIN LATERAL (
           SELECT key, value::float8, NULL::text FROM jsonb_each(si.scalars)
           UNION ALL
           SELECT key, NULL::float8, value ->> 1 FROM jsonb_each(si.reasons)
         ) e (code, value, message)
        WHERE si.campaign_year IN (SELECT year FROM campaigns WHERE year <= $1) -- primary key seeks, one per year
          AND si.finess = $2`,
      values: [year, finess],
    });
    return values?.own ?? [];
  }

  /** Every distribution of a campaign, in the compact shape of restitution-json. */
  distributions(year: number): Promise<StoredDistribution[]> {
    return this.dataSource.query(
      `SELECT d.category_code AS k, d.indicator_code AS c, d.level AS l, d.territory_code AS t, d.suppressed AS s,
              d.n, d.mean, d.median, to_json(d.deciles) AS d,
              to_char(d.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM distributions d
        WHERE d.campaign_year = $1`,
      [year],
    );
  }
}
