import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Account, CreateAccountRequest, GrantInput, GrantOfferResult } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AccountsRepository, toGrantInput } from '../identity/accounts.repository';
import { GrantEntity } from '../identity/grant.entity';
import { MailService } from '../mail/mail.service';
import { AccountTrailService } from './account-trail.service';
import { GrantFactsService } from './grant-facts.service';
import { GrantOffersService } from './grant-offers.service';

/** Grants given and taken away, down the delegation (each decided by the policy with its facts). */
@Injectable()
export class GrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly accountRows: AccountsRepository,
    private readonly grantFacts: GrantFactsService,
    private readonly offers: GrantOffersService,
    private readonly trail: AccountTrailService,
    private readonly mail: MailService,
  ) {}

  /**
   * Gives the grant to the person of the email: at once to an account the actor manages, else by
   * an invitation (a new account, or an offer to accept) with the same answer either way.
   */
  async create(
    actor: AuthenticatedActor,
    request: CreateAccountRequest,
    meta: RequestMeta,
  ): Promise<GrantOfferResult> {
    const email = request.email.trim();
    const offered = await this.dataSource.transaction(async (manager) => {
      await this.grantFacts.checkCreation(manager, actor, request.grant);
      return this.offers.offer(manager, actor, request, request.grant, meta);
    });
    await this.mail.deliver(offered.emailIds);
    if (offered.outcome === 'invited' || offered.managedAccountId === null) {
      return {
        outcome: 'INVITED',
        email,
        message: `Une invitation a été envoyée à ${email} : l’habilitation prendra effet quand la personne l’aura acceptée.`,
        account: null,
      };
    }
    if (offered.outcome === 'unchanged')
      throw new DomainError('CONFLICT', 'Ce compte a déjà ce rôle dans cette organisation.');
    return {
      outcome: 'GRANT_ADDED',
      email,
      message: `L’habilitation a été ajoutée au compte de ${email}, qui en est informé par courriel.`,
      account: await this.visibleAccount(actor, offered.managedAccountId),
    };
  }

  /** A grant added to an account the actor manages; any other account is "not found". */
  async addGrant(
    actor: AuthenticatedActor,
    accountId: string,
    grant: GrantInput,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.accountRows.load(manager, accountId, true);
      if (!(await this.grantFacts.manages(manager, actor, account)))
        throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
      await this.grantFacts.checkCreation(manager, actor, grant);
      await this.insert(manager, actor, account.id, grant);
      await this.trail.record(manager, actor, meta, 'grant.created', account, grant);
    });
    return this.visibleAccount(actor, accountId);
  }

  async revokeGrant(
    actor: AuthenticatedActor,
    accountId: string,
    grantId: string,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.accountRows.load(manager, accountId, true);
      if (!(await this.grantFacts.manages(manager, actor, account)))
        throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
      const grant = (account.grants ?? []).find((g) => g.id === grantId);
      if (!grant) throw new DomainError('NOT_FOUND', 'Cette habilitation n’existe pas sur ce compte.');
      const input = toGrantInput(grant);
      const [managed] = await this.grantFacts.managed(manager, [grant], { removing: true });
      this.access.check(actor, { type: 'grant.revoke', grant: input, ...managed });
      await manager.delete(GrantEntity, grant.id);
      await this.trail.record(manager, actor, meta, 'grant.revoked', account, input);
    });
    return this.visibleAccount(actor, accountId);
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
    await this.offers.insertGrant(manager, actor, accountId, grant);
  }

  private async visibleAccount(actor: AuthenticatedActor, accountId: string): Promise<Account> {
    return this.grantFacts.visibleTo(this.dataSource.manager, actor, await this.accountRows.view(accountId));
  }
}
