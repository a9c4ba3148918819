import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedQuery } from '../../database/named-query';
import type { StructureFactsRow } from '../../common/auth/structure-facts';
import { PEER_POPULATION } from '../computation/peer-statistics';

/** A scope condition of AccessService on the structures (alias `s`). */
type ScopeCondition = { sql: string; parameters: Record<string, unknown> };

/** A stored distribution as the territorial restitutions read it (deciles included). */
export interface StoredDistribution {
  category_code: string;
  level: 'NATION' | 'REGION' | 'DEPARTMENT';
  territory_code: string;
  indicator_code: string;
  suppressed: boolean;
  n: number | null;
  median: number | null;
  deciles: number[] | null;
  computed_at?: string;
}

/**
 * A structure of the territorial table (with the facts of the access rules) with its submission's
 * status, and the count of all pages.
 */
export interface TableHead extends StructureFactsRow {
  name: string;
  status: string;
  total: string | number;
}

/** A structure's indicator value outside the national first and ninth deciles of its category. */
export interface OutlierRow {
  finess: string;
  name: string;
  category_code: string;
  indicator_code: string;
  value: number;
  d1: number;
  d9: number;
}

/** The order of the territorial table: by name, FINESS or the value of one of its indicators. */
export type TableSort =
  { by: 'name' | 'finess'; descending: boolean } | { by: 'indicator'; code: string; descending: boolean };

/** A structure of an organisme gestionnaire (with the facts of the access rules) and its submission's status. */
export interface OrganisationHead extends StructureFactsRow {
  name: string;
  status: string;
  og_name: string | null;
}

/** The key of a structure's indicator in the map of `values`. */
export const valueKey = (finess: string, code: string): string => `${finess}/${code}`;

function orderOf(sort: TableSort): string {
  const direction = sort.descending ? 'DESC' : 'ASC';
  switch (sort.by) {
    case 'name':
      return `s.name ${direction}, s.finess`;
    case 'finess':
      return `s.finess ${direction}`;
    case 'indicator':
      return `(SELECT CAST(si.scalars -> CAST(:sortCode AS text) AS float8) FROM structure_indicators si
                WHERE si.campaign_year = :year AND si.finess = s.finess) ${direction} NULLS LAST, s.finess`;
  }
}

/**
 * What the territorial restitutions read: structures within the caller's scope (the scope
 * condition of AccessService), their scalar indicator values, and the stored distributions.
 */
