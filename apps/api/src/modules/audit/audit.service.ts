import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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

/** Appends to the audit log inside the caller's transaction: no action without its trace. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
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
}
