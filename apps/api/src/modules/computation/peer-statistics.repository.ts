import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PeerReferences } from '@tdb/atypia';
import type { ValueMap } from '@tdb/contracts';
import type { TimeSlicer } from '../../common/concurrency/time-slicer';
import {
  MIN_GROUP_SIZE,
  PEER_POPULATION,
  type DepartmentGroup,
  type DistributionRow,
} from './peer-statistics';

/** Distribution rows written per statement (see storeDistributions). */
const STORE_CHUNK = 5_000;

/** The peers' statistics of a campaign: read from the indicators, stored as distributions and references. */
@Injectable()
export class PeerStatisticsRepository {
  /** How many structures are peers. */
  async population(manager: EntityManager, year: number): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM submissions sub WHERE sub.campaign_year = $1 AND ${PEER_POPULATION}`,
      [year],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * The peers' values of these indicators, sorted, per indicator, category and department. Each
   * peer's row is read once (its scalars, and the totals of the distribution indicators asked
   * for) and grouped here: expanding every row into key/value pairs in SQL to group and sort them
   * there cost PostgreSQL more than the whole grouping costs the API. The grouping runs in
   * `slicer`'s slices.
   */
  async departmentGroups(
    manager: EntityManager,
    year: number,
    codes: { scalars: readonly string[]; totals: readonly string[] },
    slicer: TimeSlicer,
  ): Promise<DepartmentGroup[]> {
    const rows: {
      category_code: string;
      region_code: string | null;
      department_code: string | null;
      scalars: Record<string, number>;
      totals: Record<string, number> | null;
    }[] = await manager.query(
      `SELECT s.category_code, s.region_code, s.department_code, si.scalars,
              ${
                codes.totals.length > 0
                  ? `(SELECT jsonb_object_agg(key, value -> 'total') FROM jsonb_each(si.distributions)
                       WHERE key = ANY ($2::text[]))`
                  : 'NULL'
              } AS totals
         FROM structure_indicators si
         JOIN submissions sub ON sub.campaign_year = si.campaign_year AND sub.finess = si.finess
         JOIN structures s ON s.finess = si.finess
        WHERE si.campaign_year = $1 AND ${PEER_POPULATION}`,
      codes.totals.length > 0 ? [year, codes.totals] : [year],
    );
    // Grouped by code, then by place: a row's place is one string, hashed once for all its codes.
    type Group = DepartmentGroup & { values: number[] };
    const groups = new Map<string, Map<string, Group>>();
    const add = (code: string, place: string, row: (typeof rows)[number], value: unknown) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return;
      let byPlace = groups.get(code);
      if (!byPlace) groups.set(code, (byPlace = new Map()));
      let group = byPlace.get(place);
      if (!group) {
        group = {
          code,
          categoryCode: row.category_code,
          regionCode: row.region_code,
          departmentCode: row.department_code,
          sorted: [],
          values: [],
        };
        byPlace.set(place, group);
      }
      group.values.push(value);
    };
    for (const row of rows) {
      const place = `${row.category_code}|${row.region_code}|${row.department_code}`;
      for (const code of codes.scalars) add(code, place, row, row.scalars[code]);
      if (row.totals) for (const code of codes.totals) add(code, place, row, row.totals[code]);
      if (slicer.due()) await slicer.yield();
    }
    const sorted: DepartmentGroup[] = [];
    for (const byPlace of groups.values()) {
      for (const { values, ...group } of byPlace.values()) {
        sorted.push({ ...group, sorted: Float64Array.from(values).sort() });
      }
      await slicer.pause();
    }
    return sorted;
  }

  /** The peers with the values of these items (own and OG-level): for rules that target an item. */
  async peersWithItems(
    manager: EntityManager,
    year: number,
    items: readonly string[],
  ): Promise<
    { finess: string; categoryCode: string; regionCode: string; departmentCode: string; values: ValueMap }[]
  > {
    const rows: {
      finess: string;
      category_code: string;
      region_code: string;
      department_code: string;
      values: ValueMap | null;
      og_values: ValueMap | null;
    }[] = await manager.query(
      `SELECT sub.finess, s.category_code, s.region_code, s.department_code,
              (SELECT jsonb_object_agg(k, sub.values -> k) FROM unnest($2::text[]) k WHERE sub.values ? k) AS values,
              (SELECT jsonb_object_agg(k, ogs.values -> k) FROM unnest($2::text[]) k WHERE ogs.values ? k) AS og_values
         FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
        WHERE sub.campaign_year = $1 AND ${PEER_POPULATION}`,
      [year, items],
    );
    return rows.map((r) => ({
      finess: r.finess,
      categoryCode: r.category_code,
      regionCode: r.region_code,
      departmentCode: r.department_code,
      values: { ...(r.values ?? {}), ...(r.og_values ?? {}) },
    }));
  }

  /**
   * Replaces the distributions of a campaign; groups under MIN_GROUP_SIZE are stored without
   * figures. Written STORE_CHUNK rows per statement, in `slicer`'s slices: a statement's
   * parameters are encoded at once, and all of them (≈ 100,000 rows nationally) held the event
   * loop for a few hundred ms.
   */
  async storeDistributions(
    manager: EntityManager,
    year: number,
    rows: readonly DistributionRow[],
    slicer: TimeSlicer,
  ): Promise<{ groups: number; suppressed: number }> {
    await manager.query(`DELETE FROM distributions WHERE campaign_year = $1`, [year]);
    const shown = (r: DistributionRow) => r.n >= MIN_GROUP_SIZE;
    const figure = <T>(r: DistributionRow, value: T): T | null => (shown(r) ? value : null);
    for (let start = 0; start < rows.length; start += STORE_CHUNK) {
      await slicer.pause();
      const chunk = rows.slice(start, start + STORE_CHUNK);
      await manager.query(
        `INSERT INTO distributions (campaign_year, category_code, level, territory_code, indicator_code,
                                    suppressed, n, mean, median, deciles, min, max)
         SELECT $1, r.category_code, r.level, r.territory_code, r.indicator_code, r.n IS NULL,
                r.n, r.mean, (r.deciles::float8[])[5], r.deciles::float8[], r.min, r.max
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[],
                       $8::text[], $9::float8[], $10::float8[])
             AS r(category_code, level, territory_code, indicator_code, n, mean, deciles, min, max)`,
        [
          year,
          chunk.map((r) => r.categoryCode),
          chunk.map((r) => r.level),
          chunk.map((r) => r.territoryCode),
          chunk.map((r) => r.indicatorCode),
          chunk.map((r) => figure(r, r.n)),
          chunk.map((r) => figure(r, r.mean)),
          chunk.map((r) => figure(r, `{${r.deciles.join(',')}}`)),
          chunk.map((r) => figure(r, r.min)),
          chunk.map((r) => figure(r, r.max)),
        ],
      );
    }
    const suppressed = rows.filter((r) => !shown(r)).length;
    return { groups: rows.length, suppressed };
  }

  async storeReferences(
    manager: EntityManager,
    year: number,
    population: number,
    references: PeerReferences,
    jobId: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO atypia_peer_references (campaign_year, population, groups, job_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (campaign_year) DO UPDATE SET population = $2, groups = $3, job_id = $4, computed_at = now()`,
      [year, population, JSON.stringify(references.groups), jobId],
    );
  }

  /** The job that last stored the references of a campaign (a resumed job does not redo them). */
  async referencesJob(manager: EntityManager, year: number): Promise<string | null | undefined> {
    const rows: { job_id: string | null }[] = await manager.query(
      `SELECT job_id FROM atypia_peer_references WHERE campaign_year = $1`,
      [year],
    );
    return rows[0] ? rows[0].job_id : undefined;
  }
}
