import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { workflowRoleOf } from '@tdb/access';
import type { ExtendCollectionResult, GrantExtensionRequest, SubmissionDetail } from '@tdb/contracts';
import {
  asSentence,
  extensionRefusal,
  extensionRoleRefusal,
  formatDateFr,
  type ExtensionRefusal,
  type WorkflowRole,
} from '@tdb/submission-workflow';
import { AccessService, parisToday } from '../../common/auth/access.service';
import { actorRef } from '../../common/auth/actor-ref';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { datesOf, phaseOfCampaign } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import type { SubmissionContext } from '../campaign-core/submission-context';
import { MailService } from '../mail/mail.service';
import { authorityName } from './authority-name';
import { StructureContactsRepository } from './structure-contacts.repository';
import { SubmissionExtensionsRepository } from './submission-extensions.repository';
import { SubmissionReader } from './submission-reader.service';

/** The authority granting, as the structure reads it (« ARS Centre-Val de Loire »). */
function authorityOf(role: WorkflowRole, context: SubmissionContext): string {
  if (role === 'ARS_CONTROLLER') return authorityName('ARS', context.facts.regionCode);
  if (role === 'CD_CONTROLLER') return authorityName('CD', context.facts.departmentCode);
  return authorityName('NATIONAL', 'FR');
}

/** A refusal as its HTTP meaning: who asks (403), the calendar or the status (409), the date (400). */
function refused(refusal: ExtensionRefusal, prefix = 'Délai impossible'): DomainError {
  const message = `${prefix} : ${asSentence(refusal.reason)}`;
  switch (refusal.code) {
    case 'ROLE':
      return new DomainError('FORBIDDEN', message);
    case 'CALENDAR':
      return new DomainError('CONFLICT', message);
    case 'DATE':
      return new DomainError('VALIDATION_FAILED', message, [
        { field: 'until', message: asSentence(refusal.reason) },
      ]);
  }
}

/**
 * Extensions of the entry for late structures (issue 14 §1, ADR 0011): granted and withdrawn by
 * the competent authority, one structure at a time, or by the national administrator for every
 * structure that has not validated. Logged, and told to the structure by email.
 */
