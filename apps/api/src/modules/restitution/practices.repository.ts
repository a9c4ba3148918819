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

/**
 * The items read, as a JSON recordset: one parameter on both databases. A choice practice brings
 * the item's choices and the held ones (jsonb arrays), an integer practice its threshold.
 */
const ITEMS = `jsonb_to_recordset(CAST(:items AS jsonb))
                 AS i (code text, og boolean, type text, choices jsonb, held jsonb, threshold numeric)`;

/** The item's value of a row: the OG's for an OG-level item, the structure's own otherwise. */
const VALUE = `CASE WHEN i.og THEN ogs.values -> i.code ELSE sub.values -> i.code END`;

/**
 * Whether a jsonb string value is one of a jsonb array's strings. Containment rather than the `?`
 * operator, which a driver may take for a placeholder.
 */
const AMONG = (list: string) => `${list} @> jsonb_build_array(${VALUE})`;

/**
 * Whether the peer answered the practice: yes or no; always, for a date (none means not in place);
 * one of the item's choices; a number. Each CASE branch reads the value only once its type is known.
 */
const ANSWERED = `CASE i.type
  WHEN 'date' THEN TRUE
  WHEN 'boolean' THEN jsonb_typeof(${VALUE}) = 'boolean'
  WHEN 'choice' THEN CASE WHEN jsonb_typeof(${VALUE}) = 'string' THEN ${AMONG('i.choices')} ELSE FALSE END
  WHEN 'integer' THEN jsonb_typeof(${VALUE}) = 'number'
  ELSE FALSE END`;

/** Whether the peer has the practice: yes; a date given; a held choice; a number from the threshold. */
const HELD = `CASE i.type
  WHEN 'date' THEN jsonb_typeof(${VALUE}) = 'string' AND ${VALUE} #>> '{}' <> ''
  WHEN 'boolean' THEN ${VALUE} = 'true'::jsonb
  WHEN 'choice' THEN CASE WHEN jsonb_typeof(${VALUE}) = 'string' THEN ${AMONG('i.held')} ELSE FALSE END
  WHEN 'integer' THEN CASE WHEN jsonb_typeof(${VALUE}) = 'number'
                           THEN CAST(${VALUE} #>> '{}' AS numeric) >= i.threshold ELSE FALSE END
  ELSE FALSE END`;

const itemsParameter = (items: readonly PracticeItem[]) =>
  JSON.stringify(
    items.map((i) => {
      const item = { code: i.code, og: i.ogLevel, type: i.type };
      if (i.type === 'choice') {
        return { ...item, choices: i.choices.map((c) => c.code), held: i.heldChoices };
      }
      return i.type === 'integer' ? { ...item, threshold: i.threshold } : item;
    }),
  );

/**
 * The practices of the qualitative axes (O04–O06): a structure's own answers and, counted by
 * PostgreSQL, how many of its peers (PEER_POPULATION, same category) answered each practice and
 * have it, nationally, in its region and in its département. Only the few items asked are read.
 *
 * A yes/no practice counts the peers that answered yes or no; a dated practice counts every peer,
 * those with a date having it (no date: not in place); a choice practice counts the peers that
 * chose one of the item's choices, those with a held choice having it; an integer practice counts
 * the peers that gave a number, those at or over the threshold having it.
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
    const at = (condition: string, alias: string) =>
      `count(*) FILTER (WHERE ${condition} AND ${ANSWERED})::int AS n_${alias},
       count(*) FILTER (WHERE ${condition} AND ${HELD})::int AS held_${alias}`;
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
