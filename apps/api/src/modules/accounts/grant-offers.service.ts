import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { organisationLabel, ROLE_LABELS } from '@tdb/access';
import type { GrantInput, PrincipalTransfer } from '@tdb/contracts';
import { actorRef } from '../../common/auth/actor-ref';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { hashSecret, newSecret } from '../../common/auth/token-hash';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { GrantEntity } from '../identity/grant.entity';
import { OneTimeTokensService } from '../identity/one-time-tokens.service';
import { MailService } from '../mail/mail.service';
import { AccountTrailService } from './account-trail.service';
import { GrantFactsService } from './grant-facts.service';
import { GrantInvitationsRepository } from './grant-invitations.repository';
import { PrincipalTransferService, type Designation } from './principal-transfer.service';

export interface Person {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
}

export interface OfferOptions {
  /** Extra audit details (the provisioning line). */
  details?: Record<string, unknown>;
  /** What the organisation's current principal administrator becomes (APR/APE grants). */
  transfer?: PrincipalTransfer;
}

export interface OfferOutcome {
  /** invited: a new account or a person the actor does not manage (indistinguishable on purpose). */
  outcome: 'invited' | 'grant_added' | 'unchanged';
  /** The account, only when the actor manages it (grant_added, unchanged). */
  managedAccountId: string | null;
  emailIds: string[];
}

/**
 * Giving a grant to the person of an email address, the one path of the account form and of the
 * APE import. A person the actor already manages gets the grant at once; anyone else — a new
 * address or somebody else's account — gets an invitation to accept, and the actor learns nothing
 * that tells the two apart (issue 13: adding a right must neither disclose a person nor happen
 * without their consent).
 */
