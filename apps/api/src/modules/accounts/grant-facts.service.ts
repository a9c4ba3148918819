import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPrincipalGrant, type ManagedGrant } from '@tdb/access';
import type { Account, GrantInput, OrganisationRef, PrincipalTransfer } from '@tdb/contracts';
import { findDepartment, findRegion } from '@tdb/reference';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { AccountsRepository, toGrantInput } from '../identity/accounts.repository';
import type { AccountEntity } from '../identity/account.entity';
import type { GrantEntity } from '../identity/grant.entity';
import { PrincipalsRepository, type PrincipalHolderRow } from './principals.repository';

export interface CreationOptions {
  /** What the current principal administrator becomes (APR/APE grants). */
  transfer?: PrincipalTransfer;
  /** The account receiving the grant, when known: it is not its own predecessor. */
  accountId?: string | null;
}

/** The facts the policy needs to decide on a grant: its organisation, its APEs, its principal. */
@Injectable()
export class GrantFactsService {
  constructor(
    private readonly access: AccessService,
    private readonly accountRows: AccountsRepository,
    private readonly principals: PrincipalsRepository,
  ) {}

  /**
   * Refuses (403/400/404/409) unless the actor may give `grant`. For an APR or APE grant, inside a
   * transaction, the organisation's designations are serialised until its end, and a current
   * principal administrator makes it a transfer to spell out (409 naming the holders the actor
   * manages, and only those).
   */
  async checkCreation(
    manager: EntityManager,
    actor: AuthenticatedActor,
    grant: GrantInput,
    options: CreationOptions = {},
  ): Promise<void> {
    const facts = await this.facts(manager, grant.organisation);
    const targetHasApe =
      grant.organisation.kind === 'ESMS' || grant.organisation.kind === 'OG'
        ? (await this.accountRows.apeCount(manager, grant.organisation)) > 0
        : undefined;
    let principalHolders: (string | null)[] | undefined;
    if (isPrincipalGrant(grant)) {
      await this.principals.lock(manager, grant.organisation);
      const holders = await this.principals.holders(manager, grant.organisation, options.accountId ?? null);
      principalHolders = await this.disclosed(manager, actor, holders);
    }
    this.access.check(actor, {
      type: 'grant.create',
      target: grant,
      ...facts,
      targetHasApe,
      ...(principalHolders ? { principalHolders } : {}),
      ...(options.transfer ? { transfer: options.transfer } : {}),
    });
  }

  /** Each holder's name when the actor manages that account (issue 13: never disclose the others), else null. */
  async disclosed(
    manager: EntityManager,
    actor: AuthenticatedActor,
    holders: readonly PrincipalHolderRow[],
  ): Promise<(string | null)[]> {
    const names: (string | null)[] = [];
    for (const holder of holders) {
      const account = await this.accountRows.load(manager, holder.account_id);
      names.push(
        (await this.manages(manager, actor, account)) ? `${holder.first_name} ${holder.last_name}` : null,
      );
    }
    return names;
  }

  /** Facts about the organisation of a grant; an unknown FINESS is a 404, not a refusal. */
  async facts(manager: EntityManager, organisation: OrganisationRef) {
    if (organisation.kind === 'ESMS') {
      const targetStructure = await this.access.structureFacts(organisation.code, manager);
      if (!targetStructure)
        throw new DomainError('NOT_FOUND', `Aucune structure n’a le numéro FINESS ${organisation.code}.`);
      return { targetStructure };
    }
    if (organisation.kind === 'OG') {
      const targetOrganisation = await this.access.organisationFacts(organisation.code, manager);
      if (!targetOrganisation)
        throw new DomainError(
          'NOT_FOUND',
          `Aucun organisme gestionnaire n’a le numéro FINESS juridique ${organisation.code}.`,
        );
      return { targetOrganisation };
    }
    if (organisation.kind === 'ARS' && !findRegion(organisation.code))
      throw new DomainError('NOT_FOUND', `Région inconnue : ${organisation.code}.`);
    if (organisation.kind === 'CD' && !findDepartment(organisation.code))
      throw new DomainError('NOT_FOUND', `Département inconnu : ${organisation.code}.`);
    return {};
  }

  /** The account's grants with their facts; `removing`: as they would be once that account loses them. */
  async managed(
    manager: EntityManager,
    grants: GrantEntity[],
    options: { removing?: boolean } = {},
  ): Promise<ManagedGrant[]> {
    return this.managedInputs(manager, grants.map(toGrantInput), {
      ...options,
      accountId: grants[0]?.accountId ?? null,
    });
  }

  async managedInputs(
    manager: EntityManager,
    grants: readonly GrantInput[],
    options: { removing?: boolean; accountId?: string | null } = {},
  ): Promise<ManagedGrant[]> {
    const result: ManagedGrant[] = [];
    for (const input of grants) {
      const kind = input.organisation.kind;
      const onStructure = kind === 'ESMS' || kind === 'OG';
      const facts = onStructure ? await this.facts(manager, input.organisation).catch(() => ({})) : {};
      const apeCount = onStructure ? await this.accountRows.apeCount(manager, input.organisation) : 0;
      // The APEs left once this account loses its grant (a disabled account's is not counted).
      const remaining =
        options.removing && input.role === 'APE'
          ? await this.accountRows.apeCount(manager, input.organisation, options.accountId ?? null)
          : undefined;
      result.push({
        ...input,
        ...facts,
        // Whether the structure has an APE decides if an APR may manage its users (fallback).
        targetHasApe: onStructure ? apeCount > 0 : undefined,
        remainingApeCount: remaining,
      });
    }
    return result;
  }

  /** Whether the actor manages the account (itself, or one of its grants): the policy's account.read. */
  async manages(manager: EntityManager, actor: AuthenticatedActor, account: AccountEntity): Promise<boolean> {
    return this.access.decision(actor, {
      type: 'account.read',
      targetAccountId: account.id,
      targetGrants: await this.managed(manager, account.grants ?? []),
    }).allowed;
  }

  /**
   * The account as the actor may see it: every grant for itself and the national administrator,
   * otherwise only the grants it manages (a person's other rights are not the manager's business).
   */
  async visibleTo(manager: EntityManager, actor: AuthenticatedActor, account: Account): Promise<Account> {
    if (account.id === actor.accountId) return account;
    if (
      this.access.decision(actor, { type: 'account.read', targetAccountId: account.id, targetGrants: [] })
        .allowed
    )
      return account;
    const facts = await this.managedInputs(manager, account.grants);
    return {
      ...account,
      grants: account.grants.filter(
        (_, i) =>
          this.access.decision(actor, {
            type: 'account.read',
            targetAccountId: account.id,
            targetGrants: [facts[i]!],
          }).allowed,
      ),
    };
  }
}
