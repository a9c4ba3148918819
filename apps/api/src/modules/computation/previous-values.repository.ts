import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ValueMap } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import { mergedValues } from '../campaign-core/submission-context';

/** Last campaign's entered values of structures (own and OG-level merged), for year-over-year rules. */
@Injectable()
export class PreviousValuesRepository {
  /** `items`: only these item codes (the rules read only their targets); all when null. */
  async ofStructures(
    manager: EntityManager,
    year: number,
    dictionary: Dictionary,
    finesses: readonly string[],
    items: readonly string[] | null = null,
  ): Promise<Map<string, { values: ValueMap }>> {
    const rows: { finess: string; values: ValueMap; og_values: ValueMap | null }[] = await manager.query(
      `SELECT sub.finess,
              CASE WHEN $3::text[] IS NULL THEN sub.values
                   ELSE (SELECT coalesce(jsonb_object_agg(k, sub.values -> k), '{}') FROM unnest($3::text[]) k WHERE sub.values ? k) END AS values,
              CASE WHEN $3::text[] IS NULL THEN ogs.values
                   ELSE (SELECT jsonb_object_agg(k, ogs.values -> k) FROM unnest($3::text[]) k WHERE ogs.values ? k) END AS og_values
         FROM submissions sub
         JOIN structures s ON s.finess = sub.finess
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
        WHERE sub.campaign_year = (SELECT max(year) FROM campaigns WHERE year < $1) AND sub.finess = ANY ($2::bpchar[])`,
      [year, finesses, items],
    );
    return new Map(
      rows.map((r) => [
        r.finess.trim(),
        { values: mergedValues(r.values, r.og_values ?? {}, dictionary, true) },
      ]),
    );
  }
}
