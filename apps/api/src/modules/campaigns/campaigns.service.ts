import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CampaignDatesDto, CampaignDetail, CampaignSummary, SubmissionStatusCode } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import type { DictionaryWithUses } from '@tdb/indicators';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import {
  campaignDatesOf,
  datesOrderProblem,
  defaultDates,
  toCampaignSummary,
  type CampaignRow,
} from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import { CampaignAdministrationRepository } from './campaign-administration.repository';
import { RegisterPrefill } from '../registers/register-prefill.service';
import type { CreateCampaignDto, UpdateCampaignDto } from './dto/campaign.dto';

const EMPTY_COUNTS = (): Record<SubmissionStatusCode, number> => ({
  NOT_STARTED: 0,
  IN_PROGRESS: 0,
  VALIDATED: 0,
  INVALIDATED: 0,
  CONFIRMED: 0,
});

/** Campaigns: the national administrator creates, dates, opens and closes them; everyone reads. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly dictionaries: DictionaryRegistry,
    private readonly campaignRows: CampaignRepository,
    private readonly administration: CampaignAdministrationRepository,
    private readonly audit: AuditService,
    private readonly rules: DerivedRules,
    private readonly registers: RegisterPrefill,
  ) {}

  async list(actor: AuthenticatedActor): Promise<CampaignSummary[]> {
    this.access.check(actor, { type: 'campaign.read' });
    const today = parisToday();
    return (await this.administration.list()).map((row) => toCampaignSummary(row, today));
  }

  async findOne(actor: AuthenticatedActor, year: number): Promise<CampaignDetail> {
    this.access.check(actor, { type: 'campaign.read' });
    const row = await this.campaignRows.row(year);
    const counts = await this.administration.countsByStatus(
      year,
      this.access.scopeCondition(this.access.listScope(actor, 'submission.read'), 's'),
    );
    const byStatus = EMPTY_COUNTS();
    let excluded = 0;
    for (const c of counts) {
      if (c.in_scope) byStatus[c.status] += Number(c.n);
      else excluded += Number(c.n);
    }
    return { ...toCampaignSummary(row, parisToday()), counts: byStatus, excluded };
  }

  /** The campaign's dictionary, with the indicators reading each item (for the items' help). */
  async dictionaryOf(actor: AuthenticatedActor, year: number): Promise<DictionaryWithUses> {
    this.access.check(actor, { type: 'campaign.read' });
    const row = await this.campaignRows.row(year);
    const dictionary = await this.dictionaries.byVersion(row.dictionary_version);
    return { ...dictionary, indicatorsByItem: this.rules.indicatorsByItemFor(dictionary) };
  }

  /**
   * Creates the campaign of `dto.year` with the repository's dictionary file of that year, or else a
   * copy of the latest earlier campaign's dictionary; every FINESS structure gets a submission,
   * prefilled with the values of the State's registers (FINESS equipment).
   */
  async create(actor: AuthenticatedActor, dto: CreateCampaignDto): Promise<CampaignDetail> {
    this.access.check(actor, { type: 'campaign.manage' });
    const dates = dto.dates ?? defaultDates(dto.year);
    const problem = datesOrderProblem(dates);
    if (problem) throw new DomainError('VALIDATION_FAILED', problem);
    await this.dataSource.transaction(async (manager) => {
      if (await this.administration.exists(manager, dto.year))
        throw new DomainError('CONFLICT', `La campagne ${dto.year} existe déjà.`);
      const previous = await this.administration.latestBefore(manager, dto.year);
      const dictionary = await this.dictionaryForNewCampaign(manager, dto.year, previous);
      const threshold = dto.threshold ?? (previous ? Number(previous.threshold) : 0.9);
      await this.administration.insert(manager, {
        year: dto.year,
        dictionaryVersion: dictionary.version,
        threshold,
        dates,
      });
      // « Saisir une seule fois »: the capacities the State's registers already know.
      await this.registers.prefill(manager, dto.year, null);
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: String(dto.year),
        targetLabel: `Campagne ${dto.year}`,
        organisationKind: 'NATIONAL',
        details: { dictionaryVersion: dictionary.version, threshold, dates },
      });
    });
    return this.findOne(actor, dto.year);
  }

  private async dictionaryForNewCampaign(
    manager: EntityManager,
    year: number,
    previous: CampaignRow | undefined,
  ): Promise<Dictionary> {
    const fromFile = await this.dictionaries.storeFileFor(manager, year);
    if (fromFile) return fromFile;
    if (!previous) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Aucun dictionnaire pour ${year} et aucune campagne antérieure dont repartir.`,
      );
    }
    const base = await this.dictionaries.byVersion(previous.dictionary_version, manager);
    const copy: Dictionary = { ...base, version: `${year}.1`, campaignYear: year, dataYear: year - 1 };
    await this.dictionaries.store(manager, copy);
    return copy;
  }

  async update(actor: AuthenticatedActor, year: number, dto: UpdateCampaignDto): Promise<CampaignDetail> {
    this.access.check(actor, { type: 'campaign.manage' });
    await this.dataSource.transaction(async (manager) => {
      const row = await this.campaignRows.row(year, manager, true);
      this.checkVersion(row, dto.version);
      if (row.state === 'CLOSED') throw new DomainError('CONFLICT', `La campagne ${year} est close.`);
      const dates: CampaignDatesDto = dto.dates ?? campaignDatesOf(row);
      const problem = datesOrderProblem(dates);
      if (problem) throw new DomainError('VALIDATION_FAILED', problem);
      const threshold = dto.threshold ?? Number(row.threshold);
      await this.administration.updateDates(manager, year, dates, threshold);
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: 'campaign.update',
        targetType: 'campaign',
        targetId: String(year),
        targetLabel: `Campagne ${year}`,
        organisationKind: 'NATIONAL',
        details: { dates, threshold },
      });
    });
    return this.findOne(actor, year);
  }

  async open(actor: AuthenticatedActor, year: number, version: number): Promise<CampaignDetail> {
    return this.changeState(actor, year, version, 'OPEN');
  }

  async close(actor: AuthenticatedActor, year: number, version: number): Promise<CampaignDetail> {
    return this.changeState(actor, year, version, 'CLOSED');
  }

  private async changeState(
    actor: AuthenticatedActor,
    year: number,
    version: number,
    target: 'OPEN' | 'CLOSED',
  ): Promise<CampaignDetail> {
    this.access.check(actor, { type: 'campaign.manage' });
    await this.dataSource.transaction(async (manager) => {
      const row = await this.campaignRows.row(year, manager, true);
      this.checkVersion(row, version);
      if (target === 'OPEN' && row.state !== 'DRAFT') {
        throw new DomainError(
          'CONFLICT',
          `La campagne ${year} est déjà ${row.state === 'OPEN' ? 'ouverte' : 'close'}.`,
        );
      }
      if (target === 'CLOSED' && row.state !== 'OPEN') {
        throw new DomainError(
          'CONFLICT',
          row.state === 'DRAFT'
            ? `La campagne ${year} n'a pas été ouverte.`
            : `La campagne ${year} est déjà close.`,
        );
      }
      await this.administration.setState(manager, year, target, target === 'CLOSED' ? parisToday() : null);
      await this.audit.record(manager, {
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: target === 'OPEN' ? 'campaign.open' : 'campaign.close',
        targetType: 'campaign',
        targetId: String(year),
        targetLabel: `Campagne ${year}`,
        organisationKind: 'NATIONAL',
      });
    });
    return this.findOne(actor, year);
  }

  private checkVersion(row: CampaignRow, version: number): void {
    if (row.version !== version) {
      throw new DomainError(
        'STALE_VERSION',
        `La campagne ${row.year} a été modifiée entre-temps : rechargez-la avant de recommencer.`,
        undefined,
        undefined,
        { current: toCampaignSummary(row, parisToday()) },
      );
    }
  }
}
