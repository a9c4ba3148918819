import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { supportAuthorities } from '@tdb/access';
import type {
  SupportMessageDto,
  SupportQuestionStatus,
  SupportQuestionSummary,
  SupportSide,
} from '@tdb/contracts';
import { structureFactsOf, type StructureFactsRow } from '../../common/auth/structure-facts';
import { namedQuery } from '../../database/named-query';
import { authorityName } from '../campaigns/authority-name';

/** A question joined with its structure (the facts its access decisions read) and its assignee. */
export interface QuestionRow extends StructureFactsRow {
  id: string;
  campaign_year: number;
  structure_name: string;
  subject: string;
  page_path: string | null;
  item_code: string | null;
  indicator_code: string | null;
  status: SupportQuestionStatus;
  asked_by: string | null;
  asked_by_name: string;
  asked_by_email: string | null;
  assigned_to: string | null;
  assigned_to_name: string | null;
  assigned_to_email: string | null;
  message_count: number;
  created_at: Date;
  first_answered_at: Date | null;
  updated_at: Date;
  version: number;
  faq_entry_id: string | null;
}

interface MessageRow {
  id: string;
  side: SupportSide;
  author_name: string;
  body: string;
  created_at: Date;
}

export interface StatsRow {
  kind: 'ARS' | 'CD';
  code: string;
  total: number;
  waiting: number;
  open: number;
  answered: number;
  median_hours: number | string | null;
  mean_hours: number | string | null;
}