@Injectable()
export class SubmissionExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly reader: SubmissionReader,
    private readonly extensions: SubmissionExtensionsRepository,
    private readonly contacts: StructureContactsRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async grant(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: GrantExtensionRequest,
  ): Promise<SubmissionDetail> {
    const emails: string[] = [];
    const detail = await this.dataSource.transaction(async (manager) => {
      const { context, role } = await this.load(manager, actor, year, finess);
      const today = parisToday();
      const refusal = extensionRefusal({
        role,
        competence: context.facts.competence,
        phase: phaseOfCampaign(context.campaign, today),
        today,
        dates: datesOf(context.campaign),
        status: context.submission.status,
        until: body.until,
      });
      if (refusal) throw refused(refusal);
      const by = await actorRef(manager, actor);
      const authority = authorityOf(role, context);
      const reason = body.reason.trim();
      await this.extensions.grant(manager, finess, { year, until: body.until, reason, by, authority });
      await this.record(manager, actor, by, context, 'submission.extension_granted', {
        until: body.until,
        reason,
      });
      emails.push(
        ...(await this.tell(manager, context, `TDB ${year} : délai accordé à ${context.submission.name}`, [
          `${authority} accorde à ${context.submission.name} (FINESS ${finess}) un délai pour la saisie du tableau de bord ${year} : jusqu'au ${formatDateFr(body.until)} inclus.`,
          '',
          `Motif : ${reason}`,
        ])),
      );
      return this.reader.describe(manager, actor, await this.reader.context(manager, actor, year, finess));
    });
    await this.mail.deliver(emails);
    return detail;
  }

  async revoke(actor: AuthenticatedActor, year: number, finess: string): Promise<SubmissionDetail> {
    const emails: string[] = [];
    const detail = await this.dataSource.transaction(async (manager) => {
      const { context, role } = await this.load(manager, actor, year, finess);
      const roleRefusal = extensionRoleRefusal(role, context.facts.competence);
      if (roleRefusal) throw refused({ code: 'ROLE', reason: roleRefusal });
      if (context.campaign.state !== 'OPEN' || phaseOfCampaign(context.campaign, parisToday()) === 'CLOSED')
        throw refused({ code: 'CALENDAR', reason: 'la campagne est close' });
      const by = await actorRef(manager, actor);
      if (!(await this.extensions.revoke(manager, year, finess, by.name, 'Retiré par l’autorité'))) {
        throw new DomainError('NOT_FOUND', `Aucun délai en cours pour ${context.submission.name}.`);
      }
      await this.record(manager, actor, by, context, 'submission.extension_revoked', {
        until: context.submission.extended_until,
      });
      emails.push(
        ...(await this.tell(manager, context, `TDB ${year} : délai retiré pour ${context.submission.name}`, [
          `Le délai accordé à ${context.submission.name} (FINESS ${finess}) jusqu'au ${formatDateFr(String(context.submission.extended_until))} pour la saisie du tableau de bord ${year} a été retiré par ${by.name}.`,
        ])),
      );
      return this.reader.describe(manager, actor, await this.reader.context(manager, actor, year, finess));
    });
    await this.mail.deliver(emails);
    return detail;
  }

  /** The national "extend the collection" for every in-scope structure that has not validated. */
  async extendCollection(
    actor: AuthenticatedActor,
    year: number,
    body: GrantExtensionRequest,
  ): Promise<ExtendCollectionResult> {
    this.access.check(actor, { type: 'campaign.manage' });
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.row(year, manager);
      const today = parisToday();
      const phase = phaseOfCampaign(campaign, today);
      if (campaign.state !== 'OPEN')
        throw refused({ code: 'CALENDAR', reason: 'la campagne n’est pas ouverte' });
      const refusal = extensionRefusal({
        role: 'NATIONAL_ADMIN',
        competence: 'SHARED',
        phase,
        today,
        dates: datesOf(campaign),
        status: 'IN_PROGRESS',
        until: body.until,
      });
      if (refusal) throw refused(refusal, 'Prolongation impossible');
      const by = await actorRef(manager, actor);
      const extended = await this.extensions.grantToAllLate(manager, {
        year,
        until: body.until,
        reason: body.reason.trim(),
        by,
        authority: authorityName('NATIONAL', 'FR'),
      });
      await this.audit.record(manager, {
        actorId: by.id,
        actorEmail: actor.email,
        action: 'campaign.collection_extended',
        targetType: 'campaign',
        targetId: String(year),
        targetLabel: `Campagne ${year}`,
        details: { until: body.until, reason: body.reason.trim(), extended },
        ipAddress: by.ipAddress,
      });
      return { extended, until: body.until };
    });
  }

  private async load(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    finess: string,
  ): Promise<{ context: SubmissionContext; role: WorkflowRole }> {
    const context = await this.reader.context(manager, actor, year, finess, { lock: true });
    if (!context.submission.in_scope) {
      throw new DomainError(
        'CONFLICT',
        'Cette structure est exclue du périmètre de la campagne : aucun délai.',
      );
    }
    return { context, role: workflowRoleOf(actor, context.facts, parisToday()) ?? 'READER' };
  }

  private async record(
    manager: EntityManager,
    actor: AuthenticatedActor,
    by: { id: string | null; ipAddress: string | null },
    context: SubmissionContext,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, {
      actorId: by.id,
      actorEmail: actor.email,
      action,
      targetType: 'submission',
      targetId: `${context.campaign.year}/${context.facts.finess}`,
      targetLabel: context.submission.name,
      organisationKind: 'ESMS',
      organisationCode: context.facts.finess,
      regionCode: context.facts.regionCode,
      departmentCode: context.facts.departmentCode,
      competence: context.facts.competence,
      details,
      ipAddress: by.ipAddress,
    });
  }

  /** Tells the structure's users (ESMS and OG accounts); answers the emails to deliver after the commit. */
  private async tell(
    manager: EntityManager,
    context: SubmissionContext,
    subject: string,
    lines: string[],
  ): Promise<string[]> {
    const recipients =
      (await this.contacts.recipients(manager, [context.facts.finess])).get(context.facts.finess) ?? [];
    const link = `${this.config.mail.publicUrl}/campagnes/${context.campaign.year}/structures/${context.facts.finess}`;
    const ids: string[] = [];
    for (const to of recipients)
      ids.push(
        await this.mail.enqueue(manager, {
          to,
          subject,
          text: [
            'Bonjour,',
            '',
            ...lines,
            '',
            link,
            '',
            "L'équipe du tableau de bord de la performance",
          ].join('\n'),
        }),
      );
    return ids;
  }
}
