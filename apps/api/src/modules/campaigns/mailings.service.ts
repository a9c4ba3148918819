import { authorityName } from './authority-name';
import { actorRef } from '../../common/auth/actor-ref';
import { MailingsRepository } from './mailings.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AuthorityRef,
  CampaignMailing,
  CampaignMailingKind,
  MailingPreview,
  MailingRequest,
  MailingResult,
  SubmissionSummary,
} from '@tdb/contracts';
import { STATUS_LABELS, formatDateFr } from '@tdb/submission-workflow';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import type { CampaignRow } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { FollowUpService } from './follow-up.service';
import { StructureContactsRepository } from './structure-contacts.repository';
import { SubmissionListsRepository, type SqlCondition } from './submission-lists.repository';
import { SubmissionReader } from './submission-reader.service';

const TEMPLATES: Record<CampaignMailingKind, { subject: string; body: string }> = {
  REMINDER: {
    subject: 'Tableau de bord ESMS {annee} : relance pour {structure}',
    body: [
      'Bonjour,',
      '',
      'La saisie du tableau de bord de la performance {annee} de la structure {structure} (FINESS {finess}) n’est pas encore validée : statut « {statut} », complétude {completude}.',
      'La collecte se termine le {date_limite}.',
      '',
      'Pour compléter et valider la saisie : {lien}',
      '',
      'Cordialement,',
      '{autorite}',
    ].join('\n'),
  },
  LAUNCH: {
    subject: 'Lancement de la campagne {annee} du tableau de bord de la performance',
    body: [
      'Bonjour,',
      '',
      'La campagne {annee} du tableau de bord de la performance des ESMS est lancée. La collecte des données de la structure {structure} (FINESS {finess}) est ouverte du {date_debut} au {date_limite}.',
      '',
      'Pour préparer la collecte, téléchargez la grille de préparation : {lien}',
      '',
      'Cordialement,',
      '{autorite}',
    ].join('\n'),
  },
};

/** Fills `{placeholder}`s; unknown placeholders are left as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

interface Prepared {
  campaign: CampaignRow;
  structures: SubmissionSummary[];
  recipients: Map<string, string[]>;
  subject: string;
  body: string;
}

/**
 * Campaign emails of an ARS or a CD to its structures: the launch email (every in-scope structure)
 * and reminders (the late ones, see FollowUpService). Each goes to every active account holding an
 * APE or USER grant on the ESMS or on its OG, one email per recipient and structure, written to the
 * outbox in the transaction and delivered after the commit; the sending is kept in campaign_mailings.
 */
