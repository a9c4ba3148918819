import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { SecuritySettings, SessionInfo, TokenInfo, TotpSetup } from '@tdb/contracts';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccountEntity } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { OneTimeTokenEntity, type OneTimeTokenPurpose } from './one-time-token.entity';
import { passwordWeakness } from './password-policy';
import { SessionEntity } from './session.entity';
import { hashSecret, newSecret } from './token-hash';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

/** Failures before the first lock; each further failure doubles the lock, up to 30 minutes. */
export const LOCK_THRESHOLD = 5;
const MAX_LOCK_MINUTES = 30;
const RESET_TOKEN_MINUTES = 60;

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  /** "<session id>.<secret>", for the httpOnly cookie. */
  refreshToken: string;
  refreshExpiresAt: Date;
  accountId: string;
}

const INVALID_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
// A real hash to verify against when the account does not exist, so timing does not tell.
const DUMMY_HASH = hash('tdb-dummy-password-for-timing');

function lockMinutes(failures: number): number {
  return Math.min(MAX_LOCK_MINUTES, 2 ** Math.max(0, failures - LOCK_THRESHOLD));
}

const frenchTime = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    date,
  );

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async login(
    email: string,
    password: string,
    totpCode: string | undefined,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const accounts = this.dataSource.getRepository(AccountEntity);
    const account = await accounts
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .addSelect('a.totpSecret')
      .where('lower(a.email) = lower(:email)', { email: email.trim() })
      .getOne();
    if (!account || !account.passwordHash || account.status !== 'ACTIVE') {
      await verify(await DUMMY_HASH, password).catch(() => false);
      throw new DomainError(
        'INVALID_CREDENTIALS',
        INVALID_CREDENTIALS,
        undefined,
        `Login refused for ${email}`,
      );
    }
    const now = new Date();
    if (account.lockedUntil && account.lockedUntil > now) {
      throw this.locked(account.lockedUntil);
    }
    const passwordOk = await verify(account.passwordHash, password);
    if (passwordOk && account.totpEnabled && !totpCode) {
      throw new DomainError(
        'TOTP_REQUIRED',
        'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
      );
    }
    const secondFactorOk =
      !account.totpEnabled ||
      (!!account.totpSecret && !!totpCode && verifyTotp(account.totpSecret, totpCode));
    if (!passwordOk || !secondFactorOk) {
      const failures = account.failedLoginCount + 1;
      const lockedUntil =
        failures >= LOCK_THRESHOLD ? new Date(now.getTime() + lockMinutes(failures) * 60_000) : null;
      await this.dataSource.transaction(async (manager) => {
        await manager.update(AccountEntity, account.id, { failedLoginCount: failures, lockedUntil });
        await this.audit.record(manager, {
          actorId: account.id,
          actorEmail: account.email,
          action: 'auth.login_failed',
          targetType: 'account',
          targetId: account.id,
          targetLabel: account.email,
          details: { failures, lockedUntil: lockedUntil?.toISOString() ?? null },
          ipAddress: meta.ipAddress,
        });
      });
      if (lockedUntil) throw this.locked(lockedUntil);
      if (passwordOk) {
        throw new DomainError(
          'INVALID_CREDENTIALS',
          'Code de double authentification incorrect.',
          undefined,
          'Wrong TOTP code',
        );
      }
      throw new DomainError(
        'INVALID_CREDENTIALS',
        INVALID_CREDENTIALS,
        undefined,
        `Wrong password for ${account.email}`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
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

  private locked(until: Date): DomainError {
    return new DomainError(
      'ACCOUNT_LOCKED',
      `Trop d’essais infructueux : le compte est verrouillé jusqu’à ${frenchTime(until)}. Réessayez ensuite, ou réinitialisez votre mot de passe.`,
      undefined,
      'Account locked',
      { lockedUntil: until.toISOString() },
    );
  }

  private async openSession(
    manager: EntityManager,
    accountId: string,
    meta: RequestMeta,
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
        const session = await sessions
          .createQueryBuilder('s')
          .setLock('pessimistic_write')
          .where('s.id = :id', { id: sessionId })
          .getOne();
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

  /** Logout from the refresh cookie alone (the access token may have expired). */
  async logoutByRefreshToken(refreshToken: string | undefined): Promise<void> {
    const [sessionId, secret] = (refreshToken ?? '').split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) return;
    await this.dataSource
      .getRepository(SessionEntity)
      .update(
        { id: sessionId, tokenHash: hashSecret(secret), revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'logout' },
      );
  }

  /** A password change ends every session of the account, and opens a new one for this device. */
  async changePassword(
    accountId: string,
    current: string,
    next: string,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.id = :id', { id: accountId })
      .getOneOrFail();
    if (!account.passwordHash || !(await verify(account.passwordHash, current))) {
      throw new DomainError('VALIDATION_FAILED', 'Le mot de passe actuel est incorrect.', [
        { field: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' },
      ]);
    }
    await this.assertStrong(next, account);
    return this.dataSource.transaction(async (manager) => {
      await this.setPassword(manager, account.id, next);
      await this.audit.record(manager, {
        actorId: account.id,
        actorEmail: account.email,
        action: 'auth.password_changed',
        targetType: 'account',
        targetId: account.id,
        targetLabel: account.email,
        ipAddress: meta.ipAddress,
      });
      return this.openSession(manager, account.id, meta);
    });
  }

  private async assertStrong(
    password: string,
    account: Pick<AccountEntity, 'email' | 'firstName' | 'lastName'>,
  ) {
    const weakness = passwordWeakness(password, [
      account.firstName,
      account.lastName,
      ...account.email.split(/[@.]/),
    ]);
    if (weakness)
      throw new DomainError('WEAK_PASSWORD', weakness, [{ field: 'password', message: weakness }]);
  }

  /** Sets the password and revokes every session of the account. */
  private async setPassword(manager: EntityManager, accountId: string, password: string): Promise<void> {
    await manager.update(AccountEntity, accountId, {
      passwordHash: await hash(password),
      passwordChangedAt: new Date(),
      failedLoginCount: 0,
      lockedUntil: null,
    });
    await manager
      .getRepository(SessionEntity)
      .update(
        { accountId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'password changed' },
      );
  }

  /** Creates a single-use token and returns the secret to put in the emailed link. */
  async createOneTimeToken(
    manager: EntityManager,
    accountId: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<string> {
    const secret = newSecret();
    const minutes =
      purpose === 'INVITATION' ? this.config.auth.invitationDays * 24 * 60 : RESET_TOKEN_MINUTES;
    // A new link replaces the previous ones of the same purpose.
    await manager
      .getRepository(OneTimeTokenEntity)
      .update({ accountId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
    await manager.getRepository(OneTimeTokenEntity).insert({
      accountId,
      purpose,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + minutes * 60_000),
      usedAt: null,
    });
    return secret;
  }

  /** A fresh invitation link for an invited account, emailed through the outbox; returns the email id. */
  async enqueueInvitation(
    manager: EntityManager,
    account: Pick<AccountEntity, 'id' | 'email' | 'firstName' | 'lastName'>,
  ): Promise<string> {
    const secret = await this.createOneTimeToken(manager, account.id, 'INVITATION');
    return this.mail.enqueue(
      manager,
      invitationEmail(
        account,
        this.mail.link(`/invitation?jeton=${secret}`),
        this.config.auth.invitationDays,
      ),
    );
  }

  /** Always answers the same, whether the address is known or not. */
  async forgotPassword(email: string, meta: RequestMeta): Promise<void> {
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('lower(a.email) = lower(:email)', { email: email.trim() })
      .getOne();
    if (!account || account.status === 'DISABLED') return;
    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      if (account.status === 'INVITED') {
        emailIds.push(await this.enqueueInvitation(manager, account));
      } else {
        const secret = await this.createOneTimeToken(manager, account.id, 'PASSWORD_RESET');
        emailIds.push(
          await this.mail.enqueue(manager, {
            to: account.email,
            subject: 'TDB — réinitialisation de votre mot de passe',
            text: [
              `Bonjour ${account.firstName} ${account.lastName},`,
              '',
              'Une réinitialisation du mot de passe de votre compte TDB a été demandée.',
              `Pour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure : ${this.mail.link(`/reinitialiser-mot-de-passe?jeton=${secret}`)}`,
              '',
              'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
            ].join('\n'),
          }),
        );
      }
      await this.audit.record(manager, {
        actorId: null,
        actorEmail: null,
        action: 'auth.password_reset_requested',
        targetType: 'account',
        targetId: account.id,
        targetLabel: account.email,
        ipAddress: meta.ipAddress,
      });
    });
    await this.mail.deliver(emailIds);
  }

  private async findUsableToken(manager: EntityManager, secret: string): Promise<OneTimeTokenEntity> {
    const token = await manager
      .getRepository(OneTimeTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: hashSecret(secret) })
      .getOne();
    if (!token || token.usedAt || token.expiresAt <= new Date()) {
      throw new DomainError(
        'TOKEN_INVALID',
        'Ce lien n’est plus valide (déjà utilisé, remplacé par un plus récent ou expiré) : demandez-en un nouveau.',
      );
    }
    return token;
  }

  async tokenInfo(secret: string): Promise<TokenInfo> {
    return this.dataSource.transaction(async (manager) => {
      const token = await this.findUsableToken(manager, secret);
      const account = await manager.getRepository(AccountEntity).findOneByOrFail({ id: token.accountId });
      return {
        purpose: token.purpose,
        email: account.email,
        firstName: account.firstName,
        expiresAt: token.expiresAt.toISOString(),
      };
    });
  }

  /** Invitation or reset: sets the password, uses the token up, activates an invited account. */
  async usePasswordToken(secret: string, password: string, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.findUsableToken(manager, secret);
      const account = await manager.getRepository(AccountEntity).findOneByOrFail({ id: token.accountId });
      if (account.status === 'DISABLED') {
        throw new DomainError('TOKEN_INVALID', 'Ce compte est désactivé : contactez votre administrateur.');
      }
      await this.assertStrong(password, account);
      await this.setPassword(manager, account.id, password);
      if (account.status === 'INVITED') await manager.update(AccountEntity, account.id, { status: 'ACTIVE' });
      await manager.update(OneTimeTokenEntity, token.id, { usedAt: new Date() });
      await this.audit.record(manager, {
        actorId: account.id,
        actorEmail: account.email,
        action: token.purpose === 'INVITATION' ? 'auth.invitation_accepted' : 'auth.password_reset',
        targetType: 'account',
        targetId: account.id,
        targetLabel: account.email,
        ipAddress: meta.ipAddress,
      });
    });
  }

  // ---- second factor (TOTP) -------------------------------------------------------------------

  /** Starts the set-up: a new secret, kept pending until a first code confirms it. */
  async setupTotp(accountId: string): Promise<TotpSetup> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: accountId });
    if (account.totpEnabled) {
      throw new DomainError('CONFLICT', 'La double authentification est déjà active sur votre compte.');
    }
    const secret = newTotpSecret();
    await this.dataSource.getRepository(AccountEntity).update(accountId, { totpSecret: secret });
    return { secret, otpauthUri: totpUri(secret, account.email) };
  }

  async enableTotp(accountId: string, code: string, meta: RequestMeta): Promise<void> {
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.totpSecret')
      .where('a.id = :id', { id: accountId })
      .getOneOrFail();
    if (account.totpEnabled)
      throw new DomainError('CONFLICT', 'La double authentification est déjà active sur votre compte.');
    if (!account.totpSecret)
      throw new DomainError('VALIDATION_FAILED', 'Commencez par demander un nouveau secret.');
    if (!verifyTotp(account.totpSecret, code)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Code incorrect : vérifiez l’heure de votre téléphone et saisissez le code affiché.',
        [{ field: 'code', message: 'Code incorrect.' }],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(AccountEntity, accountId, { totpEnabled: true });
      await this.audit.record(manager, {
        actorId: accountId,
        actorEmail: account.email,
        action: 'auth.totp_enabled',
        targetType: 'account',
        targetId: accountId,
        targetLabel: account.email,
        ipAddress: meta.ipAddress,
      });
    });
  }

  async disableTotp(
    accountId: string,
    password: string,
    mandatory: boolean,
    meta: RequestMeta,
  ): Promise<void> {
    if (mandatory) {
      throw new DomainError(
        'FORBIDDEN',
        'La double authentification est obligatoire pour votre rôle : elle ne peut pas être désactivée.',
      );
    }
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.id = :id', { id: accountId })
      .getOneOrFail();
    if (!account.passwordHash || !(await verify(account.passwordHash, password))) {
      throw new DomainError('VALIDATION_FAILED', 'Mot de passe incorrect.', [
        { field: 'password', message: 'Mot de passe incorrect.' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(AccountEntity, accountId, { totpEnabled: false, totpSecret: null });
      await this.audit.record(manager, {
        actorId: accountId,
        actorEmail: account.email,
        action: 'auth.totp_disabled',
        targetType: 'account',
        targetId: accountId,
        targetLabel: account.email,
        ipAddress: meta.ipAddress,
      });
    });
  }

  async securitySettings(): Promise<SecuritySettings> {
    const rows: { value: boolean }[] = await this.dataSource.query(
      `SELECT (value #>> '{}')::boolean AS value FROM platform_settings WHERE key = 'totpRequiredForAdmins'`,
    );
    return { totpRequiredForAdmins: rows[0]?.value ?? false };
  }

  async updateSecuritySettings(
    settings: SecuritySettings,
    actor: { accountId: string; email: string },
    meta: RequestMeta,
  ): Promise<SecuritySettings> {
    if (settings.totpRequiredForAdmins) {
      const [me] = await this.dataSource.query(`SELECT totp_enabled FROM accounts WHERE id = $1`, [
        actor.accountId,
      ]);
      if (!me?.totp_enabled) {
        // Otherwise the administrator would lock themselves out of this very setting.
        throw new DomainError(
          'CONFLICT',
          'Activez d’abord la double authentification sur votre propre compte (« Mon compte »).',
        );
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO platform_settings (key, value, updated_at) VALUES ('totpRequiredForAdmins', $1::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [JSON.stringify(settings.totpRequiredForAdmins)],
      );
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: 'settings.updated',
        targetType: 'settings',
        targetId: 'security',
        details: { ...settings },
        ipAddress: meta.ipAddress,
      });
    });
    return this.securitySettings();
  }

  async totpEnrollmentRequired(accountId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT a.totp_enabled,
              EXISTS (SELECT 1 FROM grants g WHERE g.account_id = a.id AND g.role IN ('NATIONAL_ADMIN', 'APR')) AS is_admin
         FROM accounts a WHERE a.id = $1`,
      [accountId],
    );
    return (
      !!row && row.is_admin && !row.totp_enabled && (await this.securitySettings()).totpRequiredForAdmins
    );
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

export function invitationEmail(
  account: Pick<AccountEntity, 'email' | 'firstName' | 'lastName'>,
  link: string,
  days: number,
): { to: string; subject: string; text: string } {
  return {
    to: account.email,
    subject: 'TDB — votre compte sur le tableau de bord de la performance',
    text: [
      `Bonjour ${account.firstName} ${account.lastName},`,
      '',
      'Un compte vous a été ouvert sur le tableau de bord de la performance dans le secteur médico-social (TDB).',
      `Pour l’activer, choisissez votre mot de passe en ouvrant ce lien dans les ${days} jours : ${link}`,
      '',
      `Votre identifiant est votre adresse électronique : ${account.email}`,
    ].join('\n'),
  };
}
