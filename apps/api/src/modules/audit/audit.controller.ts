import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditVisibility } from '@tdb/access';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { PaginationQuery } from '../../common/validation/pagination.query';
import { AuditEntryEntity } from './audit-entry.entity';

class AuditQueryDto extends PaginationQuery {}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** The national administrator reads everything; an APR the entries about its organisation and competence. */
  @Get()
  @Authorize('audit.read')
  @ApiOperation({ summary: 'Journal des actions sur les comptes (périmètre du lecteur)' })
  async list(
    @CurrentUser() actor: AuthenticatedActor,
    @Query() query: AuditQueryDto,
  ): Promise<Paginated<AuditEntry>> {
    this.access.check(actor, { type: 'audit.read' });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const builder = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e');
    const visibility = auditVisibility(actor, parisToday());
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
    return {
      items: entries.map((e) => ({
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
      })),
      total,
      page,
      pageSize,
    };
  }
}
