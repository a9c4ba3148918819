import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { SessionInfo } from '@tdb/contracts';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { hashSecret, newSecret } from '../../common/auth/token-hash';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AuthoritySignInService } from '../settings/authority-sign-in.service';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { normalisedEmail } from '../identity/login-throttle';
import { LoginThrottlesRepository } from '../identity/login-throttles.repository';
import { SessionEntity } from '../identity/session.entity';
import { verifyTotp } from './totp';

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  /** "<session id>.<secret>", for the httpOnly cookie. */
  refreshToken: string;
  refreshExpiresAt: Date;
  accountId: string;
}

const INVALID_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
/** Old counters are pruned by about one sign-in in a hundred. */
const PRUNE_CHANCE = 0.01;
// A real hash to verify against when the account does not exist, so timing does not tell.
const DUMMY_HASH = hash('tdb-dummy-password-for-timing');

const frenchTime = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    date,
  );

/**
 * Sign-in and sessions: a short-lived access token (JWT) and a rotating refresh token per session,
 * whose family is revoked when a used token comes back.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly throttles: LoginThrottlesRepository,
    private readonly authoritySignIn: AuthoritySignInService,
  ) {}

  /**
   * Every refusal is the same whether an account has the address or not: the blocked attempt is
   * answered before the account is even looked up, and a failure runs the same statements (a real
   * hash verified against a dummy one for an unknown address). Nothing locks an account: failures
   * slow down the address from that IP, then the address (LoginThrottlesRepository).
   */
  async login(
    email: string,
    password: string,
    totpCode: string | undefined,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const refused = await this.throttles.refuseIfBlocked(email, meta.ipAddress);
    if (refused) {
      if (refused.auditCount !== null) {
        await this.audit.record(this.dataSource.manager, {
          actorId: null,
          actorEmail: null,
          action: 'auth.login_throttled',
          targetType: 'email',
          targetLabel: normalisedEmail(email),
          details: { refusedAttempts: refused.auditCount, blockedUntil: refused.blockedUntil.toISOString() },
          ipAddress: meta.ipAddress,
        });
      }
      throw this.throttled(refused.blockedUntil);
    }
    if (Math.random() < PRUNE_CHANCE) await this.throttles.prune();
    const account = await this.accounts.findWithSecrets({ email: email.trim() });
    const usable = !!account && !!account.passwordHash && account.status === 'ACTIVE';
    const passwordOk = await verify(usable ? account.passwordHash! : await DUMMY_HASH, password).catch(
      () => false,
    );
    if (usable && passwordOk) await this.refuseIfProviderRequired(account, meta);
    if (usable && passwordOk && account.totpEnabled && !totpCode) {
      throw new DomainError(
        'TOTP_REQUIRED',
        'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
      );
    }
    const secondFactorOk =
      usable &&
      (!account.totpEnabled ||
        (!!account.totpSecret && !!totpCode && verifyTotp(account.totpSecret, totpCode)));
    if (!usable || !passwordOk || !secondFactorOk) {
      const blockedUntil = await this.dataSource.transaction(async (manager) => {
        const until = await this.throttles.countFailure(manager, email, meta.ipAddress);
        await this.audit.record(manager, {
          actorId: account?.id ?? null,
          actorEmail: account?.email ?? null,
          action: 'auth.login_failed',
          targetType: account ? 'account' : 'email',
          targetId: account?.id ?? null,
          targetLabel: account?.email ?? normalisedEmail(email),
          details: {
            reason: !usable ? 'unknown' : !passwordOk ? 'password' : 'second_factor',
            blockedUntil: until?.toISOString() ?? null,
          },
          ipAddress: meta.ipAddress,
        });
        return until;
      });
      if (usable && passwordOk) {
        throw new DomainError(
          'INVALID_CREDENTIALS',
          'Code de double authentification incorrect.',
          undefined,
          'Wrong TOTP code',
        );
      }
      throw new DomainError(
        'INVALID_CREDENTIALS',
        blockedUntil ? `${INVALID_CREDENTIALS} ${this.waitMessage(blockedUntil)}` : INVALID_CREDENTIALS,
        undefined,
        `Login refused for ${email}`,
      );
    }
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      await this.throttles.clear(manager, email, meta.ipAddress);
      await manager.update(AccountEntity, account.id, {
        failedLoginCount: 0,
        lockedUntil: null,
        lastLoginAt: now,
      });
      await this.audit.record(manager, {
        actorId: account.id,
        actorEmail: account.email,
        action: 'auth.login',
        targetType: 'account',
        targetId: account.id,
        targetLabel: account.email,
        ipAddress: meta.ipAddress,
      });
      return this.openSession(manager, account.id, meta);
    });
  }

  /**
   * Staff of an authority that requires the provider sign in there only: told so once the password
   * is right (a wrong one is answered as usual, telling nothing).
   */
  private async refuseIfProviderRequired(account: AccountEntity, meta: RequestMeta): Promise<void> {
    const rule = await this.authoritySignIn.providerRequiredFor(account.id);
    if (!rule) return;
    await this.audit.record(this.dataSource.manager, {
      actorId: account.id,
      actorEmail: account.email,
      action: 'auth.password_refused',
      targetType: 'account',
      targetId: account.id,
      targetLabel: account.email,
      organisationKind: rule.kind,
      organisationCode: rule.code,
      details: { reason: 'provider_required', authority: rule.name },
      ipAddress: meta.ipAddress,
    });
    throw new DomainError(
      'PROVIDER_SIGN_IN_REQUIRED',
      `${rule.name} demande à ses agents de se connecter avec ${rule.providerName} : utilisez le bouton « S’identifier avec ${rule.providerName} » de la page de connexion. La connexion par mot de passe n’est plus possible pour votre compte.`,
      undefined,
      'Password sign-in refused: the authority requires the provider',
      { providerName: rule.providerName },
    );
  }

  private waitMessage(until: Date): string {
    return `Trop d’essais infructueux avec cette adresse : patientez jusqu’à ${frenchTime(until)} avant de réessayer, ou réinitialisez votre mot de passe.`;
  }

  private throttled(until: Date): DomainError {
    return new DomainError('LOGIN_THROTTLED', this.waitMessage(until), undefined, 'Login throttled', {
      retryAt: until.toISOString(),
    });
  }

  /** `oidcIdToken`: the session is opened through the provider (the hint of the logout there). */
  async openSession(
    manager: EntityManager,
    accountId: string,
    meta: RequestMeta,
    oidcIdToken: string | null = null,
  ): Promise<IssuedSession> {
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTokenDays * 86_400_000);
    const session = await manager.getRepository(SessionEntity).save({
      accountId,
      tokenHash: hashSecret(secret),
      expiresAt,
      revokedAt: null,
      revokedReason: null,
      userAgent: meta.userAgent,
      ipAddress: meta.ipAddress,
      oidcIdToken,
    });
    return this.issue(accountId, session.id, secret, expiresAt);
  }

  private issue(accountId: string, sessionId: string, secret: string, refreshExpiresAt: Date): IssuedSession {
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    return {
      accessToken: this.jwt.sign({ sub: accountId, sid: sessionId }, { expiresIn }),
      expiresIn,
      refreshToken: `${sessionId}.${secret}`,
      refreshExpiresAt,
      accountId,
    };
  }

  /**
   * Rotates the refresh token. A token of the family that is not the current one was already used:
   * it was replayed or stolen, so the whole family is revoked.
   */
  async refresh(refreshToken: string | undefined, meta: RequestMeta): Promise<IssuedSession> {
    const expired = () => new DomainError('SESSION_EXPIRED', 'Votre session a expiré : reconnectez-vous.');
    const [sessionId, secret] = (refreshToken ?? '').split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) throw expired();
    // The revocation of a replayed family must commit even though the request fails.
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<IssuedSession | 'expired' | 'reused'> => {
        const sessions = manager.getRepository(SessionEntity);
        const session = await this.accounts.lockSession(manager, sessionId);
        if (!session || session.revokedAt || session.expiresAt <= new Date()) return 'expired';
        if (session.tokenHash !== hashSecret(secret)) {
          await sessions.update(session.id, { revokedAt: new Date(), revokedReason: 'refresh token reuse' });
          await this.audit.record(manager, {
            actorId: session.accountId,
            actorEmail: null,
            action: 'auth.refresh_reuse',
            targetType: 'session',
            targetId: session.id,
            ipAddress: meta.ipAddress,
          });
          return 'reused';
        }
        const account = await manager.getRepository(AccountEntity).findOneBy({ id: session.accountId });
        if (!account || account.status !== 'ACTIVE') return 'expired';
        const next = newSecret();
        await sessions.update(session.id, { tokenHash: hashSecret(next), lastUsedAt: new Date() });
        return this.issue(account.id, session.id, next, session.expiresAt);
      },
    );
    if (outcome === 'expired' || outcome === 'reused') throw expired();
    return outcome;
  }

  async logout(sessionId: string): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: 'logout' });
  }

  /**
   * Logout from the refresh cookie alone (the access token may have expired). Returns the provider's
   * ID token when the session was opened through it, for the logout there.
   */
  async logoutByRefreshToken(refreshToken: string | undefined): Promise<string | null> {
    const [sessionId, secret] = (refreshToken ?? '').split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) return null;
    return this.accounts.closeSession(sessionId, hashSecret(secret));
  }

  async sessions(accountId: string, currentSessionId: string): Promise<SessionInfo[]> {
    const sessions = await this.dataSource.getRepository(SessionEntity).find({
      where: { accountId, revokedAt: IsNull() },
      order: { lastUsedAt: 'DESC' },
    });
    return sessions
      .filter((s) => s.expiresAt > new Date())
      .map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastUsedAt.toISOString(),
        userAgent: s.userAgent,
        ipAddress: s.ipAddress,
        current: s.id === currentSessionId,
      }));
  }

  async revokeSession(accountId: string, sessionId: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(SessionEntity)
      .update(
        { id: sessionId, accountId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'revoked by user' },
      );
    if (!result.affected)
      throw new DomainError('NOT_FOUND', 'Cette session n’existe pas ou est déjà fermée.');
  }
}
