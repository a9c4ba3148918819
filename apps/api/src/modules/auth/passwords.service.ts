import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, type EntityManager } from 'typeorm';
import type { TokenInfo } from '@tdb/contracts';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { hashSecret } from '../../common/auth/token-hash';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { LoginThrottlesRepository } from '../identity/login-throttles.repository';
import { OneTimeTokenEntity } from '../identity/one-time-token.entity';
import { OneTimeTokensService } from '../identity/one-time-tokens.service';
import { SessionsRepository } from '../identity/sessions.repository';
import { MailService } from '../mail/mail.service';
import { passwordWeakness } from './password-policy';
import { SessionsService, type IssuedSession } from './sessions.service';

/** Passwords: change, forgotten-password links, and the links of invitations and resets. */
@Injectable()
export class PasswordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessionsService: SessionsService,
    private readonly accounts: AccountsRepository,
    private readonly tokens: OneTimeTokensService,
    private readonly sessionRows: SessionsRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly throttles: LoginThrottlesRepository,
  ) {}

  /** A password change ends every session of the account, and opens a new one for this device. */
  async changePassword(
    accountId: string,
    current: string,
    next: string,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const account = (await this.accounts.findWithSecrets({ id: accountId }))!;
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
      return this.sessionsService.openSession(manager, account.id, meta);
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
    await this.throttles.clearForAccount(manager, accountId);
    await this.sessionRows.revokeAll(manager, accountId, 'password changed');
  }

  /** Always answers the same, whether the address is known or not. */
  async forgotPassword(email: string, meta: RequestMeta): Promise<void> {
    const account = await this.accounts.findByEmail(this.dataSource.manager, email.trim());
    if (!account || account.status === 'DISABLED') return;
    const emailIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      if (account.status === 'INVITED') {
        emailIds.push(await this.tokens.enqueueInvitation(manager, account));
      } else {
        const secret = await this.tokens.create(manager, account.id, 'PASSWORD_RESET');
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
    const token = await this.accounts.lockToken(manager, hashSecret(secret));
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
}
