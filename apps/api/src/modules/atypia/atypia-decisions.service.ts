import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { workflowRoleOf } from '@tdb/access';
import type { AtypiaDecisionResult } from '@tdb/contracts';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { SubmissionTransitions } from '../campaigns/submission-transitions.service';
import { MailService } from '../mail/mail.service';
import type { AtypiaDecisionBody } from './dto/atypia-review.dto';
import { asSentence } from '@tdb/submission-workflow';
import { type TableRowSql, DECIDERS, toTableRow } from './atypia-review-rows';
import { AtypiaReviewRepository } from './atypia-review.repository';
import { AtypiaReviewService } from './atypia-review.service';

/**
 * Decisions on many atypia flags at once (ACCEPTED, TO_CORRECT): a TO_CORRECT on a validated
 * submission sends it back through the status machine, in the same transaction.
 */
@Injectable()
export class AtypiaDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly campaigns: CampaignRepository,
    private readonly transitions: SubmissionTransitions,
    private readonly review: AtypiaReviewService,
    private readonly flags: AtypiaReviewRepository,
  ) {}

  async decide(
    actor: AuthenticatedActor,
    year: number,
    body: AtypiaDecisionBody,
  ): Promise<AtypiaDecisionResult> {
    const emailIds: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.row(year, manager);
      const rows = await this.flags.lockMany(manager, year, body.flagIds);
      const today = parisToday();
      // 1. Access, before anything else: every flag in scope, with a deciding role.
      const refused = rows.filter((r) => {
        const structure = structureFactsOf(r);
        if (!this.access.decision(actor, { type: 'submission.read', structure }).allowed) return true;
        const role = workflowRoleOf(actor, structure, today);
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
      if (stale.length > 0) throw this.review.staleFlags(stale);
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
            asSentence(comment),
            '',
            `Signalement${flags.length > 1 ? 's' : ''} d'atypie :`,
            ...flags.map((f) => `- ${f.rule_label} : ${f.message}`),
          ].join('\n');
          emailIds.push(
            ...(
              await this.transitions.transitionWithin(
                manager,
                actor,
                year,
                finess,
                { action: 'INVALIDATE', reason },
                { via: 'atypia.decide' },
              )
            ).emailIds,
          );
          invalidated.push(finess);
        }
      }
      // 4. The flags, their thread, the audit.
      const ids = rows.map((r) => r.id);
      await this.flags.decide(manager, ids, body.decision, comment, by);
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
      const after = await this.flags.many(manager, ids);
      return { decision: body.decision, flags: after.map(toTableRow), invalidated };
    });
    await this.mail.deliver(emailIds);
    return result;
  }

  // What changed since the validation
}
