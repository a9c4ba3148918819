import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthoritySignInRule, AuthoritySignInSettings } from '@tdb/contracts';
import { DEPARTMENTS, REGIONS, findDepartment, findRegion } from '@tdb/reference';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AuthoritySignInRepository, type AuthorityKey } from './authority-sign-in.repository';

export interface ProviderRequirement extends AuthorityKey {
  /** « ARS Nouvelle-Aquitaine » */
  name: string;
  providerName: string;
}

function nameOf(authority: AuthorityKey): string | null {
  if (authority.kind === 'ARS') {
    const region = findRegion(authority.code);
    return region ? `L’ARS ${region.name}` : null;
  }
  const department = findDepartment(authority.code);
  return department ? `Le département ${department.name}` : null;
}

/**
 * Per authority (ARS, département), the national administrator may require its staff to sign in
 * through the identity provider: their password sign-in is then refused. The rule applies while a
 * provider is configured (without one, nobody would be able to sign in).
 */
@Injectable()
export class AuthoritySignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AuthoritySignInRepository,
    private readonly audit: AuditService,
  ) {}

  async providerRequiredFor(accountId: string): Promise<ProviderRequirement | null> {
    if (!this.config.oidc) return null;
    const authority = await this.repository.requiredFor(accountId);
    if (!authority) return null;
    return {
      ...authority,
      name: nameOf(authority) ?? `${authority.kind} ${authority.code}`,
      providerName: this.config.oidc.displayName,
    };
  }

  async settings(): Promise<AuthoritySignInSettings> {
    const required = new Set((await this.repository.required()).map((a) => `${a.kind}:${a.code}`));
    const rule = (kind: 'ARS' | 'CD', code: string, name: string): AuthoritySignInRule => ({
      organisation: { kind, code },
      name,
      providerRequired: required.has(`${kind}:${code}`),
    });
    return {
      providerEnabled: this.config.oidc !== null,
      providerName: this.config.oidc?.displayName ?? null,
      authorities: [
        ...REGIONS.map((r) => rule('ARS', r.code, `ARS ${r.name}`)),
        ...DEPARTMENTS.map((d) => rule('CD', d.code, `Département ${d.name} (${d.code})`)),
      ],
    };
  }

  async update(
    authority: AuthorityKey,
    providerRequired: boolean,
    actor: { accountId: string; email: string },
    meta: RequestMeta,
  ): Promise<AuthoritySignInSettings> {
    const name = nameOf(authority);
    if (!name) throw new DomainError('NOT_FOUND', 'Cette autorité n’existe pas.');
    await this.dataSource.transaction(async (manager) => {
      await this.repository.set(manager, authority, providerRequired, actor.accountId);
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: 'settings.authority_sign_in',
        targetType: 'organisation',
        targetId: `${authority.kind}:${authority.code}`,
        targetLabel: name,
        organisationKind: authority.kind,
        organisationCode: authority.code,
        regionCode:
          authority.kind === 'ARS' ? authority.code : (findDepartment(authority.code)?.regionCode ?? null),
        departmentCode: authority.kind === 'CD' ? authority.code : null,
        details: { providerRequired },
        ipAddress: meta.ipAddress,
      });
    });
    return this.settings();
  }
}
