import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { faqReach } from '@tdb/access';
import type { FaqEntryDto, FaqSummary } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import { actorRef } from '../../common/auth/actor-ref';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { DomainError } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import type { FaqQuery, FaqWithdrawQuery, PublishFaqBody } from './dto/support.dto';
import { FaqRepository, type FaqEntry, type FaqInput } from './faq.repository';
import { anonymityProblems, staffAuthoritiesFor, staleQuestion } from './support-rules';
import { SupportService } from './support.service';

/** At most this many entries per answer: a regional FAQ holds tens of entries, not thousands. */
const FAQ_LIMIT = 200;

/**
 * The FAQ (issue 17 §2): a referent publishes a question and its answer, anonymised, in the FAQ of
 * the structure's region (or proposes it to the national FAQ); the national administrator publishes
 * nationally. Everyone reads the national FAQ and those of its regions.
 */
@Injectable()
export class FaqService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly support: SupportService,
    private readonly faq: FaqRepository,
  ) {}

  /** Who may withdraw an entry: its publishing authority's staff for a regional one, national for all. */
  private withdrawRequest(entry: FaqEntry) {
    return {
      type: 'faq.withdraw' as const,
      organisation: entry.level === 'NATIONAL' ? null : entry.authority,
    };
  }

  /** The entry as the API answers it, with whether the reader may withdraw it. */
  private view(actor: AuthenticatedActor, entry: FaqEntry): FaqEntryDto {
    const { authority, ...dto } = entry;
    void authority;
    return { ...dto, canWithdraw: this.access.decision(actor, this.withdrawRequest(entry)).allowed };
  }

  /** Withdraws an entry from the FAQ (its question stays, and may be published again). */
  async withdraw(
    actor: AuthenticatedActor,
    year: number,
    id: string,
    query: FaqWithdrawQuery,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.campaigns.row(year, manager);
      const entry = await this.faq.one(manager, year, id, true);
      if (!entry) throw new DomainError('NOT_FOUND', 'Entrée de FAQ introuvable.');
      this.access.check(actor, this.withdrawRequest(entry));
      if (query.version !== entry.version) {
        throw new DomainError(
          'STALE_VERSION',
          "L'entrée a été modifiée depuis que vous l'avez lue : rien n'a été retiré, rechargez la FAQ.",
          [{ field: 'version', message: `Version ${query.version} lue, version actuelle ${entry.version}.` }],
          undefined,
          { current: { version: entry.version } },
        );
      }
      await this.faq.remove(manager, id);
    });
  }

  async publish(
    actor: AuthenticatedActor,
    year: number,
    id: string,
    body: PublishFaqBody,
  ): Promise<FaqEntryDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.support.row(manager, year, id, true);
      const facts = structureFactsOf(row);
      this.access.check(actor, { type: 'support.answer', structure: facts });
      if (body.target === 'NATIONAL') this.access.check(actor, { type: 'faq.publishNational' });
      if (body.version !== row.version) throw staleQuestion(body.version, row.version);
      const problems = anonymityProblems(
        { question: body.question, answer: body.answer },
        {
          finess: facts.finess,
          ogFiness: facts.ogFiness,
          name: row.structure_name,
          askerName: row.asked_by_name,
        },
      );
      if (problems.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `La FAQ est anonyme : ${problems.map((p) => p.message.charAt(0).toLowerCase() + p.message.slice(1)).join(' ')}`,
          problems,
        );
      }
      const by = await actorRef(manager, actor);
      const authority = staffAuthoritiesFor(actor, facts)[0] ?? null;
      const national = body.target === 'NATIONAL';
      const entry: FaqInput = {
        year,
        level: national ? 'NATIONAL' : 'REGION',
        regionCode: national ? null : facts.regionCode,
        question: body.question,
        answer: body.answer,
        itemCode: row.item_code,
        indicatorCode: row.indicator_code,
        categoryCode: facts.categoryCode,
        sourceQuestionId: row.id,
        authority,
        publishedBy: by.id,
        publishedByName: by.name,
        proposedNational: body.target === 'NATIONAL_PROPOSAL',
      };
      let entryId = row.faq_entry_id;
      if (entryId) {
        await this.faq.replace(manager, entryId, entry);
        if (national) await this.faq.publishNationally(manager, entryId);
      } else {
        entryId = await this.faq.insert(manager, entry);
      }
      return this.view(actor, (await this.faq.one(manager, year, entryId)) as FaqEntry);
    });
  }

  /** A proposal (or any regional entry) published in the national FAQ. */
  async publishNationally(actor: AuthenticatedActor, year: number, id: string): Promise<FaqEntryDto> {
    this.access.check(actor, { type: 'faq.publishNational' });
    return this.dataSource.transaction(async (manager) => {
      await this.campaigns.row(year, manager);
      const entry = await this.faq.one(manager, year, id, true);
      if (!entry) throw new DomainError('NOT_FOUND', 'Entrée de FAQ introuvable.');
      if (entry.level === 'NATIONAL')
        throw new DomainError('CONFLICT', 'Cette entrée est déjà dans la FAQ nationale.');
      await this.faq.publishNationally(manager, id);
      return this.view(actor, (await this.faq.one(manager, year, id)) as FaqEntry);
    });
  }

  async list(actor: AuthenticatedActor, year: number, query: FaqQuery): Promise<FaqEntryDto[]> {
    await this.campaigns.row(year);
    const reach = faqReach(this.access.listScope(actor, 'faq.read'));
    return (await this.faq.list(year, reach, query, FAQ_LIMIT)).map((e) => this.view(actor, e));
  }

  async summary(actor: AuthenticatedActor, year: number): Promise<FaqSummary> {
    await this.campaigns.row(year);
    return this.faq.summary(year, faqReach(this.access.listScope(actor, 'faq.read')));
  }
}
