import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ValueMap } from '@tdb/contracts';
import { returningRows } from '../../database/returning-rows';

/** A submission with the register values of its items and the marks of its prefilled items. */
export interface PrefillCandidate {
  finess: string;
  category_code: string;
  og_finess: string;
  values: ValueMap;
  version: number;
  register: Record<string, { source: string; value: number; date: string }>;
  marks: Record<string, { value: unknown; date: string }> | null;
}

export interface PrefillWrite {
  finess: string;
  /** The version read: a submission saved meanwhile is left for the next prefill. */
  version: number;
  patch: ValueMap;
  completeness: number;
  blocking: number;
  items: { item_code: string; source: string; source_date: string; value: number; old: unknown }[];
}

/** A register value of a structure's item, with the mark of its prefill in a campaign. */
export interface RegisterValueRowOfStructure {
  item_code: string;
  source: string;
  value: unknown;
  source_date: string;
  prefilled_value: unknown;
  prefilled_source_date: string | null;
}

/** The SQL of the prefill: candidates read in one statement, writes by JSON batches. */
@Injectable()
export class RegisterPrefillRepository {
  async candidates(
    manager: EntityManager,
    year: number,
    items: readonly string[],
    finessList: readonly string[],
  ): Promise<PrefillCandidate[]> {
    return manager.query(
      `SELECT s.finess, st.category_code, st.og_finess, s.values, s.version,
              jsonb_object_agg(rv.item_code, jsonb_build_object(
                'source', rv.source, 'value', rv.value, 'date', to_char(rv.source_date, 'YYYY-MM-DD'))) AS register,
              (SELECT jsonb_object_agg(p.item_code, jsonb_build_object(
                        'value', p.value, 'date', to_char(p.source_date, 'YYYY-MM-DD')))
                 FROM submission_prefills p
                WHERE p.campaign_year = s.campaign_year AND p.finess = s.finess) AS marks
         FROM submissions s
         JOIN structures st ON st.finess = s.finess
         JOIN register_values rv ON rv.finess = s.finess AND rv.item_code = ANY($2)
        WHERE s.campaign_year = $1 AND s.in_scope AND s.finess = ANY($3)
        GROUP BY s.campaign_year, s.finess, st.category_code, st.og_finess, s.values, s.version`,
      [year, items, finessList],
    );
  }

  /** The submissions of the campaign whose structure has register values. */
  async withRegisterValues(manager: EntityManager, year: number): Promise<string[]> {
    const rows: { finess: string }[] = await manager.query(
      `SELECT s.finess FROM submissions s
        WHERE s.campaign_year = $1 AND s.in_scope
          AND EXISTS (SELECT 1 FROM register_values rv WHERE rv.finess = s.finess)
        ORDER BY s.finess`,
      [year],
    );
    return rows.map((r) => r.finess);
  }

  async ogValues(
    manager: EntityManager,
    year: number,
    ogs: readonly string[],
  ): Promise<Map<string, ValueMap>> {
    const rows: { og_finess: string; values: ValueMap }[] = await manager.query(
      `SELECT og_finess, values FROM og_submissions WHERE campaign_year = $1 AND og_finess = ANY($2)`,
      [year, ogs],
    );
    return new Map(rows.map((r) => [r.og_finess, r.values]));
  }

  /**
   * Values, completeness, marks and history of a batch of prefilled submissions; returns the number
   * of submissions and items written (a submission whose version moved is skipped).
   */
  async write(
    manager: EntityManager,
    year: number,
    writes: readonly PrefillWrite[],
    actorName: string,
  ): Promise<{ submissions: number; items: number }> {
    if (writes.length === 0) return { submissions: 0, items: 0 };
    const updated = returningRows<{ finess: string }>(
      await manager.query(
        `UPDATE submissions s
          SET values = s.values || p.patch, completeness = p.completeness, blocking_errors = p.blocking,
              version = s.version + 1, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb)
              AS p(finess text, version integer, patch jsonb, completeness numeric, blocking integer)
        WHERE s.campaign_year = $1 AND s.finess = p.finess AND s.version = p.version
        RETURNING s.finess`,
        [year, JSON.stringify(writes.map(({ items: _items, ...rest }) => rest))],
      ),
    );
    const done = new Set(updated.map((r) => r.finess));
    const items = writes
      .filter((w) => done.has(w.finess))
      .flatMap((w) => w.items.map((i) => ({ finess: w.finess, ...i })));
    if (items.length === 0) return { submissions: 0, items: 0 };
    await manager.query(
      `INSERT INTO submission_prefills (campaign_year, finess, item_code, source, source_date, value)
       SELECT $1, i.finess, i.item_code, i.source, i.source_date, i.value
         FROM jsonb_to_recordset($2::jsonb) AS i(finess text, item_code text, source text, source_date date, value jsonb)
       ON CONFLICT (campaign_year, finess, item_code) DO UPDATE
         SET source = EXCLUDED.source, source_date = EXCLUDED.source_date, value = EXCLUDED.value,
             prefilled_at = now()`,
      [year, JSON.stringify(items)],
    );
    await manager.query(
      `INSERT INTO value_history (campaign_year, holder_finess, og_level, item_code, old_value, new_value, source, actor_name)
       SELECT $1, i.finess, false, i.item_code, i.old, i.value, 'REGISTER', $3
         FROM jsonb_to_recordset($2::jsonb) AS i(finess text, item_code text, value jsonb, old jsonb)`,
      [year, JSON.stringify(items), actorName],
    );
    return { submissions: done.size, items: items.length };
  }

  /** The register values of a structure's items, with their prefill in the campaign (one query). */
  async ofStructure(
    manager: EntityManager,
    year: number,
    finess: string,
  ): Promise<RegisterValueRowOfStructure[]> {
    return manager.query(
      `SELECT rv.item_code, rv.source, rv.value, to_char(rv.source_date, 'YYYY-MM-DD') AS source_date,
              p.value AS prefilled_value, to_char(p.source_date, 'YYYY-MM-DD') AS prefilled_source_date
         FROM register_values rv
         LEFT JOIN submission_prefills p
           ON p.campaign_year = $1 AND p.finess = rv.finess AND p.item_code = rv.item_code
        WHERE rv.finess = $2
        ORDER BY rv.item_code, rv.source`,
      [year, finess],
    );
  }
}
