import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FollowUp, FollowUpRow, LateStructure, SubmissionStatusCode } from '@tdb/contracts';
import { findCategory, findDepartment } from '@tdb/reference';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { phaseOfCampaign, type CampaignRow } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import type { FollowUpQuery } from './dto/follow-up.dto';
import {
  SubmissionListsRepository,
  withStructureFilters,
  type SqlCondition,
} from './submission-lists.repository';
import { SubmissionReader } from './submission-reader.service';

/** Statuses of a structure that has still something to do (validate, or correct and validate again). */
export const LATE_STATUSES: SubmissionStatusCode[] = ['NOT_STARTED', 'IN_PROGRESS', 'INVALIDATED'];

const emptyCounts = (): Record<SubmissionStatusCode, number> => ({
  NOT_STARTED: 0,
  IN_PROGRESS: 0,
  VALIDATED: 0,
  INVALIDATED: 0,
  CONFIRMED: 0,
});

/** Whole days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Follow-up of a campaign (counts by status, department and category, late structures).
 *
 * "Late" (decided here, used by the reminders too): an in-scope structure whose submission is
 * NOT_STARTED, IN_PROGRESS or INVALIDATED, once the collection has started (phase COLLECTION or
 * later, campaign not closed). During the collection it is listed with the days left before the
 * collection end (`daysLeft` ≥ 0, `overdue` false); after the collection end it is overdue
 * (`daysLeft` < 0), unless its authority granted it an extension (ADR 0011): then the days count
 * up to the extension's last day. Before the collection and once the campaign is closed, nobody
 * is late.
 */
@Injectable()
export class FollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly submissions: SubmissionReader,
    private readonly lists: SubmissionListsRepository,
  ) {}

  async followUp(actor: AuthenticatedActor, year: number, query: FollowUpQuery): Promise<FollowUp> {
    this.access.check(actor, { type: 'campaign.read' });
    const campaign = await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const condition = withStructureFilters(scope, query);
    const counts = await this.lists.statusCounts(this.dataSource, year, condition);
    const totals = emptyCounts();
    const rows = new Map<string, FollowUpRow>();
    for (const c of counts) {
      const key = `${c.department_code}|${c.category_code}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          departmentCode: c.department_code,
          departmentName: findDepartment(c.department_code)?.name ?? c.department_code,
          categoryCode: c.category_code,
          categoryLabel: findCategory(c.category_code)?.shortLabel ?? c.category_code,
          counts: emptyCounts(),
          total: 0,
        };
        rows.set(key, row);
      }
      const n = Number(c.n);
      row.counts[c.status] += n;
      row.total += n;
      totals[c.status] += n;
    }
    const today = parisToday();
    return {
      campaignYear: campaign.year,
      phase: phaseOfCampaign(campaign, today),
      totals,
      total: Object.values(totals).reduce((a, b) => a + b, 0),
      rows: [...rows.values()],
      late: await this.late(this.dataSource.manager, campaign, condition, today),
    };
  }

  /** The late structures (see the class comment) among those matching `condition` on alias `s`. */
  async late(
    manager: EntityManager,
    campaign: CampaignRow,
    condition: SqlCondition,
    today: string = parisToday(),
  ): Promise<LateStructure[]> {
    const phase = phaseOfCampaign(campaign, today);
    if (phase === 'PREPARATION' || phase === 'CLOSED' || campaign.state !== 'OPEN') return [];
    const rows = await this.lists.inStatuses(manager, campaign.year, condition, LATE_STATUSES);
    const collectionDaysLeft = daysBetween(today, campaign.collection_end);
    return rows.map((row) => {
      // A structure given an extension counts its days up to the extension's last day.
      const daysLeft = row.extended_until
        ? Math.max(collectionDaysLeft, daysBetween(today, row.extended_until))
        : collectionDaysLeft;
      return { ...this.submissions.summary(row), daysLeft, overdue: daysLeft < 0 };
    });
  }
}
