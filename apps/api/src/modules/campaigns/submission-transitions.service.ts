import { SubmissionRowsRepository } from './submission-rows.repository';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { workflowRoleOf } from '@tdb/access';
import type { SubmissionDetail } from '@tdb/contracts';
import { evaluateSubmission } from '@tdb/dictionary';
import { transition, type SubmissionAction } from '@tdb/submission-workflow';
import { actorRef } from '../../common/auth/actor-ref';
import { parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CampaignJobsService } from '../computation/campaign-jobs.service';
import { MailService } from '../mail/mail.service';
import { datesOf, phaseOfCampaign } from '../campaign-core/campaign-row';
import type { TransitionDto } from './dto/submission.dto';
import { mergedValues, type SubmissionContext } from '../campaign-core/submission-context';
import { SubmissionPartsRepository } from './submission-parts.repository';
import { SubmissionReader } from './submission-reader.service';
import { staleError, workflowError } from './submission-errors';
import { StructureContactsRepository } from './structure-contacts.repository';

/** A submission moved through the status machine (validate, invalidate, confirm, reopen…). */
@Injectable()
export class SubmissionTransitions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: SubmissionReader,
    private readonly parts: SubmissionPartsRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly jobs: CampaignJobsService,
    private readonly rows: SubmissionRowsRepository,
    private readonly contacts: StructureContactsRepository,
  ) {}

  async transition(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: TransitionDto,
  ): Promise<SubmissionDetail> {
    const { emailIds, context } = await this.dataSource.transaction((manager) =>
      this.transitionWithin(manager, actor, year, finess, body),
    );
    await this.mail.deliver(emailIds);
    // Peers are the validated and confirmed submissions: their distributions follow.
    if (['VALIDATE', 'INVALIDATE', 'CONFIRM', 'REOPEN', 'UNCONFIRM'].includes(body.action)) {
      await this.jobs.scheduleDistributions(year);
    }
    return this.reader.detailAfterWrite(actor, context);
  }

  /**
   * One status transition inside the caller's transaction (a decision on atypia invalidates
   * through here too): the status machine, the stale version (when given), the row, the record,
   * the audit and, on INVALIDATE, the emails to the structure's users. Returns the emails to
   * deliver once the transaction has committed, and the context the transition was decided on.
   */
  async transitionWithin(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: { action: Exclude<SubmissionAction, 'SAVE'>; reason?: string; version?: number },
    auditDetails: Record<string, unknown> = {},
  ): Promise<{ emailIds: string[]; context: SubmissionContext }> {
    const context = await this.reader.context(manager, actor, year, finess, { lock: true });
    if (!context.submission.in_scope) {
      throw new DomainError('CONFLICT', 'Cette structure est exclue du périmètre de la campagne.');
    }
    const today = parisToday();
    const role = workflowRoleOf(actor, context.facts, today);
    if (!role) throw new DomainError('FORBIDDEN', 'Cette structure est hors de votre périmètre.');
    const evaluation = evaluateSubmission(
      context.dictionary,
      context.facts.categoryCode,
      mergedValues(context.submission.values, context.og.values, context.dictionary),
    );
    const result = transition(context.state, {
      action: body.action,
      role,
      competence: context.facts.competence,
      phase: phaseOfCampaign(context.campaign, today),
      today,
      dates: datesOf(context.campaign),
      extendedUntil: context.submission.extended_until,
      reason: body.reason,
      facts: {
        completeness: evaluation.completeness.ratio,
        threshold: Number(context.campaign.threshold),
        blockingErrors: evaluation.blockingErrors,
      },
    });
    if (!result.ok) {
      const details =
        result.code === 'INCOMPLETE'
          ? evaluation.issues
              .filter((i) => i.blocking)
              .map((i) => ({ field: i.itemCode, message: `${i.itemLabel} : ${i.message}` }))
          : undefined;
      throw workflowError(result, details);
    }
    // After the status machine: a role that may never act is refused (403) whatever the version.
    if (body.version !== undefined && context.submission.version !== body.version) {
      throw staleError(context, body.version);
    }
    const by = await actorRef(manager, actor);
    const { next, event } = result;
    await this.rows.setStatus(manager, year, finess, next, body.action === 'VALIDATE');
    await this.parts.recordTransition(manager, context.submission, body.action, event.to, event.reason, by);
    await this.audit.record(manager, {
      actorId: by.id,
      actorEmail: actor.email,
      action: `submission.${body.action.toLowerCase()}`,
      targetType: 'submission',
      targetId: `${year}/${finess}`,
      targetLabel: context.submission.name,
      organisationKind: 'ESMS',
      organisationCode: finess,
      regionCode: context.facts.regionCode,
      departmentCode: context.facts.departmentCode,
      competence: context.facts.competence,
      details: { from: event.from, to: event.to, reason: event.reason, ...auditDetails },
    });
    const emailIds =
      body.action === 'INVALIDATE'
        ? await this.emailInvalidation(manager, context, event.reason ?? '', by.name)
        : [];
    return { emailIds, context };
  }

  /** Tells the structure's users (ESMS and OG accounts) why their data was sent back. */
  private async emailInvalidation(
    manager: EntityManager,
    context: SubmissionContext,
    reason: string,
    by: string,
  ): Promise<string[]> {
    const recipients =
      (await this.contacts.recipients(manager, [context.facts.finess])).get(context.facts.finess) ?? [];
    const { year } = context.campaign;
    const link = `${this.config.mail.publicUrl}/campagnes/${year}/structures/${context.facts.finess}`;
    const ids: string[] = [];
    for (const email of recipients) {
      ids.push(
        await this.mail.enqueue(manager, {
          to: email,
          subject: `TDB ${year} : la saisie de ${context.submission.name} est à corriger`,
          text: [
            'Bonjour,',
            '',
            `La saisie du tableau de bord ${year} de ${context.submission.name} (FINESS ${context.facts.finess}) a été invalidée par ${by}.`,
            '',
            `Motif : ${reason}`,
            '',
            `Corrigez les données puis validez à nouveau la saisie avant le ${datesOf(context.campaign).fiabilisationEnd.split('-').reverse().join('/')} :`,
            link,
            '',
            "L'équipe du tableau de bord de la performance",
          ].join('\n'),
        }),
      );
    }
    return ids;
  }
}
