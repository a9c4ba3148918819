import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import type { TotpSetup } from '@tdb/contracts';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AccountEntity } from '../identity/account.entity';
import { AccountsRepository } from '../identity/accounts.repository';
import { SettingsService } from '../settings/settings.service';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

/** The second factor (TOTP): set up, confirm, remove, and whether the platform requires it. */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

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
    const account = (await this.accounts.findWithSecrets({ id: accountId }))!;
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

  /** Refused when the platform requires the second factor for the actor's administration role. */
  async disableTotp(
    actor: { accountId: string; grants: readonly { role: string }[] },
    password: string,
    meta: RequestMeta,
  ): Promise<void> {
    const accountId = actor.accountId;
    const isAdmin = actor.grants.some((g) => g.role === 'NATIONAL_ADMIN' || g.role === 'APR');
    if (isAdmin && (await this.settings.securitySettings()).totpRequiredForAdmins) {
      throw new DomainError(
        'FORBIDDEN',
        'La double authentification est obligatoire pour votre rôle : elle ne peut pas être désactivée.',
      );
    }
    const account = (await this.accounts.findWithSecrets({ id: accountId }))!;
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

  async totpEnrollmentRequired(accountId: string): Promise<boolean> {
    return (
      (await this.accounts.isAdministratorWithoutTotp(accountId)) &&
      (await this.settings.securitySettings()).totpRequiredForAdmins
    );
  }
}
