import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import { activeGrants, workflowRoleOf } from '@tdb/access';
import type {
  AtypiaDecisionResult,
  AtypiaMessageDto,
  AtypiaTableRow,
  AtypiaThread,
  ChangesSinceValidation,
  Paginated,
} from '@tdb/contracts';
import { findCategory, findDepartment } from '@tdb/reference';
import { STATUS_LABELS, type WorkflowRole } from '@tdb/submission-workflow';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { namedQuery } from '../../database/named-query';
import { AuditService } from '../audit/audit.service';
import { type CampaignRow } from '../campaign-core/campaign-row';
import { structureFactsOf } from '../campaign-core/structure-facts';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { SubmissionsService } from '../campaigns/submissions.service';
import { MailService } from '../mail/mail.service';
import { FLAG_COLUMNS, toFlagDto, type FlagRow } from '../computation/atypia-flags.repository';
import type { AtypiaDecisionBody, AtypiaMessageBody, AtypiaTableFilters } from './dto/atypia-review.dto';

/** A flag joined with its structure, submission and assignment (alias f, sub, s, fa, ca). */
export interface TableRowSql extends FlagRow {
  accepted_value: number | null;
  name: string;
  category_code: string;
  department_code: string;
  region_code: string;
  og_finess: string;
  competence: 'ARS' | 'CD' | 'SHARED';
  submission_status: string;
  submission_version: number;
  consulted_by_cd: boolean;
  reopened_by_authority: boolean;
  in_scope: boolean;
  controller_id: string | null;
  controller_name: string | null;
  priority: number;
  messages: number;
  total?: string;
}

export const TABLE_SELECT = `SELECT ${FLAG_COLUMNS}, f.accepted_value, s.name, s.category_code, s.department_code,
    s.region_code, s.og_finess, s.competence, sub.status AS submission_status, sub.version AS submission_version,
    sub.consulted_by_cd, sub.reopened_by_authority, sub.in_scope,
    fa.controller_id, ca.first_name || ' ' || ca.last_name AS controller_name, coalesce(fa.priority, 0)::int AS priority,
    (SELECT count(*)::int FROM atypia_messages m WHERE m.flag_id = f.id) AS messages
  FROM atypia_flags f
  JOIN submissions sub ON sub.campaign_year = f.campaign_year AND sub.finess = f.finess
  JOIN structures s ON s.finess = f.finess
  LEFT JOIN fiabilisation_assignments fa ON fa.campaign_year = f.campaign_year AND fa.finess = f.finess
  LEFT JOIN accounts ca ON ca.id = fa.controller_id`;

const SEVERITY_RANK = `CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`;

const FLAG_STATUS_LABELS: Record<string, string> = {
  OPEN: 'À examiner',
  JUSTIFIED: 'Justifié',
  ACCEPTED: 'Accepté',
  TO_CORRECT: 'À corriger',
  RESOLVED: 'Résolu',
};
const SEVERITY_LABELS: Record<string, string> = { high: 'Forte', medium: 'Moyenne', low: 'Faible' };

const DECIDERS: readonly WorkflowRole[] = ['NATIONAL_ADMIN', 'ARS_CONTROLLER', 'CD_CONTROLLER'];
const JUSTIFIERS: readonly WorkflowRole[] = ['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION'];

export function toTableRow(row: TableRowSql): AtypiaTableRow {
  return {
    ...toFlagDto(row),
    structureName: row.name,
    categoryCode: row.category_code,
    categoryLabel: findCategory(row.category_code)?.shortLabel ?? row.category_code,
    departmentCode: row.department_code,
    regionCode: row.region_code,
    submissionStatus: row.submission_status,
    controllerId: row.controller_id,
    controllerName: row.controller_name,
    priority: Number(row.priority),
    messages: Number(row.messages),
  };
}

