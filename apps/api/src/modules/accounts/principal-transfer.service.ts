import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  RIGHT_LABELS,
  ROLE_LABELS,
  grantAfterTransfer,
  isPrincipalGrant,
  principalRoleOf,
  transferOutcomeText,
} from '@tdb/access';
import type { GrantInput, PrincipalTransfer } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { GrantEntity } from '../identity/grant.entity';
import { SessionsRepository } from '../identity/sessions.repository';
import { MailService } from '../mail/mail.service';
import { AccountTrailService } from './account-trail.service';
import { PrincipalsRepository } from './principals.repository';

/** Who designated the new principal administrator, as the previous one's email names them. */
export interface Designation {
  /** The account the audit log names (the administrator, or the person accepting an offer). */
  actor: AuthenticatedActor;
  /** The administrator who chose the new principal, by name. */
  byName: string;
  meta: RequestMeta;
  details?: Record<string, unknown>;
}

/**
 * The transfer of an organisation's principal administrator seat, once the new holder's grant is
 * written (in the same transaction): each previous holder becomes what the transfer says (or loses
 * the grant, and its account is disabled if it holds nothing else), is told by email, and the
 * change is in the audit log (`grant.transferred`).
 */
@Injectable()
export class PrincipalTransferService {
  constructor(
    private readonly principals: PrincipalsRepository,
    private readonly accountRows: AccountsRepository,
    private readonly sessionRows: SessionsRepository,
    private readonly trail: AccountTrailService,
    private readonly mail: MailService,
  ) {}

  /**
   * Applies `transfer` to the holders of `grant`'s seat other than `newAccountId`; returns the ids
   * of the emails to deliver after the commit. Without a transfer while the seat is taken (a holder
   * designated since the request was checked, or since the offer was made): 409, nothing written.
   */
  async apply(
    manager: EntityManager,
    grant: GrantInput,
    newAccountId: string,
    transfer: PrincipalTransfer | undefined,
    by: Designation,
  ): Promise<string[]> {
    if (!isPrincipalGrant(grant)) return [];
    const organisation = grant.organisation;
    await this.principals.lock(manager, organisation);
    const holders = await this.principals.holders(manager, organisation, newAccountId);
    if (holders.length === 0) return [];
    const label = await this.principals.label(manager, organisation);
    if (!transfer) {
      throw new DomainError(
        'PRINCIPAL_HELD',
        `${label} a désormais un administrateur principal (${principalRoleOf(organisation.kind)}) : cette désignation n’est plus possible telle quelle. Demandez à ${by.byName} de la renouveler en choisissant ce que devient l’administrateur principal actuel (transfert).`,
      );
    }
    const replacement = grantAfterTransfer(organisation, transfer);
    const emailIds: string[] = [];
    for (const holder of holders) {
      const account = await this.accountRows.load(manager, holder.account_id, true);
      const previous = (account.grants ?? []).find((g) => g.id === holder.grant_id);
      if (!previous) continue;
      await manager.delete(GrantEntity, previous.id);
      const keeps =
        replacement &&
        (account.grants ?? []).some(
          (g) =>
            g.organisationKind === replacement.organisation.kind &&
            g.organisationCode === replacement.organisation.code &&
            g.role === replacement.role,
        );
      if (replacement && !keeps) {
        await manager.getRepository(GrantEntity).insert({
          accountId: account.id,
          organisationKind: replacement.organisation.kind,
          organisationCode: replacement.organisation.code,
          role: replacement.role,
          rights: replacement.rights ?? [],
          entryDomains: replacement.entryDomains ?? null,
          validFrom: null,
          validUntil: null,
          createdBy: by.actor.accountId || null,
        });
      }
      const left = (account.grants ?? []).length - 1 + (replacement ? 1 : 0);
      const closed = left === 0;
      if (closed) {
        await manager.update(AccountEntity, account.id, { status: 'DISABLED' });
        await this.sessionRows.revokeAll(manager, account.id, 'principal role transferred');
      }
      const outcome = transferOutcomeText(organisation, transfer);
      await this.trail.record(
        manager,
        by.actor,
        by.meta,
        'grant.transferred',
        account,
        { organisation, role: previous.role },
        {
          ...by.details,
          transfer,
          outcome,
          successorAccountId: newAccountId,
          designatedBy: by.byName,
          ...(replacement ? { replacement } : {}),
          ...(closed ? { accountDisabled: true } : {}),
        },
      );
      emailIds.push(
        await this.mail.enqueue(manager, {
          to: account.email,
          subject: 'TDB — transfert de votre rôle d’administrateur principal',
          text: [
            `Bonjour ${account.firstName} ${account.lastName},`,
            '',
            `${by.byName} a désigné une autre personne comme ${ROLE_LABELS[previous.role]} de ${label}. Une organisation n’a qu’un administrateur principal : vous ne l’êtes plus.`,
            youNow(replacement),
            closed
              ? 'Votre compte, qui ne détient plus aucune habilitation, est désactivé.'
              : `Votre compte reste ouvert : ${this.mail.link('/connexion')}`,
            '',
            'Si vous pensez qu’il s’agit d’une erreur, contactez la personne qui a fait ce changement ou votre ARS.',
          ].join('\n'),
        }),
      );
    }
    return emailIds;
  }
}

/** What the previous holder now holds there, said to them. */
function youNow(replacement: GrantInput | null): string {
  switch (replacement?.role) {
    case 'CONTROLLER':
      return 'Vous y êtes désormais contrôleur : vous consultez, invalidez et confirmez les données, sans administrer les comptes.';
    case 'READER':
      return 'Vous y êtes désormais lecteur : vous consultez les données.';
    case 'USER':
      return `Vous y êtes désormais utilisateur (${(replacement.rights ?? []).map((r) => RIGHT_LABELS[r]).join(', ')}), sans administrer les comptes.`;
    default:
      return 'Votre habilitation sur cette organisation est retirée.';
  }
}
