import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ValueHistoryEntry, ValueMap, ValueSource } from '@tdb/contracts';
import { parisToday } from '../../common/auth/access.service';
import { SUBMISSION_SELECT, type SubmissionRow } from '../campaign-core/submission-context';
import { changesJson, valueHistoryInsert } from './submission-parts.repository';

/** What a save changes of a submission's row (the rest of the row is as the write read it). */
export type WrittenSubmission = Pick<
  SubmissionRow,
  'status' | 'completeness' | 'blocking_errors' | 'version' | 'updated_at'
>;

/**
 * The `submissions` and `og_submissions` rows as entry reads and writes them: every statement runs
 * in the caller's transaction (an optimistic version guards each values write).
 */
@Injectable()
export class SubmissionRowsRepository {
  /** The submissions of an OG's ESMS in a campaign, optionally locked for a write. */
  ofOrganisation(
    manager: EntityManager,
    year: number,
    ogFiness: string,
    lock: boolean,
  ): Promise<SubmissionRow[]> {
    return manager.query(
      `${SUBMISSION_SELECT} WHERE sub.campaign_year = $1 AND s.og_finess = $2 ORDER BY s.name, s.finess${lock ? ' FOR UPDATE OF sub' : ''}`,
      [year, ogFiness],
    );
  }

  /**
   * The submissions of a structure in the campaigns not closed yet (their derived data follow a
   * category correction; a closed campaign keeps the figures it published), locked, oldest first.
   */
  async inOpenCampaigns(manager: EntityManager, finess: string): Promise<SubmissionRow[]> {
    return manager.query(
      `${SUBMISSION_SELECT} JOIN campaigns c ON c.year = sub.campaign_year
        WHERE sub.finess = $1 AND c.state <> 'CLOSED' ORDER BY sub.campaign_year FOR UPDATE OF sub`,
      [finess],
    );
  }

  async organisationName(manager: EntityManager, ogFiness: string): Promise<string | null> {
    const names: { name: string | null }[] = await manager.query(
      `SELECT coalesce(name, short_name) AS name FROM managing_organisations WHERE finess = $1`,
      [ogFiness],
    );
    return names[0]?.name ?? null;
  }

