import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { organisationLabel } from '@tdb/access';
import type { Account, Grant, GrantInput, OrganisationRef } from '@tdb/contracts';
import { DomainError } from '../../common/errors/domain-error';
import { AccountEntity } from './account.entity';
import { GrantEntity } from './grant.entity';
import { OneTimeTokenEntity } from './one-time-token.entity';
import { SessionEntity } from './session.entity';

export const toGrantInput = (g: GrantEntity): GrantInput => ({
  organisation: { kind: g.organisationKind, code: g.organisationCode },
  role: g.role,
  rights: g.rights,
  entryDomains: g.entryDomains,
  validFrom: g.validFrom,
  validUntil: g.validUntil,
});

/**
 * The `accounts` and `grants` tables as the rest of the API reads them: an account with its grants,
 * and the account as the API answers it (grants labelled with their organisations' names).
 */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An account and its grants (oldest first); a malformed or unknown id is a 404. */
  async load(manager: EntityManager, id: string, lock = false): Promise<AccountEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
    const builder = manager.getRepository(AccountEntity).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) builder.setLock('pessimistic_write');
    const account = await builder.getOne();
    if (!account) throw new DomainError('NOT_FOUND', 'Ce compte n’existe pas.');
    account.grants = await manager
      .getRepository(GrantEntity)
      .find({ where: { accountId: id }, order: { createdAt: 'ASC' } });
    return account;
  }

  /** The account of an email address, matched without case. */
  findByEmail(
    manager: EntityManager,
    email: string,
    options: { lock?: boolean } = {},
  ): Promise<AccountEntity | null> {
    const builder = manager
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('lower(a.email) = lower(:email)', { email });
    if (options.lock) builder.setLock('pessimistic_write');
    return builder.getOne();
  }

  /** The account with its secrets (password hash, TOTP secret), by id or by email; never answered as is. */
  findWithSecrets(key: { id: string } | { email: string }): Promise<AccountEntity | null> {
    const builder = this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .addSelect('a.totpSecret');
    return (
      'id' in key
        ? builder.where('a.id = :id', { id: key.id })
        : builder.where('lower(a.email) = lower(:email)', { email: key.email })
    ).getOne();
  }

  /** A single-use link by the hash of its secret, locked for the transaction that uses it. */
  lockToken(manager: EntityManager, tokenHash: string): Promise<OneTimeTokenEntity | null> {
    return manager
      .getRepository(OneTimeTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  /** Closes a session by its id and current secret; the provider's ID token when it had one. */
  async closeSession(sessionId: string, tokenHash: string): Promise<string | null> {
    const [rows] = (await this.dataSource.query(
      // The provider's ID token is not kept past the session: read, then cleared.
      `UPDATE sessions s SET revoked_at = now(), revoked_reason = 'logout', oidc_id_token = NULL
         FROM (SELECT id, oidc_id_token FROM sessions WHERE id = $1 FOR UPDATE) old
       WHERE s.id = old.id AND s.token_hash = $2 AND s.revoked_at IS NULL
       RETURNING old.oidc_id_token`,
      [sessionId, tokenHash],
    )) as [{ oidc_id_token: string | null }[], number];
    return rows[0]?.oidc_id_token ?? null;
  }

  /** A session, locked for the refresh that rotates it. */
  lockSession(manager: EntityManager, sessionId: string): Promise<SessionEntity | null> {
    return manager
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id: sessionId })
      .getOne();
  }

  /**
   * APE grants of an organisation held by accounts that are not disabled, other than the account
   * `exceptAccountId` (the one losing its grant, when counting what remains).
   */
  async apeCount(
    manager: EntityManager,
    organisation: OrganisationRef,
    exceptAccountId: string | null = null,
  ): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.organisation_kind = $1 AND g.organisation_code = $2 AND g.role = 'APE' AND a.status <> 'DISABLED'
          AND ($3::uuid IS NULL OR a.id <> $3::uuid)`,
      [organisation.kind, organisation.code, exceptAccountId],
    );
    return row.n;
  }

  /** Whether the account has a password (an invited account has none yet). */
  async hasPassword(manager: EntityManager, accountId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT password_hash IS NOT NULL AS has FROM accounts WHERE id = $1`, [
      accountId,
    ]);
    return !!row?.has;
  }

  /** Whether the account administers (national or APR) without a second factor yet. */
  async isAdministratorWithoutTotp(accountId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT a.totp_enabled,
              EXISTS (SELECT 1 FROM grants g WHERE g.account_id = a.id AND g.role IN ('NATIONAL_ADMIN', 'APR')) AS is_admin
         FROM accounts a WHERE a.id = $1`,
      [accountId],
    );
    return !!row && row.is_admin && !row.totp_enabled;
  }

  /** The account as its owner sees it. */
  async view(accountId: string): Promise<Account> {
    return (await this.toContracts([await this.load(this.dataSource.manager, accountId)]))[0]!;
  }

  /** Accounts with their grants and the labels of the grants' organisations. */
  async toContracts(accounts: AccountEntity[]): Promise<Account[]> {
    const ids = accounts.map((a) => a.id);
    const grants = ids.length
      ? await this.dataSource
          .getRepository(GrantEntity)
          .find({ where: { accountId: In(ids) }, order: { createdAt: 'ASC' } })
      : [];
    const finessCodes = [
      ...new Set(
        grants
          .filter((g) => g.organisationKind === 'ESMS' || g.organisationKind === 'OG')
          .map((g) => g.organisationCode),
      ),
    ];
    const names = new Map<string, string>();
    if (finessCodes.length > 0) {
      const rows: { finess: string; name: string | null }[] = await this.dataSource.query(
        `SELECT finess, name FROM structures WHERE finess = ANY($1) UNION ALL SELECT finess, name FROM managing_organisations WHERE finess = ANY($1)`,
        [finessCodes],
      );
      for (const row of rows) if (row.name) names.set(`${row.finess}`, row.name);
    }
    // Organisations with more than one principal administrator (from before the rule, issue 14).
    const principals = grants.filter(
      (g) =>
        (g.role === 'APR' && (g.organisationKind === 'ARS' || g.organisationKind === 'CD')) ||
        (g.role === 'APE' && (g.organisationKind === 'OG' || g.organisationKind === 'ESMS')),
    );
    const shared = new Set<string>();
    if (principals.length > 0) {
      const rows: { kind: string; code: string }[] = await this.dataSource.query(
        `SELECT g.organisation_kind AS kind, g.organisation_code AS code
           FROM grants g JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
          WHERE g.role IN ('APR', 'APE') AND (g.organisation_kind || ':' || g.organisation_code) = ANY($1)
          GROUP BY g.organisation_kind, g.organisation_code, g.role
         HAVING count(*) > 1`,
        [[...new Set(principals.map((g) => `${g.organisationKind}:${g.organisationCode}`))]],
      );
      for (const row of rows) shared.add(`${row.kind}:${row.code}`);
    }
    const label = (g: GrantEntity): string => {
      const ref = { kind: g.organisationKind, code: g.organisationCode };
      const name = names.get(g.organisationCode);
      return name ? `${name} (${g.organisationCode})` : organisationLabel(ref);
    };
    const today = new Date();
    return accounts.map((account) => ({
      id: account.id,
      email: account.email,
      firstName: account.firstName,
      lastName: account.lastName,
      phone: account.phone,
      status:
        account.status === 'ACTIVE' && account.lockedUntil && account.lockedUntil > today
          ? 'LOCKED'
          : account.status,
      totpEnabled: account.totpEnabled,
      grants: grants
        .filter((g) => g.accountId === account.id)
        .map((g): Grant => ({
          id: g.id,
          ...toGrantInput(g),
          rights: g.rights,
          entryDomains: g.entryDomains,
          validFrom: g.validFrom,
          validUntil: g.validUntil,
          organisationLabel: label(g),
          createdAt: g.createdAt.toISOString(),
          createdBy: g.createdBy,
          ...(principals.includes(g)
            ? { duplicatePrincipal: shared.has(`${g.organisationKind}:${g.organisationCode}`) }
            : {}),
        })),
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
      createdAt: account.createdAt.toISOString(),
      version: account.version,
    }));
  }
}
