import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedQuery } from '../../database/named-query';
import { PEER_POPULATION } from '../computation/peer-statistics';

/** A scope condition of AccessService on the structures (alias `s`). */
type ScopeCondition = { sql: string; parameters: Record<string, unknown> };

/** Which values of which structures a benchmark of one item reads. */
export interface ItemBenchmarkFilter {
  year: number;
  itemCode: string;
  /** Entered at OG level: the value is the OG's (og_submissions), as `mergedValues` reads it. */
  ogLevel: boolean;
  /** The categories the item applies to ('ALL': every one). */
  categories: 'ALL' | readonly string[];
  territory: { level: 'NATION' | 'REGION' | 'DEPARTMENT'; code: string };
  scope: ScopeCondition;
}

/** The peers' values of one category, sorted by PostgreSQL. */
export interface ItemGroupRow {
  category_code: string;
  sorted: number[];
}

/** A structure counted in the benchmark, and the count of all of them. */
export interface ItemStructureRow {
  finess: string;
  name: string;
  category_code: string;
  department_code: string;
  value: number;
  total: string | number;
}

/**
 * The values of one item of the dictionary, read from `submissions.values` (or the OG's
 * `og_submissions.values` for an item entered at OG level) for the peers (PEER_POPULATION) of a
 * territory within the caller's scope. Only JSON numbers count: an item never entered is absent.
 */
@Injectable()
export class ItemBenchmarkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per category, the values of the peers, sorted (array_agg ORDER BY): nothing to sort in the API. */
  groups(filter: ItemBenchmarkFilter): Promise<ItemGroupRow[]> {
    const { from, where, parameters } = this.population(filter);
    return namedQuery<ItemGroupRow>(
      this.dataSource,
      `SELECT s.category_code, array_agg((${this.value(filter)})::float8 ORDER BY (${this.value(filter)})::float8) AS sorted
         ${from}
        WHERE ${where}
        GROUP BY s.category_code`,
      parameters,
    );
  }

  /** The structures counted, by category then value, at most `limit`, with the count of all. */
  structures(filter: ItemBenchmarkFilter, limit: number): Promise<ItemStructureRow[]> {
    const { from, where, parameters } = this.population(filter);
    return namedQuery<ItemStructureRow>(
      this.dataSource,
      `SELECT sub.finess, s.name, s.category_code, s.department_code,
              (${this.value(filter)})::float8 AS value, count(*) OVER () AS total
         ${from}
        WHERE ${where}
        ORDER BY s.category_code, 5, sub.finess
        LIMIT :limit`,
      { ...parameters, limit },
    );
  }

  /** The item's JSON value of a row: the OG's for an OG-level item, the structure's own otherwise. */
  private value(filter: ItemBenchmarkFilter): string {
    return `${filter.ogLevel ? 'ogs' : 'sub'}.values -> CAST(:item AS text)`;
  }

  private population(filter: ItemBenchmarkFilter): {
    from: string;
    where: string;
    parameters: Record<string, unknown>;
  } {
    const { territory } = filter;
    const conditions = [
      'sub.campaign_year = :year',
      PEER_POPULATION,
      `jsonb_typeof(${this.value(filter)}) = 'number'`,
      filter.scope.sql,
    ];
    const parameters: Record<string, unknown> = {
      ...filter.scope.parameters,
      year: filter.year,
      item: filter.itemCode,
    };
    if (territory.level !== 'NATION') {
      conditions.push(`${territory.level === 'REGION' ? 's.region_code' : 's.department_code'} = :territory`);
      parameters['territory'] = territory.code;
    }
    if (filter.categories !== 'ALL') {
      conditions.push('s.category_code IN (:...categories)');
      parameters['categories'] = filter.categories.length > 0 ? filter.categories : [''];
    }
    const from = `FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         ${
           filter.ogLevel
             ? 'JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess'
             : ''
         }`;
    return { from, where: conditions.join(' AND '), parameters };
  }
}