@Injectable()
export class GrantOffersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accountRows: AccountsRepository,
    private readonly grantFacts: GrantFactsService,
    private readonly invitations: GrantInvitationsRepository,
    private readonly tokens: OneTimeTokensService,
    private readonly trail: AccountTrailService,
    private readonly mail: MailService,
    private readonly transfers: PrincipalTransferService,
  ) {}

  /**
   * Inside the caller's transaction, after the policy allowed creating `grant` (with its transfer).
   * A grant given at once hands the principal seat over at once; a grant offered carries the
   * transfer until the person accepts it.
   */
  async offer(
    manager: EntityManager,
    actor: AuthenticatedActor,
    person: Person,
    grant: GrantInput,
    meta: RequestMeta,
    options: OfferOptions = {},
  ): Promise<OfferOutcome> {
    const details = options.details ?? {};
    const email = person.email.trim();
    const found = await this.accountRows.findByEmail(manager, email, { lock: true });
    if (!found) {
      const account = await manager.getRepository(AccountEntity).save({
        email,
        firstName: person.firstName.trim(),
        lastName: person.lastName.trim(),
        phone: person.phone?.trim() || null,
        status: 'INVITED',
        passwordHash: null,
        totpSecret: null,
      });
      await this.insertGrant(manager, actor, account.id, grant);
      await this.trail.record(manager, actor, meta, 'account.created', account, grant, {
        ...details,
        ...(options.transfer ? { transfer: options.transfer } : {}),
      });
      const transferred = await this.transfers.apply(
        manager,
        grant,
        account.id,
        options.transfer,
        await this.designation(manager, actor, meta, details),
      );
      return {
        outcome: 'invited',
        managedAccountId: null,
        emailIds: [await this.tokens.enqueueInvitation(manager, account), ...transferred],
      };
    }
    // With its grants: who manages it, and whether it holds this grant already.
    const existing = await this.accountRows.load(manager, found.id);
    const held = (existing.grants ?? []).some(
      (g) =>
        g.organisationKind === grant.organisation.kind &&
        g.organisationCode === grant.organisation.code &&
        g.role === grant.role,
    );
    if (!(await this.grantFacts.manages(manager, actor, existing))) {
      // Someone else's account: an invitation to accept, unless the person holds the grant already
      // (then nothing changes, and the answer is still "invited").
      if (held) return { outcome: 'invited', managedAccountId: null, emailIds: [] };
      return {
        outcome: 'invited',
        managedAccountId: null,
        emailIds: [await this.invite(manager, actor, existing, grant, meta, details, options.transfer)],
      };
    }
    if (held) return { outcome: 'unchanged', managedAccountId: existing.id, emailIds: [] };
    await this.insertGrant(manager, actor, existing.id, grant);
    await this.trail.record(manager, actor, meta, 'grant.created', existing, grant, {
      ...details,
      ...(options.transfer ? { transfer: options.transfer } : {}),
    });
    const transferred = await this.transfers.apply(
      manager,
      grant,
      existing.id,
      options.transfer,
      await this.designation(manager, actor, meta, details),
    );
    const emailIds =
      existing.status === 'INVITED'
        ? [await this.tokens.enqueueInvitation(manager, existing)]
        : [
            await this.mail.enqueue(manager, {
              to: existing.email,
              subject: 'TDB — nouvelle habilitation sur votre compte',
              text: `Bonjour ${existing.firstName} ${existing.lastName},\n\nUne nouvelle habilitation a été ajoutée à votre compte TDB : ${ROLE_LABELS[grant.role]} — ${organisationLabel(grant.organisation)}.\nConnectez-vous : ${this.mail.link('/connexion')}`,
            }),
          ];
    return { outcome: 'grant_added', managedAccountId: existing.id, emailIds: [...emailIds, ...transferred] };
  }

  /** The actor as the previous principal administrator's email and the audit name them. */
  async designation(
    manager: EntityManager,
    actor: AuthenticatedActor,
    meta: RequestMeta,
    details: Record<string, unknown> = {},
  ): Promise<Designation> {
    return { actor, byName: (await actorRef(manager, actor)).name, meta, details };
  }

  /** The grant offered by email to an account the actor does not manage; returns the email id. */
  private async invite(
    manager: EntityManager,
    actor: AuthenticatedActor,
    account: AccountEntity,
    grant: GrantInput,
    meta: RequestMeta,
    details: Record<string, unknown>,
    transfer: PrincipalTransfer | undefined,
  ): Promise<string> {
    const secret = newSecret();
    const days = this.config.auth.invitationDays;
    const by = await actorRef(manager, actor);
    await this.invitations.offer(
      manager,
      account.id,
      grant,
      hashSecret(secret),
      new Date(Date.now() + days * 24 * 3600_000),
      by,
      transfer ?? null,
    );
    await this.trail.record(manager, actor, meta, 'grant.offered', account, grant, {
      ...details,
      ...(transfer ? { transfer } : {}),
    });
    return this.mail.enqueue(manager, {
      to: account.email,
      subject: 'TDB — une habilitation vous est proposée',
      text: [
        `Bonjour ${account.firstName} ${account.lastName},`,
        '',
        `${by.name} vous propose une habilitation sur le tableau de bord de la performance (TDB) : ${ROLE_LABELS[grant.role]} — ${organisationLabel(grant.organisation)}.`,
        ...(transfer
          ? [
              'Vous deviendrez l’administrateur principal de cette organisation, à la place de la personne qui l’est aujourd’hui.',
            ]
          : []),
        `Elle ne prendra effet que si vous l’acceptez. Pour l’accepter ou la refuser, ouvrez ce lien dans les ${days} jours : ${this.mail.link(`/habilitation?jeton=${secret}`)}`,
        '',
        'Si vous ne connaissez pas cette personne ou ne souhaitez pas ce rôle, refusez-la ou ignorez ce courriel.',
      ].join('\n'),
    });
  }

  async insertGrant(
    manager: EntityManager,
    actor: AuthenticatedActor | { accountId: string | null },
    accountId: string,
    grant: GrantInput,
  ): Promise<void> {
    await manager.getRepository(GrantEntity).insert({
      accountId,
      organisationKind: grant.organisation.kind,
      organisationCode: grant.organisation.code,
      role: grant.role,
      rights: grant.role === 'USER' ? (grant.rights ?? []) : [],
      entryDomains: grant.role === 'USER' ? (grant.entryDomains ?? null) : null,
      validFrom: grant.validFrom ?? null,
      validUntil: grant.validUntil ?? null,
      createdBy: actor.accountId,
    });
  }
}
