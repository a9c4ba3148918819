import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { activeGrants } from '@tdb/access';
import type { AtypiaTableRow, Paginated } from '@tdb/contracts';
import { findDepartment } from '@tdb/reference';
import { STATUS_LABELS } from '@tdb/submission-workflow';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { namedQuery } from '../../database/named-query';
import { AuditService } from '../audit/audit.service';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { SubmissionReader } from '../campaigns/submission-reader.service';
import { SubmissionTransitions } from '../campaigns/submission-transitions.service';
import { MailService } from '../mail/mail.service';
import type { AtypiaTableFilters } from './dto/atypia-review.dto';
import {
  type TableRowSql,
  TABLE_SELECT,
  SEVERITY_RANK,
  FLAG_STATUS_LABELS,
  SEVERITY_LABELS,
  toTableRow,
  ATYPIA_HEADERS,
} from './atypia-review-rows';

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
  ) {}

  private tableCondition(
    actor: AuthenticatedActor,
    year: number,
    query: AtypiaTableFilters,
  ): { sql: string; parameters: Record<string, unknown> } {
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const filters: string[] = ['f.campaign_year = :year', scope.sql];
    const parameters: Record<string, unknown> = { ...scope.parameters, year };
    const status = query.status;
    if (!status) filters.push(`f.status <> 'RESOLVED'`);
    else if (status !== 'ALL') {
      filters.push('f.status = :status');
      parameters['status'] = status;
    }
    if (query.department) {
      filters.push('s.department_code = :department');
      parameters['department'] = query.department;
    }
    if (query.category) {
      filters.push('s.category_code = :category');
      parameters['category'] = query.category;
    }
    if (query.ruleCode) {
      filters.push('f.rule_code = :ruleCode');
      parameters['ruleCode'] = query.ruleCode;
    }
    if (query.severity) {
      filters.push('f.severity = :severity');
      parameters['severity'] = query.severity;
    }
    if (query.mine || query.view === 'mine') {
      filters.push('fa.controller_id::text = :me');
      parameters['me'] = actor.accountId;
    }
    if (query.priorityOnly) {
      const national = activeGrants(actor, parisToday()).some((g) => g.role === 'NATIONAL_ADMIN');
      const mine = [
        ...new Set(
          activeGrants(actor, parisToday())
            .filter((g) => g.organisation.kind === 'ARS' || g.organisation.kind === 'CD')
            .map((g) => `${g.organisation.kind}:${g.organisation.code}`),
        ),
      ];
      const authority = national
        ? 'TRUE'
        : mine.length > 0
          ? `(p.organisation_kind || ':' || p.organisation_code) IN (:...myAuthorities)`
          : 'FALSE';
      if (!national && mine.length > 0) parameters['myAuthorities'] = mine;
      filters.push(`(coalesce(fa.priority, 0) > 0 OR EXISTS (
        SELECT 1 FROM fiabilisation_priorities p
         WHERE p.campaign_year = f.campaign_year AND ${authority}
           AND ((p.organisation_kind = 'ARS' AND p.organisation_code = s.region_code AND s.competence IN ('ARS', 'SHARED'))
             OR (p.organisation_kind = 'CD' AND p.organisation_code = s.department_code AND s.competence IN ('CD', 'SHARED')))
           AND (f.rule_code = ANY (p.rule_codes) OR (f.target_kind = 'indicator' AND f.target_code = ANY (p.indicator_codes)))))`);
    }
    return { sql: filters.join(' AND '), parameters };
  }

  private orderBy(query: AtypiaTableFilters): string {
    const desc = query.order === 'desc';
    const dir = (ascByDefault: boolean) => ((ascByDefault ? !desc : desc) ? 'ASC' : 'DESC');
    const sort = query.sort ?? 'priority';
    const tail = 's.name, s.finess, f.rule_code, f.id';
    switch (sort) {
      case 'structure':
        return `s.name ${dir(true)}, s.finess, f.rule_code, f.id`;
      case 'rule':
        return `f.rule_code ${dir(true)}, ${tail}`;
      case 'value':
        return `f.value ${query.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${tail}`;
      case 'updatedAt':
        return `f.updated_at ${query.order === 'asc' ? 'ASC' : 'DESC'}, ${tail}`;
      default:
        return `coalesce(fa.priority, 0) ${query.order === 'asc' ? 'ASC' : 'DESC'}, ${SEVERITY_RANK}, ${tail}`;
    }
  }

  async table(
    actor: AuthenticatedActor,
    year: number,
    query: AtypiaTableFilters & { page?: number; pageSize?: number },
  ): Promise<Paginated<AtypiaTableRow>> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const condition = this.tableCondition(actor, year, query);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const rows = await namedQuery<TableRowSql>(
      this.dataSource,
      `${TABLE_SELECT.replace('SELECT ', 'SELECT count(*) OVER () AS total, ')}
        WHERE ${condition.sql} ORDER BY ${this.orderBy(query)} LIMIT :limit OFFSET :offset`,
      { ...condition.parameters, limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { items: rows.map(toTableRow), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  async workbook(actor: AuthenticatedActor, year: number, query: AtypiaTableFilters): Promise<Buffer> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const condition = this.tableCondition(actor, year, query);
    const rows = await namedQuery<TableRowSql>(
      this.dataSource,
      `${TABLE_SELECT} WHERE ${condition.sql} ORDER BY ${this.orderBy(query)} LIMIT 100000`,
      condition.parameters,
    );
    const workbook = new ExcelJS.Workbook();
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
