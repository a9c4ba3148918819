import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isPrincipalGrant, ROLE_LABELS } from '@tdb/access';
import type { Account, AccountSearchQuery, Paginated, UpdateAccountRequest } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { LoginThrottlesRepository } from '../identity/login-throttles.repository';
import { OneTimeTokensService } from '../identity/one-time-tokens.service';
import { SessionsRepository } from '../identity/sessions.repository';
import { MailService } from '../mail/mail.service';
import { AccountTrailService } from './account-trail.service';
import { GrantFactsService } from './grant-facts.service';
import { ManagedAccountsRepository } from './managed-accounts.repository';
import { PrincipalsRepository } from './principals.repository';

/**
 * Accounts, delegated down the hierarchy. Every decision goes through the policy (@tdb/access) with
 * the facts of the organisations concerned; lists are filtered in SQL.
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly accountRows: AccountsRepository,
    private readonly managedAccounts: ManagedAccountsRepository,
    private readonly grantFacts: GrantFactsService,
    private readonly sessionRows: SessionsRepository,
    private readonly tokens: OneTimeTokensService,
    private readonly trail: AccountTrailService,
    private readonly mail: MailService,
    private readonly throttles: LoginThrottlesRepository,
    private readonly principals: PrincipalsRepository,
  ) {}

  async search(actor: AuthenticatedActor, query: AccountSearchQuery): Promise<Paginated<Account>> {
    const page = await this.managedAccounts.search(actor, query);
    const items: Account[] = [];
    for (const account of page.items)
      items.push(await this.grantFacts.visibleTo(this.dataSource.manager, actor, account));
    return { ...page, items };
  }

  async get(actor: AuthenticatedActor, id: string): Promise<Account> {
    await this.loadManaged(this.dataSource.manager, actor, id);
    return this.visible(actor, id);
  }

  /**
   * The account if the actor manages it (itself, or one of its grants). Any other account answers
   * as one that does not exist: an id must not tell whether someone has an account (issue 13).
   */
  private async loadManaged(
    manager: EntityManager,
    actor: AuthenticatedActor,
    id: string,
    lock = false,
  ): Promise<AccountEntity> {
    const account = await this.accountRows.load(manager, id, lock);
    if (!(await this.grantFacts.manages(manager, actor, account)))
      throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
    return account;
  }

  /** The account as the actor may see it (only the grants it manages, unless itself or national). */
  private async visible(actor: AuthenticatedActor, id: string): Promise<Account> {
    return this.grantFacts.visibleTo(this.dataSource.manager, actor, await this.accountRows.view(id));
  }

  async update(
    actor: AuthenticatedActor,
    accountId: string,
    request: UpdateAccountRequest,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.loadManaged(manager, actor, accountId, true);
      const changes: ('names' | 'phone')[] = [];
      if (request.firstName !== undefined || request.lastName !== undefined) changes.push('names');
      if (request.phone !== undefined) changes.push('phone');
      this.access.check(actor, {
        type: 'account.update',
        targetAccountId: accountId,
        targetGrants: await this.grantFacts.managed(manager, account.grants ?? []),
        changes,
      });
      if (account.version !== request.version) {
        throw new DomainError(
          'STALE_VERSION',
          'Ce compte a été modifié entre-temps : rechargez la page puis recommencez.',
          undefined,
          'Stale account version',
          {
            current: { version: account.version },
          },
        );
      }
      if (request.firstName !== undefined) account.firstName = request.firstName.trim();
      if (request.lastName !== undefined) account.lastName = request.lastName.trim();
      if (request.phone !== undefined) account.phone = request.phone?.trim() || null;
      delete account.grants;
      await manager.getRepository(AccountEntity).save(account);
      await this.trail.record(manager, actor, meta, 'account.updated', account, null, { changes });
    });
    return this.visible(actor, accountId);
  }

  async setDisabled(
    actor: AuthenticatedActor,
    accountId: string,
    disabled: boolean,
    meta: RequestMeta,
  ): Promise<Account> {
    await this.dataSource.transaction(async (manager) => {
      const account = await this.loadManaged(manager, actor, accountId, true);
      const targetGrants = await this.grantFacts.managed(manager, account.grants ?? [], {
        removing: disabled,
      });
      this.access.check(actor, {
        type: 'account.update',
        targetAccountId: accountId,
        targetGrants,
        changes: [disabled ? 'disable' : 'enable'],
      });
      if (!disabled) await this.checkPrincipalSeats(manager, actor, account);
      const status = disabled
        ? 'DISABLED'
        : (await this.accountRows.hasPassword(manager, accountId))
          ? 'ACTIVE'
          : 'INVITED';
      await manager.update(AccountEntity, accountId, { status, failedLoginCount: 0, lockedUntil: null });
      await this.throttles.clearForAccount(manager, accountId);
      if (disabled) {
        await this.sessionRows.revokeAll(manager, accountId, 'account disabled');
      }
      await this.trail.record(
        manager,
        actor,
        meta,
        disabled ? 'account.disabled' : 'account.enabled',
        account,
        null,
      );
    });
    return this.visible(actor, accountId);
  }

  /**
   * Re-enabling an account must not give an organisation a second principal administrator: where
   * someone else was designated meanwhile, the account's APR/APE grant is to be removed first.
   */
  private async checkPrincipalSeats(
    manager: EntityManager,
    actor: AuthenticatedActor,
    account: AccountEntity,
  ): Promise<void> {
    for (const grant of account.grants ?? []) {
      const input = {
        organisation: { kind: grant.organisationKind, code: grant.organisationCode },
        role: grant.role,
      };
      if (!isPrincipalGrant(input)) continue;
      await this.principals.lock(manager, input.organisation);
      const others = await this.principals.holders(manager, input.organisation, account.id);
      if (others.length === 0) continue;
      const names = (await this.grantFacts.disclosed(manager, actor, others)).filter(
        (n): n is string => n !== null,
      );
      throw new DomainError(
        'PRINCIPAL_HELD',
        `${await this.principals.label(manager, input.organisation)} a désormais un autre administrateur principal${
          names.length > 0 ? ` (${names.join(', ')})` : ''
        } : retirez d’abord à ce compte son habilitation « ${ROLE_LABELS[grant.role]} » de cette organisation, puis réactivez-le.`,
      );
    }
  }

  async resendInvitation(actor: AuthenticatedActor, accountId: string, meta: RequestMeta): Promise<void> {
    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const account = await this.loadManaged(manager, actor, accountId, true);
      this.access.check(actor, {
        type: 'account.update',
        targetAccountId: accountId,
        targetGrants: await this.grantFacts.managed(manager, account.grants ?? []),
        // Re-inviting gives the account its access back: the same rule as enabling it.
        changes: ['enable'],
      });
      if (account.status !== 'INVITED') {
        throw new DomainError(
          'CONFLICT',
          'Ce compte est déjà activé : son titulaire peut utiliser « Mot de passe oublié ».',
        );
      }
      emailIds.push(await this.tokens.enqueueInvitation(manager, account));
      await this.trail.record(manager, actor, meta, 'account.invitation_sent', account, null);
    });
    await this.mail.deliver(emailIds);
  }
}
