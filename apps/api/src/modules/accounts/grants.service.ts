import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { organisationLabel } from '@tdb/access';
import type { Account, CreateAccountRequest, GrantInput } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository, toGrantInput } from '../identity/accounts.repository';
import { GrantEntity } from '../identity/grant.entity';
import { OneTimeTokensService } from '../identity/one-time-tokens.service';
import { MailService } from '../mail/mail.service';
import { AccountTrailService } from './account-trail.service';
import { GrantFactsService } from './grant-facts.service';

/** Grants given and taken away, down the delegation (each decided by the policy with its facts). */
@Injectable()
export class GrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly accountRows: AccountsRepository,
    private readonly grantFacts: GrantFactsService,
    private readonly tokens: OneTimeTokensService,
    private readonly trail: AccountTrailService,
    private readonly mail: MailService,
  ) {}

  /** Creates the account (or adds the grant to the existing account of that email) and invites it. */
  async create(
    actor: AuthenticatedActor,
    request: CreateAccountRequest,
    meta: RequestMeta,
  ): Promise<Account> {
    const emailIds: string[] = [];
    const accountId = await this.dataSource.transaction(async (manager) => {
      await this.grantFacts.checkCreation(manager, actor, request.grant);
      const email = request.email.trim();
      let account = await this.accountRows.findByEmail(manager, email, { lock: true });
      const isNew = !account;
      if (!account) {
        account = await manager.getRepository(AccountEntity).save({
          email,
          firstName: request.firstName.trim(),
          lastName: request.lastName.trim(),
          phone: request.phone?.trim() || null,
          status: 'INVITED',
          passwordHash: null,
          totpSecret: null,
        });
      }
      await this.insert(manager, actor, account.id, request.grant);
      await this.trail.record(
        manager,
        actor,
        meta,
        isNew ? 'account.created' : 'grant.created',
        account,
        request.grant,
      );
      if (account.status === 'INVITED') {
        emailIds.push(await this.tokens.enqueueInvitation(manager, account));
      } else {
        emailIds.push(
          await this.mail.enqueue(manager, {
            to: account.email,
            subject: 'TDB — nouvelle habilitation sur votre compte',
            text: `Bonjour ${account.firstName} ${account.lastName},\n\nUne nouvelle habilitation a été ajoutée à votre compte TDB : ${request.grant.role} — ${organisationLabel(request.grant.organisation)}.\nConnectez-vous : ${this.mail.link('/connexion')}`,
          }),
        );
      }
      return account.id;
    });
    await this.mail.deliver(emailIds);
    return this.accountRows.view(accountId);
  }

  async addGrant(
    actor: AuthenticatedActor,
    accountId: string,
    grant: GrantInput,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.accountRows.load(manager, accountId, true);
      await this.grantFacts.checkCreation(manager, actor, grant);
      await this.insert(manager, actor, account.id, grant);
      await this.trail.record(manager, actor, meta, 'grant.created', account, grant);
    });
    return this.accountRows.view(accountId);
  }

  async revokeGrant(
    actor: AuthenticatedActor,
    accountId: string,
    grantId: string,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.accountRows.load(manager, accountId, true);
      const grant = (account.grants ?? []).find((g) => g.id === grantId);
      if (!grant) throw new DomainError('NOT_FOUND', 'Cette habilitation n’existe pas sur ce compte.');
      const input = toGrantInput(grant);
      const [managed] = await this.grantFacts.managed(manager, [grant], { removing: true });
      this.access.check(actor, { type: 'grant.revoke', grant: input, ...managed });
      await manager.delete(GrantEntity, grant.id);
      await this.trail.record(manager, actor, meta, 'grant.revoked', account, input);
    });
    return this.accountRows.view(accountId);
  }

  async insert(
    manager: EntityManager,
    actor: AuthenticatedActor,
    accountId: string,
    grant: GrantInput,
  ): Promise<void> {
    const duplicate = await manager.getRepository(GrantEntity).findOneBy({
      accountId,
      organisationKind: grant.organisation.kind,
      organisationCode: grant.organisation.code,
      role: grant.role,
    });
    if (duplicate) throw new DomainError('CONFLICT', 'Ce compte a déjà ce rôle dans cette organisation.');
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
