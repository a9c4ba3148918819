import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { GrantInput } from '@tdb/contracts';
import { findDepartment } from '@tdb/reference';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { AuditService, type AuditRecord } from '../audit/audit.service';
import type { AccountEntity } from '../identity/account.entity';

/** Account actions in the audit log, with the territory of the organisation concerned (APRs read their scope). */
@Injectable()
export class AccountTrailService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async record(
    manager: EntityManager,
    actor: AuthenticatedActor,
    meta: RequestMeta,
    action: string,
    account: AccountEntity,
    grant: GrantInput | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const territory: Partial<AuditRecord> = {};
    const organisation =
      grant?.organisation ??
      (account.grants?.[0]
        ? { kind: account.grants[0].organisationKind, code: account.grants[0].organisationCode }
        : null);
    if (organisation) {
      territory.organisationKind = organisation.kind;
      territory.organisationCode = organisation.code;
      if (organisation.kind === 'ARS') territory.regionCode = organisation.code;
      if (organisation.kind === 'CD') {
        territory.departmentCode = organisation.code;
        territory.regionCode = findDepartment(organisation.code)?.regionCode ?? null;
      }
      if (organisation.kind === 'ESMS') {
        const facts = await this.access.structureFacts(organisation.code, manager);
        territory.regionCode = facts?.regionCode ?? null;
        territory.departmentCode = facts?.departmentCode ?? null;
        territory.competence = facts?.competence ?? null;
      }
    }
    await this.audit.record(manager, {
      actorId: actor.accountId,
      actorEmail: actor.email,
      action,
      targetType: 'account',
      targetId: account.id,
      targetLabel: `${account.firstName} ${account.lastName} <${account.email}>`,
      ...territory,
      details: { ...details, ...(grant ? { grant } : {}) },
      ipAddress: meta.ipAddress,
    });
  }
}
