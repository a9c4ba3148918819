import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type StructureFacts } from '@tdb/access';
import type {
  DomainCode,
  EntryAssignment,
  ReferentDto,
  TransitionDto as TransitionView,
  ValueMap,
  ValueSource,
} from '@tdb/contracts';
import { DOMAINS, evaluateSubmission } from '@tdb/dictionary';
import { findDepartment, findRegion } from '@tdb/reference';
import { ACTION_LABELS, type SubmissionAction } from '@tdb/submission-workflow';
import { parisToday } from '../../common/auth/access.service';
import { type SubmissionContext, type SubmissionRow } from '../campaign-core/submission-context';

/**
 * What a submission's page shows besides its values (transitions, referents, who enters what),
 * and the records a write leaves (value history, status transitions).
 */
/** A batch of value changes as the history statement reads them (one JSON parameter). */
export function changesJson(changes: readonly { code: string; old: unknown; new: unknown }[]): string {
  return JSON.stringify(changes.map((c) => ({ code: c.code, old_value: c.old, new_value: c.new })));
}

/**
 * The history rows of a batch of changes, one per item. `p`: the SQL expressions (placeholders) of
 * the year, the holder's FINESS, whether OG-level, the source, the actor's id and name, the changes
 * (`changesJson`) and the IP address.
 */
export function valueHistoryInsert(
  p: readonly [string, string, string, string, string, string, string, string],
): string {
  return `INSERT INTO value_history (campaign_year, holder_finess, og_level, item_code, old_value, new_value, source, actor_id, actor_name, ip_address)
       SELECT ${p[0]}, ${p[1]}, ${p[2]}, c.code, c.old_value, c.new_value, ${p[3]}, ${p[4]}, ${p[5]}, ${p[7]}
         FROM jsonb_to_recordset(${p[6]}::jsonb) AS c(code text, old_value jsonb, new_value jsonb)`;
}

@Injectable()
export class SubmissionPartsRepository {
  async transitionsOf(manager: EntityManager, year: number, finess: string): Promise<TransitionView[]> {
    const rows: {
      action: SubmissionAction;
      from_status: TransitionView['from'];
      to_status: TransitionView['to'];
      reason: string | null;
      actor_name: string;
      at: Date;
    }[] = await manager.query(
      `SELECT action, from_status, to_status, reason, actor_name, at FROM submission_transitions
        WHERE campaign_year = $1 AND finess = $2 ORDER BY at DESC, id DESC`,
      [year, finess],
    );
    return rows.map((r) => ({
      action: r.action,
      actionLabel: ACTION_LABELS[r.action],
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      actorName: r.actor_name,
      at: new Date(r.at).toISOString(),
    }));
  }

  /** The referents of the authorities competent for the structure. */
  async referentsOf(manager: EntityManager, facts: StructureFacts): Promise<ReferentDto[]> {
    const rows: {
      id: string;
      organisation_kind: 'ARS' | 'CD';
      organisation_code: string;
      name: string;
      email: string;
      phone: string | null;
      role_label: string | null;
    }[] = await manager.query(
      `SELECT id, organisation_kind, organisation_code, name, email, phone, role_label FROM authority_referents
        WHERE (organisation_kind = 'ARS' AND organisation_code = $1 AND $3 <> 'CD')
           OR (organisation_kind = 'CD' AND organisation_code = $2 AND $3 <> 'ARS')
        ORDER BY organisation_kind, name`,
      [facts.regionCode, facts.departmentCode, facts.competence],
    );
    return rows.map((r) => ({
      id: r.id,
      organisationKind: r.organisation_kind,
      organisationCode: r.organisation_code,
      organisationName:
        r.organisation_kind === 'ARS'
          ? `ARS ${findRegion(r.organisation_code)?.name ?? r.organisation_code}`
          : `Département ${findDepartment(r.organisation_code)?.name ?? r.organisation_code}`,
      name: r.name,
      email: r.email,
      phone: r.phone,
      roleLabel: r.role_label,
    }));
  }

  /** Who enters which domains (APE and USER grants of the ESMS and its OG), with their progress. */
  async assignments(
    manager: EntityManager,
    context: SubmissionContext,
    merged: ValueMap,
  ): Promise<EntryAssignment[]> {
    const rows: {
      account_id: string;
      name: string;
      email: string;
      role: string;
      rights: string[];
      entry_domains: DomainCode[] | null;
    }[] = await manager.query(
      `SELECT a.id AS account_id, a.first_name || ' ' || a.last_name AS name, a.email, g.role, g.rights, g.entry_domains
         FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.status <> 'DISABLED'
          AND ((g.organisation_kind = 'ESMS' AND g.organisation_code = $1) OR (g.organisation_kind = 'OG' AND g.organisation_code = $2))
          AND (g.role = 'APE' OR (g.role = 'USER' AND 'ENTRY' = ANY (g.rights)))
          AND (g.valid_until IS NULL OR g.valid_until >= $3::date)
        ORDER BY g.role, a.last_name, a.first_name`,
      [context.facts.finess, context.facts.ogFiness, parisToday()],
    );
    const byDomain = evaluateSubmission(context.dictionary, context.facts.categoryCode, merged).completeness
      .byDomain;
    return rows.map((r) => {
      const domains = r.role === 'APE' ? null : r.entry_domains;
      const parts = (domains ?? DOMAINS).map((d) => byDomain[d as DomainCode]);
      const filled = parts.reduce((sum, p) => sum + (p?.filled ?? 0), 0);
      const expected = parts.reduce((sum, p) => sum + (p?.expected ?? 0), 0);
      return {
        accountId: r.account_id,
        name: r.name,
        email: r.email,
        role: r.role === 'APE' ? 'APE' : r.rights.join(', '),
        domains,
        completeness: { filled, expected, ratio: expected === 0 ? 1 : filled / expected },
      };
    });
  }

  async recordHistory(
    manager: EntityManager,
    year: number,
    holder: string,
    ogLevel: boolean,
    changes: { code: string; old: unknown; new: unknown }[],
    source: ValueSource,
    by: { id: string | null; name: string; ipAddress?: string | null },
  ): Promise<void> {
    await manager.query(valueHistoryInsert(['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8']), [
      year,
      holder,
      ogLevel,
      source,
      by.id,
      by.name,
      changesJson(changes),
      by.ipAddress ?? null,
    ]);
  }

  async recordTransition(
    manager: EntityManager,
    submission: SubmissionRow,
    action: SubmissionAction,
    to: string,
    reason: string | null,
    by: { id: string | null; name: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO submission_transitions (campaign_year, finess, action, from_status, to_status, reason, actor_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [submission.campaign_year, submission.finess, action, submission.status, to, reason, by.id, by.name],
    );
  }

  /** Includes or excludes a submission from its campaign's scope (a new version). */
  async setScope(
    manager: EntityManager,
    year: number,
    finess: string,
    inScope: boolean,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE submissions SET in_scope = $3, scope_reason = $4, version = version + 1, updated_at = now()
        WHERE campaign_year = $1 AND finess = $2`,
      [year, finess, inScope, reason],
    );
  }
}
