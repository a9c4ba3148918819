import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AtypiaMessageDto, ChangedValue } from '@tdb/contracts';
import { DomainError } from '../../common/errors/domain-error';
import { TABLE_SELECT, type TableRowSql } from './atypia-review-rows';

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

/**
 * The review of atypia flags: the flags with their structure (TABLE_SELECT), their threads in
 * `atypia_messages`, the decisions written on them, and what a submission's values went through
 * since it was validated. Every method runs in the caller's transaction (its locks, its snapshot).
 */
@Injectable()
export class AtypiaReviewRepository {
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