@Injectable()
export class TerritoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The stored distributions of these indicators and categories that meet `where` (a condition on
   * the columns of `distributions`; its own parameters from $4, in `extra`).
   */
  distributions(
    year: number,
    codes: readonly string[],
    categories: readonly string[],
    where: string,
    extra: readonly unknown[] = [],
  ): Promise<StoredDistribution[]> {
    if (codes.length === 0 || categories.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT category_code, level, territory_code, indicator_code, suppressed, n, median, deciles, computed_at
         FROM distributions
        WHERE campaign_year = $1 AND indicator_code = ANY ($2::text[]) AND category_code = ANY ($3::text[])
          AND (${where})`,
      [year, codes, categories, ...extra],
    );
  }

  /** The scalar values of these structures' indicators, by `valueKey` (none read for no structure). */
  async values(
    year: number,
    finesses: readonly string[],
    codes: readonly string[],
  ): Promise<Map<string, number | null>> {
    if (finesses.length === 0) return new Map();
    const rows: { finess: string; indicator_code: string; value: number | null }[] =
      await this.dataSource.query(
        `SELECT si.finess, kv.key AS indicator_code, kv.value::float8 AS value
           FROM structure_indicators si
           CROSS JOIN LATERAL jsonb_each(si.scalars) kv
          WHERE si.campaign_year = $1 AND si.finess = ANY ($2::text[]) AND kv.key = ANY ($3::text[])`,
        [year, finesses, codes],
      );
    return new Map(rows.map((v) => [valueKey(v.finess, v.indicator_code), v.value]));
  }

  /** One page of the in-scope structures of the campaign within `scope`, with the count of all. */
  tablePage(
    year: number,
    scope: ScopeCondition,
    filters: { category?: string; department?: string },
    sort: TableSort,
    page: { limit: number; offset: number },
  ): Promise<TableHead[]> {
    const parameters: Record<string, unknown> = { year };
    if (sort.by === 'indicator') parameters['sortCode'] = sort.code;
    Object.assign(parameters, scope.parameters, page);
    const conditions: string[] = [];
    if (filters.category) {
      conditions.push('s.category_code = :category');
      parameters['category'] = filters.category;
    }
    if (filters.department) {
      conditions.push('s.department_code = :department');
      parameters['department'] = filters.department;
    }
    return namedQuery<TableHead>(
      this.dataSource,
      `SELECT s.finess, s.name, s.og_finess, s.competence, s.category_code, s.department_code, s.region_code,
              sub.status, count(*) OVER () AS total
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
        WHERE sub.in_scope AND ${scope.sql}${conditions.map((f) => ` AND ${f}`).join('')}
        ORDER BY ${orderOf(sort)}
        LIMIT :limit OFFSET :offset`,
      parameters,
    );
  }

  /**
   * The peers of a category within `scope` (and a department or a region) with a value for both
   * indicators, by FINESS: the points of a scatter plot.
   */
  scatterPoints(
    year: number,
    scope: ScopeCondition,
    query: { category: string; x: string; y: string; department?: string; region?: string },
  ): Promise<{ finess: string; name: string; x: number; y: number }[]> {
    const parameters: Record<string, unknown> = {
      ...scope.parameters,
      year,
      category: query.category,
      x: query.x,
      y: query.y,
    };
    let filters = '';
    if (query.department) {
      filters += ' AND s.department_code = :department';
      parameters['department'] = query.department;
    }
    if (query.region) {
      filters += ' AND s.region_code = :region';
      parameters['region'] = query.region;
    }
    return namedQuery<{ finess: string; name: string; x: number; y: number }>(
      this.dataSource,
      `SELECT s.finess, s.name, CAST(si.scalars -> CAST(:x AS text) AS float8) AS x, CAST(si.scalars -> CAST(:y AS text) AS float8) AS y
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
         JOIN structure_indicators si ON si.campaign_year = :year AND si.finess = s.finess
        WHERE ${scope.sql} AND s.category_code = :category${filters}
          AND ${PEER_POPULATION}
          AND jsonb_exists(si.scalars, CAST(:x AS text)) AND jsonb_exists(si.scalars, CAST(:y AS text))
        ORDER BY s.finess`,
      parameters,
    );
  }

  /** The in-scope structures of an organisme gestionnaire within `scope`, by name. */
  organisationStructures(year: number, ogFiness: string, scope: ScopeCondition): Promise<OrganisationHead[]> {
    return namedQuery<OrganisationHead>(
      this.dataSource,
      `SELECT s.finess, s.name, s.og_finess, s.competence, s.category_code, s.department_code, s.region_code,
              sub.status, og.name AS og_name
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
         LEFT JOIN managing_organisations og ON og.finess = s.og_finess
        WHERE s.og_finess = :og AND sub.in_scope AND ${scope.sql}
        ORDER BY s.name, s.finess`,
      { ...scope.parameters, year, og: ogFiness },
    );
  }

  /** The name of an organisme gestionnaire (null when unknown or unnamed). */
  async organisationName(ogFiness: string): Promise<string | null> {
    const [row]: { name: string | null }[] = await this.dataSource.query(
      `SELECT name FROM managing_organisations WHERE finess = $1`,
      [ogFiness],
    );
    return row?.name ?? null;
  }

  /** The categories of the peer population of the campaign within `scope` (unsorted). */
  presentCategories(year: number, scope: ScopeCondition): Promise<{ category_code: string }[]> {
    return namedQuery<{ category_code: string }>(
      this.dataSource,
      `SELECT DISTINCT s.category_code
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
        WHERE ${scope.sql} AND ${PEER_POPULATION}`,
      { ...scope.parameters, year },
    );
  }

  /**
   * The values of these indicators, for the peer population within `scope`, outside the national
   * first and ninth deciles of their category (suppressed distributions left out).
   */
  outliers(year: number, scope: ScopeCondition, codes: readonly string[]): Promise<OutlierRow[]> {
    return namedQuery<OutlierRow>(
      this.dataSource,
      `SELECT s.finess, s.name, s.category_code, iv.indicator_code, iv.value,
                    d.deciles[1] AS d1, d.deciles[9] AS d9
               FROM structures s
               JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
               JOIN structure_indicators si ON si.campaign_year = :year AND si.finess = s.finess
               CROSS JOIN LATERAL (SELECT kv.key, CAST(kv.value AS float8) FROM jsonb_each(si.scalars) kv)
                 AS iv (indicator_code, value)
               JOIN distributions d ON d.campaign_year = :year AND d.level = 'NATION' AND d.territory_code = 'FR'
                                   AND d.category_code = s.category_code AND d.indicator_code = iv.indicator_code
              WHERE ${scope.sql} AND ${PEER_POPULATION}
                AND NOT d.suppressed
                AND iv.indicator_code IN (:...codes)
                AND (iv.value < d.deciles[1] OR iv.value > d.deciles[9])
              ORDER BY s.category_code, iv.indicator_code, s.name, s.finess`,
      { ...scope.parameters, year, codes },
    );
  }
}
