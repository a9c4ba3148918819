import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SecuritySettings } from '@tdb/contracts';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { SettingsRepository } from './settings.repository';

/** The platform's security settings, changed by the national administrator. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async securitySettings(): Promise<SecuritySettings> {
    return { totpRequiredForAdmins: await this.repository.totpRequiredForAdmins() };
  }

  async updateSecuritySettings(
    settings: SecuritySettings,
    actor: { accountId: string; email: string },
    meta: RequestMeta,
  ): Promise<SecuritySettings> {
    if (settings.totpRequiredForAdmins && !(await this.repository.totpEnabled(actor.accountId))) {
      // Otherwise the administrator would lock themselves out of this very setting.
      throw new DomainError(
        'CONFLICT',
        'Activez d’abord la double authentification sur votre propre compte (« Mon compte »).',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await this.repository.setTotpRequiredForAdmins(manager, settings.totpRequiredForAdmins);
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
}
