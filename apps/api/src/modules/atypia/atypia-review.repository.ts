import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { AtypiaMessageDto, ChangedValue } from '@tdb/contracts';
import { DomainError } from '../../common/errors/domain-error';
import { namedQuery } from '../../database/named-query';
import { SEVERITY_RANK, TABLE_SELECT, type TableRowSql } from './atypia-review-rows';
import type { AtypiaTableFilters } from './dto/atypia-review.dto';

interface MessageRow {
  id: string;
  kind: AtypiaMessageDto['kind'];
  decision: AtypiaMessageDto['decision'];
  body: string;
  author_name: string;
  at: Date;
}

/** A row of `value_history`: one item's change, as the "since the validation" list shows it. */
export interface ValueChangeRow {
  item_code: string;
  old_value: unknown;
  new_value: unknown;
  actor_name: string;
  at: Date;
}

const toMessageDto = (r: MessageRow): AtypiaMessageDto => ({
  id: r.id,
  kind: r.kind,
  decision: r.decision,
  body: r.body,
  authorName: r.author_name,
  at: new Date(r.at).toISOString(),
});

/** A change with its item's label (the code when the dictionary no longer has the item). */
export const toValueChange = (c: ValueChangeRow, labels: ReadonlyMap<string, string>): ChangedValue => ({
  itemCode: c.item_code,
  itemLabel: labels.get(c.item_code) ?? c.item_code,
  oldValue: c.old_value,
  newValue: c.new_value,
  actorName: c.actor_name,
  at: new Date(c.at).toISOString(),
});

/** A scope condition of AccessService on the structures (alias `s`). */
type ScopeCondition = { sql: string; parameters: Record<string, unknown> };

/**
 * Who reads the table: their account (the "mine" filter) and the authorities ("ARS:24", "CD:45"…)
 * whose priorities the "priority only" filter follows, 'ALL' for a national administrator.
 */
export interface TableViewer {
  accountId: string;
  authorities: readonly string[] | 'ALL';
}

