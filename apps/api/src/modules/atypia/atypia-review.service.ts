import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { workflowRoleOf } from '@tdb/access';
import type { AtypiaThread, ChangesSinceValidation } from '@tdb/contracts';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { datesOf, phaseOfCampaign, type CampaignRow } from '../campaign-core/campaign-row';
import { describeFlagActions, type FlagStatus, type SubmissionStatus } from '@tdb/submission-workflow';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { SubmissionReader } from '../campaigns/submission-reader.service';
import type { AtypiaMessageBody } from './dto/atypia-review.dto';
import { type TableRowSql, DECIDERS, JUSTIFIERS, toTableRow } from './atypia-review-rows';
import { AtypiaReviewRepository, toValueChange } from './atypia-review.repository';
import { AtypiaTargets } from './atypia-targets';

/**
 * The thread of an atypia flag (justification of the structure, comments, decisions) and what
 * changed since a submission was validated (domain README §8).
 */
@Injectable()
export class AtypiaReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionReader,
    private readonly flags: AtypiaReviewRepository,
    private readonly targets: AtypiaTargets,
  ) {}

  private async describe(
    manager: EntityManager,
    actor: AuthenticatedActor,
    row: TableRowSql,
    campaign: CampaignRow,
  ): Promise<AtypiaThread> {
    const messages = await this.flags.messages(manager, row.id);
    const target = await this.targets.describe(manager, campaign, row);
    const today = parisToday();
    const facts = structureFactsOf(row);
    const role = workflowRoleOf(actor, facts, today);
    const open = row.status !== 'RESOLVED' && campaign.state === 'OPEN';
    return {
      flag: toTableRow(row),
      target,
      messages,
      canJustify: open && role !== null && JUSTIFIERS.includes(role),
      canDecide: open && role !== null && DECIDERS.includes(role),
      actions: describeFlagActions({
        flagStatus: row.status as FlagStatus,
        campaignOpen: campaign.state === 'OPEN',
        role,
        competence: facts.competence,
        submission: {
          status: row.submission_status as SubmissionStatus,
          consultedByCd: false,
          reopenedByAuthority: false,
        },
        phase: phaseOfCampaign(campaign, today),
        today,
        dates: datesOf(campaign),
      }),
    };
  }

  async thread(actor: AuthenticatedActor, year: number, flagId: string): Promise<AtypiaThread> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const campaign = await this.campaigns.row(year, manager);
      const row = await this.flags.one(manager, year, flagId);
      this.access.check(actor, { type: 'submission.read', structure: structureFactsOf(row) });
      return this.describe(manager, actor, row, campaign);
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
      const row = await this.flags.one(manager, year, flagId, true);
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
      await this.flags.addMessage(
        manager,
        flagId,
        {
          kind: justification ? 'JUSTIFICATION' : 'COMMENT',
          body: body.body.trim(),
          justifies: justification && (row.status === 'OPEN' || row.status === 'TO_CORRECT'),
        },
        by,
      );
      return this.describe(manager, actor, await this.flags.one(manager, year, flagId), campaign);
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
      const validatedAt = await this.flags.validatedAt(manager, year, finess);
      if (!validatedAt) return { validatedAt: null, count: 0, changes: [] };
      const changes = await this.flags.changesSince(
        manager,
        year,
        { finess, ogFiness: context.facts.ogFiness },
        validatedAt,
      );
      const labels = new Map(context.dictionary.items.map((i) => [i.code, i.label]));
      return {
        validatedAt: new Date(validatedAt).toISOString(),
        count: changes.length,
        changes: changes.map((c) => toValueChange(c, labels)),
      };
    });
  }
}
