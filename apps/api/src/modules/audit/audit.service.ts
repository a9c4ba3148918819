import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditVisibility } from '@tdb/access';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AuditRepository, type AuditRecord } from './audit.repository';

export type { AuditRecord } from './audit.repository';

/** The audit log: every account, authorization and status action leaves a trace here. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly access: AccessService,
  ) {}

  /** Appends inside the caller's transaction: no action without its trace. */
  record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    return this.repository.insert(manager, entry);
  }

  /** The national administrator reads everything; an APR the entries about its organisation and competence. */
  list(actor: AuthenticatedActor, page: number, pageSize: number): Promise<Paginated<AuditEntry>> {
    this.access.check(actor, { type: 'audit.read' });
    return this.repository.page(auditVisibility(actor, parisToday()), page, pageSize);
  }
}