function tableCondition(
  scope: ScopeCondition,
  year: number,
  query: AtypiaTableFilters,
  viewer: TableViewer,
): { sql: string; parameters: Record<string, unknown> } {
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
    parameters['me'] = viewer.accountId;
  }
  if (query.priorityOnly) {
    const national = viewer.authorities === 'ALL';
    const mine = viewer.authorities === 'ALL' ? [] : [...viewer.authorities];
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

function orderBy(query: AtypiaTableFilters): string {
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

/**
 * The review of atypia flags: the flags with their structure (TABLE_SELECT), their threads in
 * `atypia_messages`, the decisions written on them, and what a submission's values went through
 * since it was validated. Every method runs on the caller's manager (a transaction's locks and
 * snapshot) or, for the table, its data source.
 */
@Injectable()
export class AtypiaReviewRepository {
  /** One page of the table's flags within `scope` that match `query`, with the count of all. */
  tablePage(
    runner: DataSource | EntityManager,
    year: number,
    scope: ScopeCondition,
    query: AtypiaTableFilters,
    viewer: TableViewer,
    page: { limit: number; offset: number },
  ): Promise<TableRowSql[]> {
    const condition = tableCondition(scope, year, query, viewer);
    return namedQuery<TableRowSql>(
      runner,
      `${TABLE_SELECT.replace('SELECT ', 'SELECT count(*) OVER () AS total, ')}
        WHERE ${condition.sql} ORDER BY ${orderBy(query)} LIMIT :limit OFFSET :offset`,
      { ...condition.parameters, limit: page.limit, offset: page.offset },
    );
  }

  /** The table's flags within `scope` that match `query` (at most 100 000, for the workbook). */
  table(
    runner: DataSource | EntityManager,
    year: number,
    scope: ScopeCondition,
    query: AtypiaTableFilters,
    viewer: TableViewer,
  ): Promise<TableRowSql[]> {
    const condition = tableCondition(scope, year, query, viewer);
    return namedQuery<TableRowSql>(
      runner,
      `${TABLE_SELECT} WHERE ${condition.sql} ORDER BY ${orderBy(query)} LIMIT 100000`,
      condition.parameters,
    );
  }

  /** A flag of the campaign with its structure, or a French 404; `lock` for a write on the flag. */
  async one(manager: EntityManager, year: number, flagId: string, lock = false): Promise<TableRowSql> {
    const rows: TableRowSql[] = await manager.query(
      `${TABLE_SELECT} WHERE f.campaign_year = $1 AND f.id = $2${lock ? ' FOR UPDATE OF f' : ''}`,
      [year, flagId],
    );
    const row = rows[0];
    if (!row) throw new DomainError('NOT_FOUND', `Signalement introuvable pour la campagne ${year}.`);
    return row;
  }

  /**
   * The flags of the campaign among `flagIds` (unknown ids are left out), locked with their
   * submissions: a decision may send a submission back through the status machine.
   */
  lockMany(manager: EntityManager, year: number, flagIds: readonly string[]): Promise<TableRowSql[]> {
    return manager.query(
      `${TABLE_SELECT} WHERE f.campaign_year = $1 AND f.id = ANY ($2::uuid[]) ORDER BY s.name, f.rule_code
        FOR UPDATE OF f, sub`,
      [year, flagIds],
    );
  }

  /** The flags of `flagIds` as they are now (after a decision). */
  many(manager: EntityManager, flagIds: readonly string[]): Promise<TableRowSql[]> {
    return manager.query(`${TABLE_SELECT} WHERE f.id = ANY ($1::uuid[]) ORDER BY s.name, f.rule_code`, [
      flagIds,
    ]);
  }

  /** The thread of a flag, oldest first. */
  async messages(manager: EntityManager, flagId: string): Promise<AtypiaMessageDto[]> {
    const rows: MessageRow[] = await manager.query(
      `SELECT id, kind, decision, body, author_name, at FROM atypia_messages WHERE flag_id = $1 ORDER BY at, id`,
      [flagId],
    );
    return rows.map(toMessageDto);
  }

  /**
   * A justification or a comment on a flag; a justification of an OPEN or TO_CORRECT flag
   * (`justifies`) makes it JUSTIFIED, with a new version. The flag is touched either way.
   */
  async addMessage(
    manager: EntityManager,
    flagId: string,
    message: { kind: 'JUSTIFICATION' | 'COMMENT'; body: string; justifies: boolean },
    by: { id: string | null; name: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO atypia_messages (flag_id, kind, body, author_id, author_name) VALUES ($1, $2, $3, $4, $5)`,
      [flagId, message.kind, message.body, by.id, by.name],
    );
    await manager.query(
      `UPDATE atypia_flags SET status = CASE WHEN $2 THEN 'JUSTIFIED' ELSE status END,
              version = version + CASE WHEN $2 THEN 1 ELSE 0 END, updated_at = now() WHERE id = $1`,
      [flagId, message.justifies],
    );
  }

  /**
   * A decision on flags: their new status (ACCEPTED keeps the value accepted, so that the same value
   * does not raise the flag again) and a DECISION message on each thread.
   */
  async decide(
    manager: EntityManager,
    flagIds: readonly string[],
    decision: string,
    comment: string,
    by: { id: string | null; name: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE atypia_flags SET status = $2, accepted_value = CASE WHEN $2 = 'ACCEPTED' THEN value ELSE accepted_value END,
              version = version + 1, updated_at = now()
        WHERE id = ANY ($1::uuid[])`,
      [flagIds, decision],
    );
    await manager.query(
      `INSERT INTO atypia_messages (flag_id, kind, decision, body, author_id, author_name)
       SELECT id, 'DECISION', $2, $3, $4, $5 FROM unnest($1::uuid[]) AS id`,
      [flagIds, decision, comment, by.id, by.name],
    );
  }

  /**
   * A flag's target as it is now: an item's value in the submission (an OG-level item: in its
   * OG's entry) or the indicator's stored value; null when there is none.
   */
  async currentValue(
    manager: EntityManager,
    year: number,
    holder: { finess: string; ogFiness: string },
    target: { kind: 'item' | 'indicator'; code: string; ogLevel: boolean },
  ): Promise<unknown> {
    const rows: { value: unknown }[] =
      target.kind === 'indicator'
        ? await manager.query(
            // A distribution's value is its total, as everywhere else (indicatorNumbers).
            `SELECT coalesce(scalars -> $3::text, distributions -> $3::text -> 'total') AS value
               FROM structure_indicators WHERE campaign_year = $1 AND finess = $2`,
            [year, holder.finess, target.code],
          )
        : target.ogLevel
          ? await manager.query(
              `SELECT values -> $3::text AS value FROM og_submissions WHERE campaign_year = $1 AND og_finess = $2`,
              [year, holder.ogFiness, target.code],
            )
          : await manager.query(
              `SELECT values -> $3::text AS value FROM submissions WHERE campaign_year = $1 AND finess = $2`,
              [year, holder.finess, target.code],
            );
    return rows[0]?.value ?? null;
  }

  /** When the submission was last validated, or null. */
  async validatedAt(manager: EntityManager, year: number, finess: string): Promise<Date | null> {
    const rows: { validated_at: Date | null }[] = await manager.query(
      `SELECT validated_at FROM submissions WHERE campaign_year = $1 AND finess = $2`,
      [year, finess],
    );
    return rows[0]?.validated_at ?? null;
  }

  /** The changes of the structure's values, and of its OG-level values, after `since` (newest first). */
  changesSince(
    manager: EntityManager,
    year: number,
    holders: { finess: string; ogFiness: string },
    since: Date,
  ): Promise<ValueChangeRow[]> {
    return manager.query(
      `SELECT item_code, old_value, new_value, actor_name, at FROM value_history
        WHERE campaign_year = $1 AND at > $4
          AND ((holder_finess = $2 AND NOT og_level) OR (holder_finess = $3 AND og_level))
        ORDER BY at DESC, id DESC`,
      [year, holders.finess, holders.ogFiness, since],
    );
  }
}