const sentence = (text: string): string => {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/**
 * The review of atypia flags by ARS and CD (domain README §8): the table over one's scope, the
 * thread of a flag (justification of the structure, comments, decisions), decisions on many flags
 * at once (TO_CORRECT sends a validated submission back through the status machine), and what
 * changed since a submission was validated.
 */
@Injectable()
export class AtypiaReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionsService,
  ) {}

  campaignRow(year: number, manager?: EntityManager): Promise<CampaignRow> {
    return this.campaigns.row(year, manager);
  }

  // ---------------------------------------------------------------------------------------------
  // The table

  private tableCondition(
    actor: AuthenticatedActor,
    year: number,
    query: AtypiaTableFilters,
  ): { sql: string; parameters: Record<string, unknown> } {
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const filters: string[] = ['f.campaign_year = :year', scope.sql];
    const parameters: Record<string, unknown> = { ...scope.parameters, year };
    const status = query.status;
    if (!status) filters.push(`f.status <> 'RESOLVED'`);
    else if (status !== 'ALL') {
      filters.push('f.status = :status');
      parameters['status'] = status;
    }
    if (query.department) {
      filters.push('s.department_code = :department');
      parameters['department'] = query.department;
    }
    if (query.category) {
      filters.push('s.category_code = :category');
      parameters['category'] = query.category;
    }
    if (query.ruleCode) {
      filters.push('f.rule_code = :ruleCode');
      parameters['ruleCode'] = query.ruleCode;
    }
    if (query.severity) {
      filters.push('f.severity = :severity');
      parameters['severity'] = query.severity;
    }
    if (query.mine || query.view === 'mine') {
      filters.push('fa.controller_id::text = :me');
      parameters['me'] = actor.accountId;
    }
    if (query.priorityOnly) {
      const national = activeGrants(actor, parisToday()).some((g) => g.role === 'NATIONAL_ADMIN');
      const mine = [
        ...new Set(
          activeGrants(actor, parisToday())
            .filter((g) => g.organisation.kind === 'ARS' || g.organisation.kind === 'CD')
            .map((g) => `${g.organisation.kind}:${g.organisation.code}`),
        ),
      ];
      const authority = national
        ? 'TRUE'
        : mine.length > 0
          ? `(p.organisation_kind || ':' || p.organisation_code) IN (:...myAuthorities)`
          : 'FALSE';
      if (!national && mine.length > 0) parameters['myAuthorities'] = mine;
      filters.push(`(coalesce(fa.priority, 0) > 0 OR EXISTS (
        SELECT 1 FROM fiabilisation_priorities p
         WHERE p.campaign_year = f.campaign_year AND ${authority}
           AND ((p.organisation_kind = 'ARS' AND p.organisation_code = s.region_code AND s.competence IN ('ARS', 'SHARED'))
             OR (p.organisation_kind = 'CD' AND p.organisation_code = s.department_code AND s.competence IN ('CD', 'SHARED')))
           AND (f.rule_code = ANY (p.rule_codes) OR (f.target_kind = 'indicator' AND f.target_code = ANY (p.indicator_codes)))))`);
    }
    return { sql: filters.join(' AND '), parameters };
  }

  private orderBy(query: AtypiaTableFilters): string {
    const desc = query.order === 'desc';
    const dir = (ascByDefault: boolean) => ((ascByDefault ? !desc : desc) ? 'ASC' : 'DESC');
    const sort = query.sort ?? 'priority';
    const tail = 's.name, s.finess, f.rule_code, f.id';
    switch (sort) {
      case 'structure':
        return `s.name ${dir(true)}, s.finess, f.rule_code, f.id`;
      case 'rule':
        return `f.rule_code ${dir(true)}, ${tail}`;
      case 'value':
        return `f.value ${query.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${tail}`;
      case 'updatedAt':
        return `f.updated_at ${query.order === 'asc' ? 'ASC' : 'DESC'}, ${tail}`;
      default:
        return `coalesce(fa.priority, 0) ${query.order === 'asc' ? 'ASC' : 'DESC'}, ${SEVERITY_RANK}, ${tail}`;
    }
  }

  async table(
    actor: AuthenticatedActor,
    year: number,
    query: AtypiaTableFilters & { page?: number; pageSize?: number },
  ): Promise<Paginated<AtypiaTableRow>> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaignRow(year);
    const condition = this.tableCondition(actor, year, query);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const rows = await namedQuery<TableRowSql>(
      this.dataSource,
      `${TABLE_SELECT.replace('SELECT ', 'SELECT count(*) OVER () AS total, ')}
        WHERE ${condition.sql} ORDER BY ${this.orderBy(query)} LIMIT :limit OFFSET :offset`,
      { ...condition.parameters, limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { items: rows.map(toTableRow), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  async workbook(actor: AuthenticatedActor, year: number, query: AtypiaTableFilters): Promise<Buffer> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaignRow(year);
    const condition = this.tableCondition(actor, year, query);
    const rows = await namedQuery<TableRowSql>(
      this.dataSource,
      `${TABLE_SELECT} WHERE ${condition.sql} ORDER BY ${this.orderBy(query)} LIMIT 100000`,
      condition.parameters,
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(`Atypies ${year}`);
    sheet.addRow([...ATYPIA_HEADERS]).font = { bold: true };
    sheet.getColumn(1).numFmt = '@';
    for (const r of rows.map(toTableRow)) {
      sheet.addRow([
        r.finess,
        r.structureName,
        r.categoryLabel,
        `${r.departmentCode} ${findDepartment(r.departmentCode)?.name ?? ''}`.trim(),
        r.regionCode,
        STATUS_LABELS[r.submissionStatus as keyof typeof STATUS_LABELS] ?? r.submissionStatus,
        r.ruleCode,
        r.ruleLabel,
        SEVERITY_LABELS[r.severity] ?? r.severity,
        r.targetCode,
        r.value,
        r.message,
        FLAG_STATUS_LABELS[r.status] ?? r.status,
        r.controllerName ?? '',
        r.priority,
        r.messages,
        new Date(r.updatedAt),
      ]);
    }
    sheet.getColumn(17).numFmt = 'dd/mm/yyyy hh:mm';
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    ATYPIA_HEADERS.forEach(
      (_, i) => (sheet.getColumn(i + 1).width = i === 1 || i === 7 || i === 11 ? 45 : 16),
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  // ---------------------------------------------------------------------------------------------
  // The thread of one flag

  private async flagRow(
    manager: EntityManager,
    year: number,
    flagId: string,
    lock = false,
  ): Promise<TableRowSql> {
    const rows: TableRowSql[] = await manager.query(
      `${TABLE_SELECT} WHERE f.campaign_year = $1 AND f.id = $2${lock ? ' FOR UPDATE OF f' : ''}`,
      [year, flagId],
    );
    const row = rows[0];
    if (!row) throw new DomainError('NOT_FOUND', `Signalement introuvable pour la campagne ${year}.`);
    return row;
  }

  private async messagesOf(manager: EntityManager, flagId: string): Promise<AtypiaMessageDto[]> {
    const rows: {
      id: string;
      kind: AtypiaMessageDto['kind'];
      decision: AtypiaMessageDto['decision'];
      body: string;
      author_name: string;
      at: Date;
    }[] = await manager.query(
      `SELECT id, kind, decision, body, author_name, at FROM atypia_messages WHERE flag_id = $1 ORDER BY at, id`,
      [flagId],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      decision: r.decision,
      body: r.body,
      authorName: r.author_name,
      at: new Date(r.at).toISOString(),
    }));
  }

  private describe(
    actor: AuthenticatedActor,
    row: TableRowSql,
    messages: AtypiaMessageDto[],
    campaign: CampaignRow,
  ): AtypiaThread {
    const role = workflowRoleOf(actor, structureFactsOf(row), parisToday());
    const open = row.status !== 'RESOLVED' && campaign.state === 'OPEN';
    return {
      flag: toTableRow(row),
      messages,
      canJustify: open && role !== null && JUSTIFIERS.includes(role),
      canDecide: open && role !== null && DECIDERS.includes(role),
    };
  }

  async thread(actor: AuthenticatedActor, year: number, flagId: string): Promise<AtypiaThread> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const campaign = await this.campaignRow(year, manager);
      const row = await this.flagRow(manager, year, flagId);
      this.access.check(actor, { type: 'submission.read', structure: structureFactsOf(row) });
      return this.describe(actor, row, await this.messagesOf(manager, flagId), campaign);
    });
  }

  /** The structure's justification (OPEN / TO_CORRECT → JUSTIFIED) or a reviewer's comment. */
  async postMessage(
    actor: AuthenticatedActor,
    year: number,
    flagId: string,
    body: AtypiaMessageBody,
  ): Promise<AtypiaThread> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaignRow(year, manager);
      const row = await this.flagRow(manager, year, flagId, true);
      const facts = structureFactsOf(row);
      this.access.check(actor, { type: 'submission.read', structure: facts });
      const role = workflowRoleOf(actor, facts, parisToday());
      const justification = role !== null && JUSTIFIERS.includes(role);
      if (!justification && !(role !== null && DECIDERS.includes(role))) {
        throw new DomainError(
          'FORBIDDEN',
          'Votre profil permet de lire ce signalement, pas de le justifier ni de le commenter.',
        );
      }
      if (body.version !== undefined && body.version !== row.version) {
        throw this.staleFlags([{ id: row.id, sent: body.version, current: row.version, status: row.status }]);
      }
      if (campaign.state !== 'OPEN') {
        throw new DomainError(
          'CONFLICT',
          `La campagne ${year} n'est pas ouverte : le fil est en lecture seule.`,
        );
      }
      if (row.status === 'RESOLVED') {
        throw new DomainError('CONFLICT', 'Ce signalement est résolu : la règle ne se déclenche plus.');
      }
      const by = await actorRef(manager, actor);
      await manager.query(
        `INSERT INTO atypia_messages (flag_id, kind, body, author_id, author_name) VALUES ($1, $2, $3, $4, $5)`,
        [flagId, justification ? 'JUSTIFICATION' : 'COMMENT', body.body.trim(), by.id, by.name],
      );
      const justifies = justification && (row.status === 'OPEN' || row.status === 'TO_CORRECT');
      await manager.query(
        `UPDATE atypia_flags SET status = CASE WHEN $2 THEN 'JUSTIFIED' ELSE status END,
                version = version + CASE WHEN $2 THEN 1 ELSE 0 END, updated_at = now() WHERE id = $1`,
        [flagId, justifies],
      );
      return this.describe(
        actor,
        await this.flagRow(manager, year, flagId),
        await this.messagesOf(manager, flagId),
        campaign,
      );
    });
  }

  private staleFlags(stale: { id: string; sent: number; current: number; status: string }[]): DomainError {
    return new DomainError(
      'STALE_VERSION',
      stale.length === 1
        ? "Le signalement a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert : rien n'a été enregistré."
        : `${stale.length} signalements ont été modifiés par quelqu'un d'autre depuis que vous les avez ouverts : rien n'a été enregistré.`,
      stale.map((s) => ({ field: s.id, message: `Version ${s.sent} lue, version actuelle ${s.current}.` })),
      `Stale atypia flags ${stale.map((s) => s.id).join(', ')}`,
      { current: stale.map((s) => ({ id: s.id, version: s.current, status: s.status })) },
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Decisions

  async decide(
    actor: AuthenticatedActor,
    year: number,
    body: AtypiaDecisionBody,
  ): Promise<AtypiaDecisionResult> {
    const emailIds: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaignRow(year, manager);
      const rows: TableRowSql[] = await manager.query(
        `${TABLE_SELECT} WHERE f.campaign_year = $1 AND f.id = ANY ($2::uuid[]) ORDER BY s.name, f.rule_code
          FOR UPDATE OF f, sub`,
        [year, body.flagIds],
      );
      const today = parisToday();
      // 1. Access, before anything else: every flag in scope, with a deciding role.
      const refused = rows.filter((r) => {
        const role = workflowRoleOf(actor, structureFactsOf(r), today);
        return role === null || !DECIDERS.includes(role);
      });
      if (refused.length > 0) {
        throw new DomainError(
          'FORBIDDEN',
          refused.length === 1
            ? `Vous ne pouvez pas décider de ce signalement (${refused[0]?.name}) : hors de votre périmètre ou de vos droits.`
            : `Vous ne pouvez pas décider de ${refused.length} de ces signalements : hors de votre périmètre ou de vos droits.`,
          refused.map((r) => ({ field: r.id, message: `${r.name} (${r.finess.trim()}) : ${r.rule_label}` })),
        );
      }
      // 2. Existence, versions, state.
      const found = new Set(rows.map((r) => r.id));
      const missing = body.flagIds.filter((id) => !found.has(id));
      if (missing.length > 0) {
        throw new DomainError(
          'NOT_FOUND',
          missing.length === 1
            ? `Signalement introuvable pour la campagne ${year}.`
            : `${missing.length} signalements introuvables pour la campagne ${year}.`,
          missing.map((id) => ({ field: id, message: 'Signalement introuvable.' })),
        );
      }
      const stale = rows
        .filter((r) => body.versions?.[r.id] !== undefined && body.versions[r.id] !== r.version)
        .map((r) => ({
          id: r.id,
          sent: Number(body.versions?.[r.id]),
          current: r.version,
          status: r.status,
        }));
      if (stale.length > 0) throw this.staleFlags(stale);
      if (campaign.state !== 'OPEN') {
        throw new DomainError(
          'CONFLICT',
          `La campagne ${year} n'est pas ouverte : aucune décision possible.`,
        );
      }
      const resolved = rows.filter((r) => r.status === 'RESOLVED');
      if (resolved.length > 0) {
        throw new DomainError(
          'CONFLICT',
          'Un signalement résolu (la règle ne se déclenche plus) ne se décide pas : retirez-le de la sélection.',
          resolved.map((r) => ({ field: r.id, message: `${r.name} : ${r.rule_label}` })),
        );
      }
      const by = await actorRef(manager, actor);
      const comment = body.comment.trim();
      // 3. TO_CORRECT: validated submissions go back to the structure through the status machine.
      const invalidated: string[] = [];
      if (body.decision === 'TO_CORRECT') {
        const bySubmission = new Map<string, TableRowSql[]>();
        for (const r of rows)
          bySubmission.set(r.finess.trim(), [...(bySubmission.get(r.finess.trim()) ?? []), r]);
        for (const [finess, flags] of bySubmission) {
          const first = flags[0] as TableRowSql;
          if (first.submission_status !== 'VALIDATED') continue;
          const reason = [
            sentence(comment),
            '',
            `Signalement${flags.length > 1 ? 's' : ''} d'atypie :`,
            ...flags.map((f) => `- ${f.rule_label} : ${f.message}`),
          ].join('\n');
          emailIds.push(
            ...(await this.submissions.transitionWithin(
              manager,
              actor,
              year,
              finess,
              { action: 'INVALIDATE', reason },
              { via: 'atypia.decide' },
            )),
          );
          invalidated.push(finess);
        }
      }
      // 4. The flags, their thread, the audit.
      await manager.query(
        `UPDATE atypia_flags SET status = $2, accepted_value = CASE WHEN $2 = 'ACCEPTED' THEN value ELSE accepted_value END,
                version = version + 1, updated_at = now()
          WHERE id = ANY ($1::uuid[])`,
        [rows.map((r) => r.id), body.decision],
      );
      await manager.query(
        `INSERT INTO atypia_messages (flag_id, kind, decision, body, author_id, author_name)
         SELECT id, 'DECISION', $2, $3, $4, $5 FROM unnest($1::uuid[]) AS id`,
        [rows.map((r) => r.id), body.decision, comment, by.id, by.name],
      );
      for (const r of rows) {
        await this.audit.record(manager, {
          actorId: by.id,
          actorEmail: actor.email,
          action: 'atypia.decide',
          targetType: 'atypia_flag',
          targetId: r.id,
          targetLabel: `${r.name} — ${r.rule_label}`,
          organisationKind: 'ESMS',
          organisationCode: r.finess.trim(),
          regionCode: r.region_code,
          departmentCode: r.department_code,
          competence: r.competence,
          details: {
            campaignYear: year,
            ruleCode: r.rule_code,
            decision: body.decision,
            from: r.status,
            value: r.value,
            comment,
            invalidated: invalidated.includes(r.finess.trim()),
          },
        });
      }
      const after: TableRowSql[] = await manager.query(
        `${TABLE_SELECT} WHERE f.id = ANY ($1::uuid[]) ORDER BY s.name, f.rule_code`,
        [rows.map((r) => r.id)],
      );
      return { decision: body.decision, flags: after.map(toTableRow), invalidated };
    });
    await this.mail.deliver(emailIds);
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // What changed since the validation

  async changesSinceValidation(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
  ): Promise<ChangesSinceValidation> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const context = await this.submissions.context(manager, actor, year, finess);
      const rows: { validated_at: Date | null }[] = await manager.query(
        `SELECT validated_at FROM submissions WHERE campaign_year = $1 AND finess = $2`,
        [year, finess],
      );
      const validatedAt = rows[0]?.validated_at ?? null;
      if (!validatedAt) return { validatedAt: null, count: 0, changes: [] };
      const changes: {
        item_code: string;
        old_value: unknown;
        new_value: unknown;
        actor_name: string;
        at: Date;
      }[] = await manager.query(
        `SELECT item_code, old_value, new_value, actor_name, at FROM value_history
          WHERE campaign_year = $1 AND at > $4
            AND ((holder_finess = $2 AND NOT og_level) OR (holder_finess = $3 AND og_level))
          ORDER BY at DESC, id DESC`,
        [year, finess, context.facts.ogFiness, validatedAt],
      );
      const labels = new Map(context.dictionary.items.map((i) => [i.code, i.label]));
      return {
        validatedAt: new Date(validatedAt).toISOString(),
        count: changes.length,
        changes: changes.map((c) => ({
          itemCode: c.item_code,
          itemLabel: labels.get(c.item_code) ?? c.item_code,
          oldValue: c.old_value,
          newValue: c.new_value,
          actorName: c.actor_name,
          at: new Date(c.at).toISOString(),
        })),
      };
    });
  }
}

export const ATYPIA_HEADERS = [
  'FINESS',
  'Structure',
  'Catégorie',
  'Département',
  'Région',
  'Statut de la saisie',
  'Code de la règle',
  'Règle',
  'Gravité',
  'Item ou indicateur',
  'Valeur',
  'Constat',
  'Statut du signalement',
  'Contrôleur',
  'Priorité',
  'Messages',
  'Mis à jour le',
] as const;
