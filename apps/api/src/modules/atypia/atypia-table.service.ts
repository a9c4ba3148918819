import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { exceljs } from '../../common/files/exceljs';
import { DataSource } from 'typeorm';
import { activeGrants } from '@tdb/access';
import type { AtypiaTableRow, Paginated } from '@tdb/contracts';
import { findDepartment } from '@tdb/reference';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AuditService } from '../audit/audit.service';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { SubmissionReader } from '../campaigns/submission-reader.service';
import { SubmissionTransitions } from '../campaigns/submission-transitions.service';
import { MailService } from '../mail/mail.service';
import type { AtypiaTableFilters } from './dto/atypia-review.dto';
import { AtypiaReviewRepository, type TableViewer } from './atypia-review.repository';
import { FLAG_STATUS_LABELS, SEVERITY_LABELS, toTableRow, ATYPIA_HEADERS } from './atypia-review-rows';

/** The table of atypia flags over the actor's scope, on screen and as a workbook. */
@Injectable()
export class AtypiaTableService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionReader,
    private readonly transitions: SubmissionTransitions,
    private readonly repository: AtypiaReviewRepository,
  ) {}

  /** Whose table it is: the "mine" filter's account and the authorities of "priority only". */
  private viewerOf(actor: AuthenticatedActor): TableViewer {
    const national = activeGrants(actor, parisToday()).some((g) => g.role === 'NATIONAL_ADMIN');
    if (national) return { accountId: actor.accountId, authorities: 'ALL' };
    const mine = [
      ...new Set(
        activeGrants(actor, parisToday())
          .filter((g) => g.organisation.kind === 'ARS' || g.organisation.kind === 'CD')
          .map((g) => `${g.organisation.kind}:${g.organisation.code}`),
      ),
    ];
    return { accountId: actor.accountId, authorities: mine };
  }

  async table(
    actor: AuthenticatedActor,
    year: number,
    query: AtypiaTableFilters & { page?: number; pageSize?: number },
  ): Promise<Paginated<AtypiaTableRow>> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const rows = await this.repository.tablePage(this.dataSource, year, scope, query, this.viewerOf(actor), {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map(toTableRow), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  async workbook(actor: AuthenticatedActor, year: number, query: AtypiaTableFilters): Promise<Buffer> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const rows = await this.repository.table(this.dataSource, year, scope, query, this.viewerOf(actor));
    const workbook = new (exceljs().Workbook)();
    const sheet = workbook.addWorksheet(`Atypies ${year}`);
    sheet.addRow([...ATYPIA_HEADERS]).font = { bold: true };
    sheet.getColumn(1).numFmt = '@';
    for (const r of rows.map(toTableRow)) {
      sheet.addRow([
        r.finess,
        r.structureName,
        r.categoryLabel,
        `${r.departmentCode} ${findDepartment(r.departmentCode)?.name ?? ''}`.trim(),
        r.regionCode,
        STATUS_LABELS[r.submissionStatus as keyof typeof STATUS_LABELS] ?? r.submissionStatus,
        r.ruleCode,
        r.ruleLabel,
        SEVERITY_LABELS[r.severity] ?? r.severity,
        r.targetCode,
        r.value,
        r.message,
        FLAG_STATUS_LABELS[r.status] ?? r.status,
        r.controllerName ?? '',
        r.priority,
        r.messages,
        new Date(r.updatedAt),
      ]);
    }
    sheet.getColumn(17).numFmt = 'dd/mm/yyyy hh:mm';
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    ATYPIA_HEADERS.forEach(
      (_, i) => (sheet.getColumn(i + 1).width = i === 1 || i === 7 || i === 11 ? 45 : 16),
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  // The thread of one flag
}
