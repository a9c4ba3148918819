import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isPrincipalGrant, principalRoleOf, transferOptions } from '@tdb/access';
import type {
  Account,
  AddGrantRequest,
  CreateAccountRequest,
  GrantInput,
  GrantOfferResult,
  OrganisationRef,
  PrincipalSeat,
  PrincipalTransfer,
} from '@tdb/contracts';
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
import { PrincipalTransferService } from './principal-transfer.service';
import { PrincipalsRepository } from './principals.repository';

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
    private readonly principals: PrincipalsRepository,
    private readonly transfers: PrincipalTransferService,
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
    const transfer = request.transfer;
    const offered = await this.dataSource.transaction(async (manager) => {
      // The person already holding the seat is not their own predecessor ("déjà ce rôle", or invited).
      const person = await this.accountRows.findByEmail(manager, email);
      await this.grantFacts.checkCreation(manager, actor, request.grant, {
        accountId: person?.id ?? null,
        ...(transfer ? { transfer } : {}),
      });
      return this.offers.offer(manager, actor, request, request.grant, meta, {
        ...(transfer ? { transfer } : {}),
      });
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

  /**
   * A grant added to an account the actor manages; any other account is "not found". An APR/APE
   * grant where the organisation has one is a transfer (`request.transfer`).
   */
  async addGrant(
    actor: AuthenticatedActor,
    accountId: string,
    request: AddGrantRequest,
    meta: RequestMeta,
  ): Promise<Account> {
    const { transfer, ...grant } = request;
    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const account = await this.accountRows.load(manager, accountId, true);
      if (!(await this.grantFacts.manages(manager, actor, account)))
        throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
      await this.grantFacts.checkCreation(manager, actor, grant, {
        accountId: account.id,
        ...(transfer ? { transfer } : {}),
      });
      emailIds.push(...(await this.insert(manager, actor, account.id, grant, meta, transfer)));
      await this.trail.record(manager, actor, meta, 'grant.created', account, grant, {
        ...(transfer ? { transfer } : {}),
      });
    });
    await this.mail.deliver(emailIds);
    return this.visibleAccount(actor, accountId);
  }

  /**
   * The principal administrator seat of an organisation, for the form that designates one: who
   * holds it (named only when the actor manages that account) and what a transfer may make of
   * them. Asked only by someone who may designate that principal (else 403, nothing disclosed).
   */
  async seat(actor: AuthenticatedActor, organisation: OrganisationRef): Promise<PrincipalSeat> {
    const role = principalRoleOf(organisation.kind);
    if (!role)
      throw new DomainError(
        'VALIDATION_FAILED',
        'Seules une ARS, un Département, un OG ou une structure ont un administrateur principal.',
      );
    const manager = this.dataSource.manager;
    const grant: GrantInput = { organisation, role };
    const facts = await this.grantFacts.facts(manager, organisation);
    this.access.check(actor, { type: 'grant.create', target: grant, ...facts });
    const holders = await this.principals.holders(manager, organisation);
    const names = await this.grantFacts.disclosed(manager, actor, holders);
    return {
      organisation,
      organisationLabel: await this.principals.label(manager, organisation),
      role,
      holders: holders
        .filter((_, i) => names[i] !== null)
        .map((h) => ({
          accountId: h.account_id,
          firstName: h.first_name,
          lastName: h.last_name,
          email: h.email,
          status: h.status,
        })),
      undisclosed: names.filter((n) => n === null).length,
      transferOptions: [...transferOptions(organisation.kind)],
    };
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

  /** Writes the grant (never twice the same) and hands the principal seat over; returns emails to send. */
  async insert(
    manager: EntityManager,
    actor: AuthenticatedActor,
    accountId: string,
    grant: GrantInput,
    meta: RequestMeta,
    transfer: PrincipalTransfer | undefined,
  ): Promise<string[]> {
    const duplicate = await manager.getRepository(GrantEntity).findOneBy({
      accountId,
      organisationKind: grant.organisation.kind,
      organisationCode: grant.organisation.code,
      role: grant.role,
    });
    if (duplicate) throw new DomainError('CONFLICT', 'Ce compte a déjà ce rôle dans cette organisation.');
    await this.offers.insertGrant(manager, actor, accountId, grant);
    if (!isPrincipalGrant(grant)) return [];
    return this.transfers.apply(
      manager,
      grant,
      accountId,
      transfer,
      await this.offers.designation(manager, actor, meta),
    );
  }

  private async visibleAccount(actor: AuthenticatedActor, accountId: string): Promise<Account> {
    return this.grantFacts.visibleTo(this.dataSource.manager, actor, await this.accountRows.view(accountId));
  }
}
