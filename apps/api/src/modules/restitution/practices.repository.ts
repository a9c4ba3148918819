import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PracticeItem, PracticePeerCount } from '@tdb/indicators';
import { namedQuery } from '../../database/named-query';
import { PEER_POPULATION } from '../computation/peer-statistics';

/** One practice's counts among the peers of a category, at the three levels. */
interface PeerCountRow {
  code: string;
  n_nation: number;
  held_nation: number;
  n_region: number;
  held_region: number;
  n_department: number;
  held_department: number;
}

const EMPTY: Omit<PeerCountRow, 'code'> = {
  n_nation: 0,
  held_nation: 0,
  n_region: 0,
  held_region: 0,
  n_department: 0,
  held_department: 0,
};

/** The items read, as a JSON recordset (code, OG level, type): one parameter on both databases. */
const ITEMS = `jsonb_to_recordset(CAST(:items AS jsonb)) AS i (code text, og boolean, type text)`;

/** The item's value of a row: the OG's for an OG-level item, the structure's own otherwise. */
const VALUE = `CASE WHEN i.og THEN ogs.values -> i.code ELSE sub.values -> i.code END`;

const itemsParameter = (items: readonly PracticeItem[]) =>
  JSON.stringify(items.map((i) => ({ code: i.code, og: i.ogLevel, type: i.type })));

/**
 * The practices of the qualitative axes (O04–O06): a structure's own answers and, counted by
 * PostgreSQL, how many of its peers (PEER_POPULATION, same category) answered each practice and
 * have it, nationally, in its region and in its département. Only the few items asked are read.
 *
 * A yes/no practice counts the peers that answered yes or no; a dated practice counts every peer,
 * those with a date having it (no date: not in place).
 */
@Injectable()
export class PracticesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The structure's values of the items (an OG-level item: its OG's), by item code. */
  async own(year: number, finess: string, items: readonly PracticeItem[]): Promise<Record<string, unknown>> {
    const rows = await namedQuery<{ code: string; value: unknown }>(
      this.dataSource,
      `SELECT i.code, ${VALUE} AS value
         FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
         CROSS JOIN ${ITEMS}
        WHERE sub.campaign_year = :year AND sub.finess = :finess`,
      { year, finess, items: itemsParameter(items) },
    );
    return Object.fromEntries(rows.filter((r) => r.value !== null).map((r) => [r.code, r.value]));
  }

  /** Per practice, the peers' counts of the category at each level of the structure's territory. */
  async peerCounts(
    year: number,
    categoryCode: string,
    territory: { regionCode: string | null; departmentCode: string | null },
    items: readonly PracticeItem[],
  ): Promise<Map<string, PracticePeerCount[]>> {
    const answered = `(i.type = 'date' OR jsonb_typeof(${VALUE}) = 'boolean')`;
    const held = `(${VALUE} = 'true'::jsonb OR (i.type = 'date' AND jsonb_typeof(${VALUE}) = 'string' AND ${VALUE} #>> '{}' <> ''))`;
    const at = (condition: string, alias: string) =>
      `count(*) FILTER (WHERE ${condition} AND ${answered})::int AS n_${alias},
       count(*) FILTER (WHERE ${condition} AND ${held})::int AS held_${alias}`;
    const rows = await namedQuery<PeerCountRow>(
      this.dataSource,
      `SELECT i.code,
              ${at('TRUE', 'nation')},
              ${at('s.region_code = CAST(:region AS text)', 'region')},
              ${at('s.department_code = CAST(:department AS text)', 'department')}
         FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
         CROSS JOIN ${ITEMS}
        WHERE sub.campaign_year = :year AND ${PEER_POPULATION} AND s.category_code = :category
        GROUP BY i.code`,
      {
        year,
        category: categoryCode,
        region: territory.regionCode,
        department: territory.departmentCode,
        items: itemsParameter(items),
      },
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const counts = new Map<string, PracticePeerCount[]>();
    for (const item of items) {
      // No peer at all in the category: every group is empty (and shown as too small).
      const r = byCode.get(item.code) ?? EMPTY;
      const groups: PracticePeerCount[] = [
        { level: 'NATION', territoryCode: 'FR', answered: r.n_nation, held: r.held_nation },
      ];
      if (territory.regionCode) {
        groups.push({
          level: 'REGION',
          territoryCode: territory.regionCode,
          answered: r.n_region,
          held: r.held_region,
        });
      }
      if (territory.departmentCode) {
        groups.push({
          level: 'DEPARTMENT',
          territoryCode: territory.departmentCode,
          answered: r.n_department,
          held: r.held_department,
        });
      }
      counts.set(item.code, groups);
    }
    return counts;
  }
}
