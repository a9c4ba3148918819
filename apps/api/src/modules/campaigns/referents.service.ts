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
import { authorityName } from './mailings.service';

interface ReferentRow {
  id: string;
  organisation_kind: 'ARS' | 'CD';
  organisation_code: string;
  name: string;
  email: string;
  phone: string | null;
  role_label: string | null;
}

const toDto = (r: ReferentRow): ReferentDto => ({
  id: r.id,
  organisationKind: r.organisation_kind,
  organisationCode: r.organisation_code,
  organisationName: authorityName(r.organisation_kind, r.organisation_code),
  name: r.name,
  email: r.email,
  phone: r.phone,
  roleLabel: r.role_label,
});

const COLUMNS = 'id, organisation_kind, organisation_code, name, email, phone, role_label';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The TDB referents of an ARS or a CD: public contacts, named by the authority's APR. */
@Injectable()
export class ReferentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthenticatedActor, query: ReferentsQuery): Promise<ReferentDto[]> {
    this.access.check(actor, { type: 'campaign.read' });
    const rows: ReferentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM authority_referents WHERE organisation_kind = $1 AND organisation_code = $2
        ORDER BY name, email`,
      [query.kind, query.code],
    );
    return rows.map(toDto);
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
      const existing = await manager.query(
        `SELECT 1 FROM authority_referents WHERE organisation_kind = $1 AND organisation_code = $2 AND lower(email) = $3`,
        [kind, code, email],
      );
      if (existing.length > 0) {
        throw new DomainError(
          'CONFLICT',
          `${authorityName(kind, code)} a déjà un référent avec le courriel ${email}.`,
        );
      }
      const rows: ReferentRow[] = await manager.query(
        `INSERT INTO authority_referents (organisation_kind, organisation_code, name, email, phone, role_label)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [kind, code, dto.name.trim(), email, dto.phone?.trim() || null, dto.roleLabel?.trim() || null],
      );
      const row = rows[0] as ReferentRow;
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
      const rows: ReferentRow[] = UUID.test(id)
        ? await tx.query(`SELECT ${COLUMNS} FROM authority_referents WHERE id = $1 FOR UPDATE`, [id])
        : [];
      const row = rows[0];
      if (!row) throw new DomainError('NOT_FOUND', 'Ce référent n’existe pas (ou plus).');
      this.access.check(actor, {
        type: 'referent.manage',
        organisation: { kind: row.organisation_kind, code: row.organisation_code },
      });
      await tx.query(`DELETE FROM authority_referents WHERE id = $1`, [id]);
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
