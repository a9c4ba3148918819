import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReferentDto } from '@tdb/contracts';
import { findDepartment, findRegion } from '@tdb/reference';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import type { CreateReferentDto, ReferentsQuery } from './dto/referents.dto';
import { authorityName } from './authority-name';
import { ReferentsRepository, toDto } from './referents.repository';

/** The TDB referents of an ARS or a CD: public contacts, named by the authority's APR. */
@Injectable()
export class ReferentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly repository: ReferentsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthenticatedActor, query: ReferentsQuery): Promise<ReferentDto[]> {
    this.access.check(actor, { type: 'campaign.read' });
    return (await this.repository.list(query.kind, query.code)).map(toDto);
  }

  async create(actor: AuthenticatedActor, dto: CreateReferentDto): Promise<ReferentDto> {
    const { kind, code } = dto.organisation;
    this.access.check(actor, { type: 'referent.manage', organisation: { kind, code } });
    if (kind === 'ARS' ? !findRegion(code) : !findDepartment(code)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        kind === 'ARS' ? `Région inconnue : ${code}.` : `Département inconnu : ${code}.`,
      );
    }
    const email = dto.email.trim().toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      if (await this.repository.emailTaken(manager, kind, code, email)) {
        throw new DomainError(
          'CONFLICT',
          `${authorityName(kind, code)} a déjà un référent avec le courriel ${email}.`,
        );
      }
      const row = await this.repository.insert(manager, {
        kind,
        code,
        name: dto.name.trim(),
        email,
        phone: dto.phone?.trim() || null,
        roleLabel: dto.roleLabel?.trim() || null,
      });
      await this.audit.record(manager, {
        actorId: (await actorRef(manager, actor)).id,
        actorEmail: actor.email,
        action: 'referent.create',
        targetType: 'referent',
        targetId: row.id,
        targetLabel: row.name,
        organisationKind: kind,
        organisationCode: code,
        regionCode: kind === 'ARS' ? code : (findDepartment(code)?.regionCode ?? null),
        departmentCode: kind === 'CD' ? code : null,
        details: { email },
      });
      return toDto(row);
    });
  }

  async remove(actor: AuthenticatedActor, id: string): Promise<void> {
    // Whoever may name no referent at all is refused before the lookup (ids do not leak).
    this.access.authoritiesFor(actor, 'referent.manage');
    await this.dataSource.transaction(async (tx) => {
      const row = await this.repository.lock(tx, id);
      if (!row) throw new DomainError('NOT_FOUND', 'Ce référent n’existe pas (ou plus).');
      this.access.check(actor, {
        type: 'referent.manage',
        organisation: { kind: row.organisation_kind, code: row.organisation_code },
      });
      await this.repository.delete(tx, id);
      await this.audit.record(tx, {
        actorId: (await actorRef(tx, actor)).id,
        actorEmail: actor.email,
        action: 'referent.delete',
        targetType: 'referent',
        targetId: row.id,
        targetLabel: row.name,
        organisationKind: row.organisation_kind,
        organisationCode: row.organisation_code,
        details: { email: row.email },
      });
    });
  }
}
