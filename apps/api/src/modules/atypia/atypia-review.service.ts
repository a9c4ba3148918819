import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { workflowRoleOf } from '@tdb/access';
import type { AtypiaMessageDto, AtypiaThread, ChangesSinceValidation } from '@tdb/contracts';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { type CampaignRow } from '../campaign-core/campaign-row';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { SubmissionReader } from '../campaigns/submission-reader.service';
import { SubmissionTransitions } from '../campaigns/submission-transitions.service';
import { MailService } from '../mail/mail.service';
import type { AtypiaMessageBody } from './dto/atypia-review.dto';
import { type TableRowSql, TABLE_SELECT, DECIDERS, JUSTIFIERS, toTableRow } from './atypia-review-rows';

/**
 * The thread of an atypia flag (justification of the structure, comments, decisions) and what
 * changed since a submission was validated (domain README §8).
 */
@Injectable()
export class AtypiaReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionReader,
    private readonly transitions: SubmissionTransitions,
  ) {}

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
      const campaign = await this.campaigns.row(year, manager);
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
      const campaign = await this.campaigns.row(year, manager);
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

  staleFlags(stale: { id: string; sent: number; current: number; status: string }[]): DomainError {
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
