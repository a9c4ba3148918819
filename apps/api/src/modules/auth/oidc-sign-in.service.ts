import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OidcFailureReason } from '@tdb/contracts';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { hashSecret, newSecret } from '../../common/auth/token-hash';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AccountsRepository } from '../identity/accounts.repository';
import { OneTimeTokenEntity } from '../identity/one-time-token.entity';
import { OidcProviderClient, type ProviderIdentity } from './oidc-provider.client';
import { OidcSignInsRepository, type LinkableAccount, type PendingSignIn } from './oidc-sign-ins.repository';
import { SessionsService, type IssuedSession } from './sessions.service';

/** A sign-in at the provider has this long to come back. */
export const OIDC_SIGN_IN_TTL_MS = 10 * 60_000;

export type CallbackOutcome =
  | { ok: true; session: IssuedSession; returnTo: string | null }
  | { ok: false; reason: OidcFailureReason; email: string | null };

/** A refusal of the callback: the reason shown by the SPA, the address it names, the audit detail. */
class Refusal extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    readonly email: string | null = null,
    readonly account: LinkableAccount | null = null,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

/** A path of the SPA to go back to: relative, on this site. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : null;
}

/**
 * Sign-in through the OpenID Connect provider. The provider says who the person is; rights never
 * come from it: the identity (issuer, subject) is linked to an existing account, by the verified
 * address on the first sign-in or by an invitation accepted through the provider, and the session
 * is the same as after a password sign-in. Every sign-in, link and refusal is in the audit log.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provider: OidcProviderClient,
    private readonly repository: OidcSignInsRepository,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** Starts a sign-in: the provider's URL and the random key of the cookie that finds it again. */
  async start(
    invitationToken: string | undefined,
    returnTo: string | undefined,
  ): Promise<{ url: string; key: string }> {
    const checks = this.provider.newChecks();
    const url = await this.provider.authorizationUrl(checks);
    const key = newSecret();
    await this.repository.insert(
      hashSecret(key),
      {
        ...checks,
        invitationTokenHash: invitationToken ? hashSecret(invitationToken) : null,
        returnTo: safeReturnTo(returnTo),
      },
      new Date(Date.now() + OIDC_SIGN_IN_TTL_MS),
    );
    return { url, key };
  }

  /** The provider's answer: a session, or the reason of the refusal (never an exception). */
  async callback(
    key: string | undefined,
    query: Record<string, unknown>,
    rawQuery: string,
    meta: RequestMeta,
  ): Promise<CallbackOutcome> {
    const pending = key ? await this.repository.take(hashSecret(key)) : null;
    try {
      if (!pending) throw new Refusal('EXPIRED', null, null, 'no sign-in in progress for this browser');
      if (typeof query['error'] === 'string') {
        throw new Refusal('CANCELLED', null, null, `provider error ${query['error']}`);
      }
      if (query['state'] !== pending.state) throw new Refusal('STATE_MISMATCH', null, null, 'state mismatch');
      let identity: ProviderIdentity;
      try {
        identity = await this.provider.exchange(rawQuery, pending);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw new Refusal('INVALID_RESPONSE', null, null, (error as Error).message);
      }
      const session = await this.signIn(identity, pending, meta);
      return { ok: true, session, returnTo: pending.returnTo };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, reason: 'UNAVAILABLE', email: null };
      if (!(error instanceof Refusal)) throw error;
      this.logger.warn(`OIDC sign-in refused (${error.reason}): ${error.detail ?? ''}`);
      await this.audit.record(this.dataSource.manager, {
        actorId: error.account?.id ?? null,
        actorEmail: error.account?.email ?? null,
        action: 'auth.oidc_refused',
        targetType: error.account ? 'account' : error.email ? 'email' : null,
        targetId: error.account?.id ?? null,
        targetLabel: error.account?.email ?? error.email,
        details: { reason: error.reason, detail: error.detail?.slice(0, 300) ?? null },
        ipAddress: meta.ipAddress,
      });
      return { ok: false, reason: error.reason, email: error.email };
    }
  }

  private signIn(
    identity: ProviderIdentity,
    pending: PendingSignIn,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    return this.dataSource.transaction(async (manager) => {
      const linked = await this.repository.byIdentity(manager, identity.issuer, identity.subject);
      let account: LinkableAccount;
      if (pending.invitationTokenHash) {
        account = await this.acceptInvitation(manager, pending.invitationTokenHash, identity, linked, meta);
      } else if (linked) {
        account = linked;
      } else {
        account = await this.linkByEmail(manager, identity, meta);
      }
      if (account.status === 'DISABLED') {
        throw new Refusal('ACCOUNT_DISABLED', account.email, account, 'account disabled');
      }
      if (account.status !== 'ACTIVE' && !pending.invitationTokenHash) {
        throw new Refusal('INVITATION_PENDING', account.email, account, 'invitation not accepted');
      }
      await this.repository.signedIn(manager, account.id, false);
      await this.audit.record(manager, {
        actorId: account.id,
        actorEmail: account.email,
        action: 'auth.oidc_login',
        targetType: 'account',
        targetId: account.id,
        targetLabel: account.email,
        details: { issuer: identity.issuer },
        ipAddress: meta.ipAddress,
      });
      return this.sessions.openSession(manager, account.id, meta, identity.idToken);
    });
  }

  /** First sign-in: the identity joins the account that has its address, if the provider verified it. */
  private async linkByEmail(
    manager: EntityManager,
    identity: ProviderIdentity,
    meta: RequestMeta,
  ): Promise<LinkableAccount> {
    if (!identity.email) throw new Refusal('NO_EMAIL', null, null, 'no email claim');
    if (!identity.emailVerified) {
      throw new Refusal('EMAIL_NOT_VERIFIED', identity.email, null, 'email not verified by the provider');
    }
    const account = await this.repository.byEmailForUpdate(manager, identity.email);
    if (!account) throw new Refusal('UNKNOWN_IDENTITY', identity.email, null, 'no account with this email');
    if (account.status === 'INVITED') {
      throw new Refusal('INVITATION_PENDING', identity.email, account, 'invitation not accepted');
    }
    if (account.oidcSubject && account.oidcIssuer === identity.issuer) {
      // The account is another identity's at this provider: a new identity does not take it over.
      throw new Refusal('ALREADY_LINKED', identity.email, account, 'account linked to another subject');
    }
    await this.link(manager, account, identity, 'email', meta);
    return account;
  }

  /** An invitation accepted through the provider: whoever holds the link gets the account. */
  private async acceptInvitation(
    manager: EntityManager,
    tokenHash: string,
    identity: ProviderIdentity,
    linked: LinkableAccount | null,
    meta: RequestMeta,
  ): Promise<LinkableAccount> {
    const token = await this.accounts.lockToken(manager, tokenHash);
    if (!token || token.purpose !== 'INVITATION' || token.usedAt || token.expiresAt <= new Date()) {
      throw new Refusal('INVITATION_INVALID', identity.email, null, 'invitation link used or expired');
    }
    const account = await this.repository.byIdForUpdate(manager, token.accountId);
    if (!account || account.status === 'DISABLED') {
      throw new Refusal('ACCOUNT_DISABLED', account?.email ?? null, account, 'account disabled');
    }
    if (linked && linked.id !== account.id) {
      throw new Refusal('ALREADY_LINKED', identity.email, linked, 'identity linked to another account');
    }
    if (
      account.oidcSubject &&
      account.oidcIssuer === identity.issuer &&
      account.oidcSubject !== identity.subject
    ) {
      throw new Refusal('ALREADY_LINKED', account.email, account, 'account linked to another subject');
    }
    if (!linked) await this.link(manager, account, identity, 'invitation', meta);
    await this.repository.signedIn(manager, account.id, true);
    await manager.update(OneTimeTokenEntity, token.id, { usedAt: new Date() });
    await this.audit.record(manager, {
      actorId: account.id,
      actorEmail: account.email,
      action: 'auth.invitation_accepted',
      targetType: 'account',
      targetId: account.id,
      targetLabel: account.email,
      details: { through: 'oidc' },
      ipAddress: meta.ipAddress,
    });
    return { ...account, status: 'ACTIVE' };
  }

  private async link(
    manager: EntityManager,
    account: LinkableAccount,
    identity: ProviderIdentity,
    by: 'email' | 'invitation',
    meta: RequestMeta,
  ): Promise<void> {
    await this.repository.link(manager, account.id, identity.issuer, identity.subject);
    await this.audit.record(manager, {
      actorId: account.id,
      actorEmail: account.email,
      action: 'auth.oidc_linked',
      targetType: 'account',
      targetId: account.id,
      targetLabel: account.email,
      details: { issuer: identity.issuer, subject: identity.subject, by, providerEmail: identity.email },
      ipAddress: meta.ipAddress,
    });
  }
}