/** The filters of the queue and of « Mes questions », checked by the DTO. */
export interface QuestionFilters {
  status?: SupportQuestionStatus;
  authority?: 'ARS' | 'CD';
  category?: string;
  item?: string;
  indicator?: string;
  finess?: string;
  assignedTo?: string;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toSummary(r: QuestionRow): SupportQuestionSummary {
  return {
    id: r.id,
    campaignYear: r.campaign_year,
    finess: r.finess.trim(),
    structureName: r.structure_name,
    categoryCode: r.category_code,
    subject: r.subject,
    pagePath: r.page_path,
    itemCode: r.item_code,
    indicatorCode: r.indicator_code,
    status: r.status,
    authorities: supportAuthorities(structureFactsOf(r)).map((a) => ({
      ...a,
      name: authorityName(a.kind, a.code),
    })),
    askedByName: r.asked_by_name,
    assignedToId: r.assigned_to,
    assignedToName: r.assigned_to_name,
    messageCount: r.message_count,
    createdAt: iso(r.created_at) as string,
    firstAnsweredAt: iso(r.first_answered_at),
    updatedAt: iso(r.updated_at) as string,
    version: r.version,
    faqEntryId: r.faq_entry_id,
  };
}

const SELECT = `SELECT q.id, q.campaign_year, q.finess, s.og_finess, s.department_code, s.region_code, s.competence,
       s.category_code, s.name AS structure_name, q.subject, q.page_path, q.item_code, q.indicator_code, q.status,
       q.asked_by, q.asked_by_name, ab.email AS asked_by_email, q.assigned_to,
       CASE WHEN aa.id IS NULL THEN NULL ELSE aa.first_name || ' ' || aa.last_name END AS assigned_to_name,
       aa.email AS assigned_to_email,
       (SELECT count(*)::int FROM support_messages m WHERE m.question_id = q.id) AS message_count,
       q.created_at, q.first_answered_at, q.updated_at, q.version,
       (SELECT f.id FROM faq_entries f WHERE f.source_question_id = q.id) AS faq_entry_id
  FROM support_questions q
  JOIN structures s ON s.finess = q.finess
  LEFT JOIN accounts ab ON ab.id = q.asked_by
  LEFT JOIN accounts aa ON aa.id = q.assigned_to`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `support_questions` and `support_messages`: the questions of the structures and their threads. */
@Injectable()
export class SupportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The structure a question is about, with its facts and name; null when unknown. */
  async structure(
    manager: EntityManager,
    finess: string,
  ): Promise<(StructureFactsRow & { name: string }) | null> {
    const rows: (StructureFactsRow & { name: string })[] = await manager.query(
      `SELECT finess, og_finess, department_code, region_code, competence, category_code, name
         FROM structures WHERE finess = $1`,
      [finess],
    );
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    q: {
      year: number;
      finess: string;
      subject: string;
      pagePath: string | null;
      itemCode: string | null;
      indicatorCode: string | null;
      askedBy: string | null;
      askedByName: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO support_questions (campaign_year, finess, subject, page_path, item_code, indicator_code, asked_by, asked_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [q.year, q.finess, q.subject, q.pagePath, q.itemCode, q.indicatorCode, q.askedBy, q.askedByName],
    );
    return (rows[0] as { id: string }).id;
  }

  /** One question of the campaign (locked for a change when `lock`); null for an unknown id. */
  async one(manager: EntityManager, year: number, id: string, lock = false): Promise<QuestionRow | null> {
    if (!UUID.test(id)) return null;
    if (lock) {
      await manager.query(`SELECT 1 FROM support_questions WHERE id = $1 FOR UPDATE`, [id]);
    }
    const rows: QuestionRow[] = await manager.query(`${SELECT} WHERE q.id = $1 AND q.campaign_year = $2`, [
      id,
      year,
    ]);
    return rows[0] ?? null;
  }

  async messages(manager: EntityManager, questionId: string): Promise<SupportMessageDto[]> {
    const rows: MessageRow[] = await manager.query(
      `SELECT id, side, author_name, body, created_at FROM support_messages WHERE question_id = $1
        ORDER BY created_at, id`,
      [questionId],
    );
    return rows.map((r) => ({
      id: r.id,
      side: r.side,
      authorName: r.author_name,
      body: r.body,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async addMessage(
    manager: EntityManager,
    questionId: string,
    message: { side: SupportSide; authorId: string | null; authorName: string; body: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO support_messages (question_id, side, author_id, author_name, body) VALUES ($1, $2, $3, $4, $5)`,
      [questionId, message.side, message.authorId, message.authorName, message.body],
    );
  }

  /** Sets the status (and, on a first answer, its time); bumps the version. */
  async update(
    manager: EntityManager,
    id: string,
    change: { status?: SupportQuestionStatus; answered?: boolean; assignedTo?: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE support_questions
          SET status = COALESCE($2, status),
              first_answered_at = CASE WHEN $3::boolean AND first_answered_at IS NULL THEN now() ELSE first_answered_at END,
              closed_at = CASE WHEN $2 = 'CLOSED' THEN now() WHEN $2 IS NULL THEN closed_at ELSE NULL END,
              assigned_to = CASE WHEN $4::boolean THEN $5::uuid ELSE assigned_to END,
              updated_at = now(), version = version + 1
        WHERE id = $1`,
      [
        id,
        change.status ?? null,
        change.answered ?? false,
        change.assignedTo !== undefined,
        change.assignedTo ?? null,
      ],
    );
  }

  /** A page of the questions within a scope condition on `s`, the new ones first. */
  async list(
    year: number,
    scope: { sql: string; parameters: Record<string, unknown> },
    filters: QuestionFilters,
    page: number,
    pageSize: number,
  ): Promise<{ rows: QuestionRow[]; total: number }> {
    const where = [`q.campaign_year = :year`, scope.sql];
    const parameters: Record<string, unknown> = { ...scope.parameters, year };
    if (filters.status) {
      where.push(`q.status = :status`);
      parameters['status'] = filters.status;
    }
    if (filters.authority) {
      where.push(`s.competence IN (:authority, 'SHARED')`);
      parameters['authority'] = filters.authority;
    }
    if (filters.category) {
      where.push(`s.category_code = :category`);
      parameters['category'] = filters.category;
    }
    if (filters.item) {
      where.push(`q.item_code = :item`);
      parameters['item'] = filters.item;
    }
    if (filters.indicator) {
      where.push(`q.indicator_code = :indicator`);
      parameters['indicator'] = filters.indicator;
    }
    if (filters.finess) {
      where.push(`q.finess = :finess`);
      parameters['finess'] = filters.finess;
    }
    if (filters.assignedTo) {
      where.push(`q.assigned_to::text = :assignedTo`);
      parameters['assignedTo'] = filters.assignedTo;
    }
    const condition = where.join(' AND ');
    const [count] = await namedQuery<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM support_questions q JOIN structures s ON s.finess = q.finess WHERE ${condition}`,
      parameters,
    );
    const rows = await namedQuery<QuestionRow>(
      this.dataSource,
      `${SELECT} WHERE ${condition}
        ORDER BY CASE q.status WHEN 'NEW' THEN 0 WHEN 'ANSWERED' THEN 1 ELSE 2 END, q.created_at DESC, q.id
        LIMIT :limit OFFSET :offset`,
      { ...parameters, limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { rows, total: count?.n ?? 0 };
  }

  /**
   * Per authority (ARS per region, Département per department) of the questions within a scope
   * condition on `s`: counts and hours to the first answer (median and mean of the answered ones).
   */
  stats(year: number, scope: { sql: string; parameters: Record<string, unknown> }): Promise<StatsRow[]> {
    const per = (kind: 'ARS' | 'CD', column: string) =>
      `SELECT '${kind}' AS kind, s.${column} AS code, count(*)::int AS total,
              (count(*) FILTER (WHERE q.status = 'NEW'))::int AS waiting,
              (count(*) FILTER (WHERE q.status <> 'CLOSED'))::int AS open,
              count(q.first_answered_at)::int AS answered,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q.first_answered_at - q.created_at) / 3600) AS median_hours,
              avg(extract(epoch FROM q.first_answered_at - q.created_at) / 3600) AS mean_hours
         FROM support_questions q JOIN structures s ON s.finess = q.finess
        WHERE q.campaign_year = :year AND s.competence IN ('${kind}', 'SHARED') AND ${scope.sql}
        GROUP BY s.${column}`;
    return namedQuery<StatsRow>(
      this.dataSource,
      `${per('ARS', 'region_code')} UNION ALL ${per('CD', 'department_code')} ORDER BY 1, 2`,
      { ...scope.parameters, year },
    );
  }

  /** Where to write about a new question: the authority's referents, else its active APRs. */
  async authorityRecipients(
    manager: EntityManager,
    kind: string,
    code: string,
    today: string,
  ): Promise<string[]> {
    const referents: { email: string }[] = await manager.query(
      `SELECT DISTINCT email FROM authority_referents WHERE organisation_kind = $1 AND organisation_code = $2`,
      [kind, code],
    );
    if (referents.length > 0) return referents.map((r) => r.email);
    const staff: { email: string }[] = await manager.query(
      `SELECT DISTINCT a.email FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.status = 'ACTIVE' AND g.organisation_kind = $1 AND g.organisation_code = $2 AND g.role = 'APR'
          AND (g.valid_from IS NULL OR g.valid_from <= $3::date) AND (g.valid_until IS NULL OR g.valid_until >= $3::date)`,
      [kind, code, today],
    );
    return staff.map((r) => r.email);
  }

  /** The active APR / CONTROLLER grants of an account on `today` (who may be assigned a question). */
  staffGrants(
    manager: EntityManager,
    accountId: string,
    today: string,
  ): Promise<{ organisation_kind: 'ARS' | 'CD'; organisation_code: string }[]> {
    if (!UUID.test(accountId)) return Promise.resolve([]);
    return manager.query(
      `SELECT g.organisation_kind, g.organisation_code FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.id = $1 AND a.status = 'ACTIVE' AND g.organisation_kind IN ('ARS', 'CD') AND g.role IN ('APR', 'CONTROLLER')
          AND (g.valid_from IS NULL OR g.valid_from <= $2::date) AND (g.valid_until IS NULL OR g.valid_until >= $2::date)`,
      [accountId, today],
    );
  }
}
