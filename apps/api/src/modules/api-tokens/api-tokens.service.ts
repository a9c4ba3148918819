import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApiTokenInfo, CreateApiTokenRequest, CreatedApiToken, OrganisationRef } from '@tdb/contracts';
import { ApiTokensRepository, toInfo } from './api-tokens.repository';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import type { RequestMeta } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { hashSecret, newSecret } from '../../common/auth/token-hash';

/**
 * API tokens of regional integrations: created by an APR for its ARS or CD, shown once, stored as a
 * SHA-256 hash. A token acts as a READER of its organisation (read-only, same scope).
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly repository: ApiTokensRepository,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: AuthenticatedActor,
    request: CreateApiTokenRequest,
    meta: RequestMeta,
  ): Promise<CreatedApiToken> {
    const organisation = request.organisation ?? this.ownAuthority(actor);
    this.access.check(actor, { type: 'apiToken.manage', organisation });
    const secret = newSecret();
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.insert(manager, {
        organisation,
        name: request.name.trim(),
        createdBy: actor.accountId,
        expiresAt: request.expiresAt ?? null,
      });
      // The token names its row so that authentication is one indexed lookup.
      const token = `tdb_${row.id.replace(/-/g, '')}_${secret}`;
      await this.repository.setHash(manager, row.id, hashSecret(token));
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: 'api_token.created',
        targetType: 'api_token',
        targetId: row.id,
        targetLabel: row.name,
        organisationKind: organisation.kind,
        organisationCode: organisation.code,
        regionCode: organisation.kind === 'ARS' ? organisation.code : null,
        departmentCode: organisation.kind === 'CD' ? organisation.code : null,
        ipAddress: meta.ipAddress,
      });
      return { ...toInfo(row), token };
    });
  }

  private ownAuthority(actor: AuthenticatedActor): OrganisationRef {
    const grant = actor.grants.find(
      (g) => g.role === 'APR' && (g.organisation.kind === 'ARS' || g.organisation.kind === 'CD'),
    );
    if (!grant) {
      if (this.access.scope(actor).all) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'Précisez l’ARS ou le Département auquel rattacher ce jeton.',
        );
      }
      throw new DomainError(
        'FORBIDDEN',
        'Seul l’administrateur principal (APR) d’une ARS ou d’un Département crée des jetons d’API.',
      );
    }
    return grant.organisation;
  }

  async list(actor: AuthenticatedActor): Promise<ApiTokenInfo[]> {
    const scope = this.access.scope(actor);
    const organisations = scope.all
      ? null
      : actor.grants
          .filter((g) => g.role === 'APR' && (g.organisation.kind === 'ARS' || g.organisation.kind === 'CD'))
          .map((g) => g.organisation);
    if (organisations !== null && organisations.length === 0) {
      this.access.check(actor, { type: 'apiToken.manage', organisation: null });
    }
    return (await this.repository.list(organisations)).map(toInfo);
  }

  async revoke(actor: AuthenticatedActor, id: string, meta: RequestMeta): Promise<ApiTokenInfo> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lock(manager, id);
      if (!row) throw new DomainError('NOT_FOUND', 'Ce jeton d’API n’existe pas.');
      this.access.check(actor, {
        type: 'apiToken.manage',
        organisation: { kind: row.organisation_kind, code: row.organisation_code },
      });
      const revoked = await this.repository.revoke(manager, id);
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: 'api_token.revoked',
        targetType: 'api_token',
        targetId: id,
        targetLabel: row.name,
        organisationKind: row.organisation_kind,
        organisationCode: row.organisation_code,
        regionCode: row.organisation_kind === 'ARS' ? row.organisation_code : null,
        departmentCode: row.organisation_kind === 'CD' ? row.organisation_code : null,
        ipAddress: meta.ipAddress,
      });
      return toInfo(revoked);
    });
  }
}
