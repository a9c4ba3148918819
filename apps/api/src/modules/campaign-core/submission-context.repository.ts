import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubmissionStatusCode, ValueMap } from '@tdb/contracts';
import { DomainError } from '../../common/errors/domain-error';

/** A submission joined with its structure (what every submission route needs). */
export interface SubmissionRow {
  campaign_year: number;
  finess: string;
  in_scope: boolean;
  scope_reason: string | null;
  status: SubmissionStatusCode;
  consulted_by_cd: boolean;
  reopened_by_authority: boolean;
  values: ValueMap;
  completeness: string;
  blocking_errors: number;
  version: number;
  updated_at: Date;
  name: string;
  category_code: string;
  og_finess: string;
  og_name: string | null;
  department_code: string;
  region_code: string;
  competence: 'ARS' | 'CD' | 'SHARED';
  /** The current extension of the entry granted by the authority (ADR 0011), if any. */
  extended_until: string | null;
  extension_reason: string | null;
  extension_by: string | null;
  extension_authority: string | null;
  extension_granted_at: Date | null;
}

const SUBMISSION_COLUMNS = `sub.campaign_year, sub.finess, sub.in_scope, sub.scope_reason, sub.status,
    sub.consulted_by_cd, sub.reopened_by_authority, sub.values, sub.completeness::text AS completeness,
    sub.blocking_errors, sub.version, sub.updated_at, s.name, s.category_code, s.og_finess,
    coalesce(og.name, og.short_name) AS og_name, s.department_code, s.region_code, s.competence,
    ext.until::text AS extended_until, ext.reason AS extension_reason, ext.granted_by_name AS extension_by,
    ext.authority_label AS extension_authority, ext.granted_at AS extension_granted_at`;

const SUBMISSION_FROM = `FROM submissions sub
  JOIN structures s ON s.finess = sub.finess
  LEFT JOIN managing_organisations og ON og.finess = s.og_finess
  LEFT JOIN submission_extensions ext
    ON ext.campaign_year = sub.campaign_year AND ext.finess = sub.finess AND ext.revoked_at IS NULL`;

export const SUBMISSION_SELECT = `SELECT ${SUBMISSION_COLUMNS}
  ${SUBMISSION_FROM}`;

/** SUBMISSION_SELECT with the OG-level values of the structure's OG (null when it has none yet). */
const SUBMISSION_WITH_OG_SELECT = `SELECT ${SUBMISSION_COLUMNS}, ogs.values AS og_values, ogs.version AS og_version
  ${SUBMISSION_FROM}
  LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess`;

/** The values an organisme gestionnaire enters once for all its structures. */
export interface OgValuesRow {
  values: ValueMap;
  version: number;
}

function notFound(year: number, finess: string): DomainError {
  return new DomainError('NOT_FOUND', `Aucune saisie de la structure ${finess} pour la campagne ${year}.`);
}

/**
 * The rows a decision on one submission starts from: the submission with its structure, and the
 * OG-level values of its organisme gestionnaire. Both run in the caller's transaction, locked
 * when the caller writes.
 */
@Injectable()
export class SubmissionContextRepository {
  /** The submission of a structure in the campaign, or a French 404. */
  async submission(
    manager: EntityManager,
    year: number,
    finess: string,
    lock: boolean,
  ): Promise<SubmissionRow> {
    const rows: SubmissionRow[] = await manager.query(
      `${SUBMISSION_SELECT} WHERE sub.campaign_year = $1 AND sub.finess = $2${lock ? ' FOR UPDATE OF sub' : ''}`,
      [year, finess],
    );
    const row = rows[0];
    if (!row) throw notFound(year, finess);
    return row;
  }

  /**
   * The submission (locked with `lock`) and its OG's values (not locked) in one round trip: what a
   * save or a page reads first.
   */
  async submissionWithOg(
    manager: EntityManager,
    year: number,
    finess: string,
    lock: boolean,
  ): Promise<{ submission: SubmissionRow; og: OgValuesRow }> {
    const rows: (SubmissionRow & { og_values: ValueMap | null; og_version: number | null })[] =
      await manager.query(
        `${SUBMISSION_WITH_OG_SELECT} WHERE sub.campaign_year = $1 AND sub.finess = $2${lock ? ' FOR UPDATE OF sub' : ''}`,
        [year, finess],
      );
    const row = rows[0];
    if (!row) throw notFound(year, finess);
    const { og_values, og_version, ...submission } = row;
    return {
      submission,
      // og_version is null exactly when og_values is (no OG row yet: nothing entered at OG level).
      og:
        og_values === null
          ? { values: {}, version: 0 }
          : { values: og_values, version: og_version as number },
    };
  }

  /**
   * The OG-level values of the campaign (none, version 0, before the first entry). With `lock`, the
   * row is created if missing so that there is a row to lock: two writers of the same OG queue.
   */
  async ogValues(
    manager: EntityManager,
    year: number,
    ogFiness: string,
    lock: boolean,
  ): Promise<OgValuesRow> {
    if (lock) {
      await manager.query(
        `INSERT INTO og_submissions (campaign_year, og_finess) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [year, ogFiness],
      );
    }
    const rows: OgValuesRow[] = await manager.query(
      `SELECT values, version FROM og_submissions WHERE campaign_year = $1 AND og_finess = $2${lock ? ' FOR UPDATE' : ''}`,
      [year, ogFiness],
    );
    return rows[0] ?? { values: {}, version: 0 };
  }
}
