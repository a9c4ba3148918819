import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { PaginationQuery } from '../../common/validation/pagination.query';
import { AuditService } from './audit.service';
import { AuditPageResponse } from './dto/audit-entry.response';

class AuditQueryDto extends PaginationQuery {}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authorize('audit.read')
  @ApiOperation({ summary: 'Journal des actions sur les comptes (périmètre du lecteur)' })
  @ApiOkResponse({ type: AuditPageResponse })
  list(
    @CurrentUser() actor: AuthenticatedActor,
    @Query() query: AuditQueryDto,
  ): Promise<Paginated<AuditEntry>> {
    return this.audit.list(actor, query.page ?? 1, query.pageSize ?? 50);
  }
}