@Injectable()
export class MailingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionReader,
    private readonly followUps: FollowUpService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly repository: MailingsRepository,
    private readonly lists: SubmissionListsRepository,
    private readonly contacts: StructureContactsRepository,
  ) {}

  async preview(
    actor: AuthenticatedActor,
    year: number,
    kind: CampaignMailingKind,
    request: MailingRequest,
  ): Promise<MailingPreview> {
    this.access.check(actor, { type: 'campaign.communicate', organisation: request.organisation });
    const prepared = await this.prepare(this.dataSource.manager, year, kind, request);
    const first = prepared.structures.find((s) => (prepared.recipients.get(s.finess) ?? []).length > 0);
    const sample = first
      ? {
          to: (prepared.recipients.get(first.finess) ?? [])[0] ?? '',
          ...this.render(prepared, first, request.organisation),
        }
      : null;
    return { subject: prepared.subject, body: prepared.body, sample, ...this.counts(prepared) };
  }

  async send(
    actor: AuthenticatedActor,
    year: number,
    kind: CampaignMailingKind,
    request: MailingRequest,
  ): Promise<MailingResult> {
    this.access.check(actor, { type: 'campaign.communicate', organisation: request.organisation });
    const ids: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const prepared = await this.prepare(manager, year, kind, request);
      if (prepared.campaign.state === 'CLOSED')
        throw new DomainError('CONFLICT', `La campagne ${year} est clôturée : aucun envoi n’est possible.`);
      if (prepared.structures.length === 0) {
        throw new DomainError(
          'CONFLICT',
          kind === 'REMINDER'
            ? `Aucune structure en retard pour ${authorityName(request.organisation.kind, request.organisation.code)} : aucune relance envoyée.`
            : `Aucune structure dans le périmètre de ${authorityName(request.organisation.kind, request.organisation.code)} pour la campagne ${year}.`,
        );
      }
      const counts = this.counts(prepared);
      if (counts.recipients === 0) {
        throw new DomainError(
          'CONFLICT',
          'Aucune des structures concernées n’a de compte actif : aucun courriel ne peut être envoyé.',
        );
      }
      for (const structure of prepared.structures) {
        const rendered = this.render(prepared, structure, request.organisation);
        for (const to of prepared.recipients.get(structure.finess) ?? []) {
          ids.push(await this.mail.enqueue(manager, { to, subject: rendered.subject, text: rendered.body }));
        }
      }
      const sender = (await actorRef(manager, actor)).id;
      await this.repository.insert(manager, {
        year,
        kind,
        organisation: request.organisation,
        subject: prepared.subject,
        body: prepared.body,
        recipients: ids.length,
        structures: counts.structures,
        sentBy: sender,
      });
      await this.audit.record(manager, {
        actorId: sender,
        actorEmail: actor.email,
        action: kind === 'REMINDER' ? 'campaign.reminder' : 'campaign.launchEmail',
        targetType: 'campaign',
        targetId: String(year),
        targetLabel: `Campagne ${year}`,
        organisationKind: request.organisation.kind,
        organisationCode: request.organisation.code,
        details: { emails: ids.length, ...counts },
      });
      return counts;
    });
    await this.mail.deliver(ids);
    return result;
  }

  /** Past mailings of the caller's ARS/CD (APR or CONTROLLER), every mailing for national. */
  async list(
    actor: AuthenticatedActor,
    year: number,
    kind?: CampaignMailingKind,
  ): Promise<CampaignMailing[]> {
    const visible = this.access.authoritiesFor(actor, 'campaign.communicate');
    const national = visible.all;
    const authorities = visible.organisations.map((o) => `${o.kind}:${o.code}`);
    await this.campaigns.row(year);
    return this.repository.list(year, national ? null : authorities, kind);
  }

  private counts(prepared: Prepared): MailingResult {
    let recipients = 0;
    let withoutRecipient = 0;
    for (const s of prepared.structures) {
      const n = (prepared.recipients.get(s.finess) ?? []).length;
      recipients += n;
      if (n === 0) withoutRecipient++;
    }
    return { structures: prepared.structures.length, recipients, withoutRecipient };
  }

  private render(
    prepared: Prepared,
    structure: SubmissionSummary,
    organisation: AuthorityRef,
  ): { subject: string; body: string } {
    const c = prepared.campaign;
    const values: Record<string, string> = {
      structure: structure.name,
      finess: structure.finess,
      annee: String(c.year),
      date_debut: formatDateFr(c.collection_start),
      date_limite: formatDateFr(c.collection_end),
      lien: this.mail.link(`/campagnes/${c.year}/structures/${structure.finess}`),
      statut: STATUS_LABELS[structure.status],
      completude: `${Math.round(structure.completeness * 100)} %`,
      autorite: authorityName(organisation.kind, organisation.code),
    };
    return { subject: fillTemplate(prepared.subject, values), body: fillTemplate(prepared.body, values) };
  }

  private async prepare(
    manager: EntityManager,
    year: number,
    kind: CampaignMailingKind,
    request: MailingRequest,
  ): Promise<Prepared> {
    const campaign = await this.campaigns.row(year, manager);
    const authority = this.access.scopeCondition(
      {
        all: false,
        authorities: [{ kind: request.organisation.kind, code: request.organisation.code, role: 'APR' }],
        ogs: [],
        structures: [],
      },
      's',
    );
    const condition: SqlCondition = { sql: authority.sql, parameters: authority.parameters };
    const structures: SubmissionSummary[] =
      kind === 'REMINDER'
        ? await this.followUps.late(manager, campaign, condition)
        : (await this.lists.inScope(manager, campaign.year, condition)).map((row) =>
            this.submissions.summary(row),
          );
    const recipients = await this.contacts.recipients(
      manager,
      structures.map((s) => s.finess),
    );
    return {
      campaign,
      structures,
      recipients,
      subject: request.subject?.trim() || TEMPLATES[kind].subject,
      body: request.body?.trim() || TEMPLATES[kind].body,
    };
  }
}
