import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { grantLabel, organisationLabel, ROLE_LABELS } from '@tdb/access';
import type { GrantInvitationInfo } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { hashSecret } from '../../common/auth/token-hash';
import { DomainError } from '../../common/errors/domain-error';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { MailService } from '../mail/mail.service';
import { AccountTrailService } from './account-trail.service';
import { grantOf, GrantInvitationsRepository, type GrantInvitationRow } from './grant-invitations.repository';
import { GrantOffersService } from './grant-offers.service';
import { PrincipalTransferService } from './principal-transfer.service';

const dateFr = (d: Date) => d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

/**
 * The answer of a person to a grant offered by email (GrantOffersService): the link's token alone
 * proves the mailbox, as for invitations and password resets; the grant is added on acceptance.
 */
@Injectable()
export class GrantInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: GrantInvitationsRepository,
    private readonly accountRows: AccountsRepository,
    private readonly offers: GrantOffersService,
    private readonly trail: AccountTrailService,
    private readonly mail: MailService,
    private readonly transfers: PrincipalTransferService,
  ) {}

  async info(token: string): Promise<GrantInvitationInfo> {
    const row = await this.invitations.byToken(this.dataSource.manager, hashSecret(token));
    if (!row) throw unknownLink();
    return {
      email: row.email,
      role: row.role,
      organisationLabel: row.organisation_name
        ? `${row.organisation_name} (${row.organisation_code})`
        : organisationLabel(grantOf(row).organisation),
      rights: row.rights,
      entryDomains: row.entry_domains,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      invitedBy: row.invited_by_name,
      principalTransfer: row.transfer !== null,
      expiresAt: new Date(row.expires_at).toISOString(),
      status:
        row.status === 'PENDING' && new Date(row.expires_at) <= new Date()
          ? 'EXPIRED'
          : row.status === 'CANCELLED'
            ? 'EXPIRED'
            : row.status,
    };
  }

  async answer(token: string, accept: boolean, meta: RequestMeta): Promise<GrantInvitationInfo> {
    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const row = await this.invitations.byToken(manager, hashSecret(token), true);
      if (!row) throw unknownLink();
      assertPending(row);
      const account = await this.accountRows.load(manager, row.account_id, true);
      if (account.status === 'DISABLED')
        throw new DomainError('TOKEN_INVALID', 'Ce compte est désactivé : contactez votre administrateur.');
      const grant = grantOf(row);
      // The person acts on their own account: the audit names them, not the administrator.
      const self = {
        accountId: account.id,
        email: account.email,
        sessionId: '',
        grants: [],
      } as AuthenticatedActor;
      if (accept) {
        const held = (account.grants ?? []).some(
          (g) =>
            g.organisationKind === grant.organisation.kind &&
            g.organisationCode === grant.organisation.code &&
            g.role === grant.role,
        );
        if (!held) {
          await this.offers.insertGrant(manager, { accountId: row.invited_by }, account.id, grant);
          // The principal seat changes hands now, as the administrator chose when offering it; taken
          // meanwhile without a transfer chosen: 409, the offer stays pending.
          emailIds.push(
            ...(await this.transfers.apply(manager, grant, account.id, row.transfer ?? undefined, {
              actor: self,
              byName: row.invited_by_name ?? 'Un administrateur',
              meta,
              details: { offeredBy: row.invited_by_name },
            })),
          );
        }
      }
      await this.invitations.decide(manager, row.id, accept ? 'ACCEPTED' : 'DECLINED');
      await this.trail.record(
        manager,
        self,
        meta,
        accept ? 'grant.accepted' : 'grant.declined',
        account,
        grant,
        {
          offeredBy: row.invited_by_name,
        },
      );
      const inviter = row.invited_by
        ? await manager.getRepository(AccountEntity).findOneBy({ id: row.invited_by })
        : null;
      if (inviter && inviter.status !== 'DISABLED') {
        emailIds.push(
          await this.mail.enqueue(manager, {
            to: inviter.email,
            subject: `TDB — habilitation ${accept ? 'acceptée' : 'refusée'}`,
            text: `Bonjour ${inviter.firstName} ${inviter.lastName},\n\n${account.email} a ${accept ? 'accepté' : 'refusé'} l’habilitation que vous lui avez proposée : ${grantLabel(grant)}.`,
          }),
        );
      }
    });
    await this.mail.deliver(emailIds);
    return this.info(token);
  }
}

function unknownLink(): DomainError {
  return new DomainError(
    'NOT_FOUND',
    'Ce lien ne correspond à aucune proposition d’habilitation : vérifiez qu’il est complet.',
  );
}

function assertPending(row: GrantInvitationRow): void {
  if (row.status === 'ACCEPTED' || row.status === 'DECLINED')
    throw new DomainError(
      'TOKEN_INVALID',
      `Vous avez déjà ${row.status === 'ACCEPTED' ? 'accepté' : 'refusé'} cette proposition (${ROLE_LABELS[row.role]}).`,
    );
  if (row.status === 'CANCELLED')
    throw new DomainError(
      'TOKEN_INVALID',
      'Cette proposition a été remplacée par une plus récente : ouvrez le dernier courriel reçu.',
    );
  if (new Date(row.expires_at) <= new Date())
    throw new DomainError(
      'TOKEN_INVALID',
      `Cette proposition a expiré le ${dateFr(new Date(row.expires_at))} : demandez à la personne qui vous l’a faite de la renouveler.`,
    );
}
