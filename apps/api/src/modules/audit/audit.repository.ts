import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import type { AuditVisibility } from '@tdb/access';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  targetLabel?: string | null;
  /** The organisation the action concerns, and its territory, so that APRs can read their scope. */
  organisationKind?: string | null;
  organisationCode?: string | null;
  regionCode?: string | null;
  departmentCode?: string | null;
  competence?: string | null;
  details?: Record<string, unknown>;
  ipAddress?: string | null;
}

const toEntry = (e: AuditEntryEntity): AuditEntry => ({
  id: e.id,
  at: e.at.toISOString(),
  actorId: e.actorId,
  actorEmail: e.actorEmail,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  targetLabel: e.targetLabel,
  details: e.details,
  ipAddress: e.ipAddress,
});

/** The `audit_log` table: append in the caller's transaction, read a page within a visibility. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_email, action, target_type, target_id, target_label, organisation_kind,
                              organisation_code, region_code, department_code, competence, details, ip_address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        entry.actorId,
        entry.actorEmail,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.targetLabel ?? null,
        entry.organisationKind ?? null,
        entry.organisationCode ?? null,
        entry.regionCode ?? null,
        entry.departmentCode ?? null,
        entry.competence ?? null,
        JSON.stringify(entry.details ?? {}),
        entry.ipAddress ?? null,
      ],
    );
  }

  /**
   * Newest first. An authority reads the entries about its own organisation and those about the
   * ESMS/OG of its territory and competence (entries without competence count as shared).
   */
  async page(visibility: AuditVisibility, page: number, pageSize: number): Promise<Paginated<AuditEntry>> {
    const builder = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e');
    if (!visibility.all) {
      const clauses: string[] = [];
      const parameters: Record<string, unknown> = {};
      visibility.organisations.forEach((organisation, index) => {
        clauses.push(`(e.organisation_kind = :kind${index} AND e.organisation_code = :code${index})`);
        parameters[`kind${index}`] = organisation.kind;
        parameters[`code${index}`] = organisation.code;
        if (organisation.kind === 'ARS') {
          clauses.push(
            `(e.organisation_kind IN ('ESMS', 'OG') AND e.region_code = :code${index} AND coalesce(e.competence, 'SHARED') IN ('ARS', 'SHARED'))`,
          );
        } else {
          clauses.push(
            `(e.organisation_kind IN ('ESMS', 'OG') AND e.department_code = :code${index} AND coalesce(e.competence, 'SHARED') IN ('CD', 'SHARED'))`,
          );
        }
      });
      builder.where(clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE', parameters);
    }
    const [entries, total] = await builder
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: entries.map(toEntry), total, page, pageSize };
  }
}