  /** Whether someone holds the entry of the OG itself; if nobody does, its ESMS enter the OG items. */
  async ogHasEntryAccounts(manager: EntityManager, ogFiness: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.organisation_kind = 'OG' AND g.organisation_code = $1 AND a.status <> 'DISABLED'
          AND (g.role = 'APE' OR (g.role = 'USER' AND 'ENTRY' = ANY (g.rights)))
          AND (g.valid_until IS NULL OR g.valid_until >= $2::date) LIMIT 1`,
      [ogFiness, parisToday()],
    );
    return rows.length > 0;
  }

  /** The values of the latest earlier campaign (the ESMS's and its OG's), or no year. */
  async previousValues(
    manager: EntityManager,
    year: number,
    finess: string,
    ogFiness: string,
  ): Promise<{ year: number | null; values: ValueMap }> {
    const rows: { year: number; values: ValueMap | null; og_values: ValueMap | null }[] = await manager.query(
      `SELECT c.year, sub.values, ogs.values AS og_values
         FROM campaigns c
         LEFT JOIN submissions sub ON sub.campaign_year = c.year AND sub.finess = $2
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = c.year AND ogs.og_finess = $3
        WHERE c.year < $1 ORDER BY c.year DESC LIMIT 1`,
      [year, finess, ogFiness],
    );
    const row = rows[0];
    if (!row) return { year: null, values: {} };
    return { year: row.year, values: { ...(row.values ?? {}), ...(row.og_values ?? {}) } };
  }

  /** The last 500 changes of a structure's values (its own and its OG's), newest first. */
  async history(
    manager: EntityManager,
    year: number,
    finess: string,
    ogFiness: string,
    itemCode: string | undefined,
  ): Promise<ValueHistoryEntry[]> {
    const rows: {
      item_code: string;
      old_value: ValueHistoryEntry['oldValue'];
      new_value: ValueHistoryEntry['newValue'];
      source: ValueSource;
      actor_name: string;
      at: Date;
    }[] = await manager.query(
      `SELECT item_code, old_value, new_value, source, actor_name, at FROM value_history
        WHERE campaign_year = $1
          AND ((holder_finess = $2 AND NOT og_level) OR (holder_finess = $3 AND og_level))
          AND ($4::text IS NULL OR item_code = $4)
        ORDER BY at DESC, id DESC LIMIT 500`,
      [year, finess, ogFiness, itemCode ?? null],
    );
    return rows.map((r) => ({
      itemCode: r.item_code,
      oldValue: r.old_value,
      newValue: r.new_value,
      source: r.source,
      actorName: r.actor_name,
      at: new Date(r.at).toISOString(),
    }));
  }

  /** Writes a structure's values if its version is still `version`; returns the new version, or null when stale. */
  /**
   * Writes a structure's values at the expected `version`, with the history of the `changes`, in
   * one statement (a save's round trips are its latency at the deadline): the row's fields the
   * write changed, as a read would give them, or null when another write came first (optimistic
   * concurrency; no history is written then).
   */
  async saveValues(
    manager: EntityManager,
    write: {
      year: number;
      finess: string;
      values: ValueMap;
      status: string;
      completeness: number;
      blockingErrors: number;
      by: { id: string | null; name: string; ipAddress?: string | null };
      version: number;
      changes: readonly { code: string; old: unknown; new: unknown }[];
      source: ValueSource;
    },
  ): Promise<WrittenSubmission | null> {
    const updated: WrittenSubmission[][] | WrittenSubmission[] = await manager.query(
      `WITH written AS (
         UPDATE submissions SET values = $3, status = $4, completeness = $5, blocking_errors = $6,
                version = version + 1, updated_at = now(), updated_by = $7
          WHERE campaign_year = $1 AND finess = $2 AND version = $8
          RETURNING status, completeness::text AS completeness, blocking_errors, version, updated_at),
       history AS (
         ${valueHistoryInsert(['$1', '$2', 'false', '$9', '$7', '$10', '$11', '$12'])}
          WHERE EXISTS (SELECT 1 FROM written))
       SELECT * FROM written`,
      [
        write.year,
        write.finess,
        JSON.stringify(write.values),
        write.status,
        write.completeness,
        write.blockingErrors,
        write.by.id,
        write.version,
        write.source,
        write.by.name,
        changesJson(write.changes),
        write.by.ipAddress ?? null,
      ],
    );
    const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as WrittenSubmission[];
    return rows[0] ?? null;
  }

  async saveOgValues(
    manager: EntityManager,
    year: number,
    ogFiness: string,
    values: ValueMap,
    by: string | null,
  ) {
    await manager.query(
      `UPDATE og_submissions SET values = $3, version = version + 1, updated_at = now(), updated_by = $4
        WHERE campaign_year = $1 AND og_finess = $2`,
      [year, ogFiness, JSON.stringify(values), by],
    );
  }

  /** Keeps a structure's stored completeness in step when its OG's items change. */
  async setEvaluation(
    manager: EntityManager,
    year: number,
    finess: string,
    completeness: number,
    blockingErrors: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE submissions SET completeness = $3, blocking_errors = $4 WHERE campaign_year = $1 AND finess = $2`,
      [year, finess, completeness, blockingErrors],
    );
  }

  /** The status after a transition of the status machine (a new version). */
  async setStatus(
    manager: EntityManager,
    year: number,
    finess: string,
    next: { status: string; consultedByCd: boolean; reopenedByAuthority: boolean },
    validating: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE submissions SET status = $3, consulted_by_cd = $4, reopened_by_authority = $5, version = version + 1,
              validated_at = CASE WHEN $3 = 'VALIDATED' AND $6 THEN now() ELSE validated_at END, updated_at = now()
        WHERE campaign_year = $1 AND finess = $2`,
      [year, finess, next.status, next.consultedByCd, next.reopenedByAuthority, validating],
    );
  }
}
