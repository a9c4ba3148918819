import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { supportAuthorities } from '@tdb/access';
import type { Paginated, SupportQuestionSummary, SupportStats, SupportThread } from '@tdb/contracts';
import { AccessService, parisToday } from '../../common/auth/access.service';
import { actorRef } from '../../common/auth/actor-ref';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { DomainError } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import type { CampaignRow } from '../campaign-core/campaign-row';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { authorityName } from '../campaigns/authority-name';
import { DerivedRules } from '../computation/derived-rules.service';
import { MailService } from '../mail/mail.service';
import type { AskQuestionBody, QuestionListQuery } from './dto/support.dto';
import { SUPPORT_EMAILS } from './support-notifications';
import { authoritiesOfActor, isNational } from './support-rules';
import { SupportRepository, toSummary, type QuestionRow } from './support.repository';

/** The SPA's pages of the support (kept in step with apps/web/src/lib/paths.ts). */
export const supportPaths = {
  question: (year: number, id: string) => `/campagnes/${year}/questions/${id}`,
};

/**
 * Regional support (issue 17 §2): a structure asks the referents of its ARS / Département a
 * question; they see it in the queue of their territory; the follow-up counts.
 */
@Injectable()
export class SupportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly rules: DerivedRules,
    private readonly questions: SupportRepository,
    private readonly mail: MailService,
  ) {}

  /** The question with its thread and what the actor may do with it. */
  async describe(
    manager: EntityManager,
    actor: AuthenticatedActor,
    row: QuestionRow,
  ): Promise<SupportThread> {
    const facts = structureFactsOf(row);
    const canManage = this.access.decision(actor, { type: 'support.answer', structure: facts }).allowed;
    const canAsk = this.access.decision(actor, { type: 'support.ask', structure: facts }).allowed;
    return {
      question: toSummary(row),
      messages: await this.questions.messages(manager, row.id),
      canPost: canManage || canAsk,
      canManage,
    };
  }

  /** The question of the campaign, or a French 404. */
  async row(manager: EntityManager, year: number, id: string, lock = false): Promise<QuestionRow> {
    const row = await this.questions.one(manager, year, id, lock);
    if (!row) throw new DomainError('NOT_FOUND', 'Question introuvable.');
    return row;
  }

  /** Checks an item / indicator code against the campaign's dictionary and indicator definitions. */
  private async checkCodes(
    manager: EntityManager,
    campaign: CampaignRow,
    itemCode: string | undefined,
    indicatorCode: string | undefined,
  ): Promise<void> {
    if (!itemCode && !indicatorCode) return;
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
    const errors: { field: string; message: string }[] = [];
    if (itemCode && !dictionary.items.some((i) => i.code === itemCode)) {
      errors.push({
        field: 'itemCode',
        message: `La donnée « ${itemCode} » n’existe pas dans le dictionnaire ${campaign.year}.`,
      });
    }
    if (
      indicatorCode &&
      !this.rules.definitionsFor(dictionary).indicators.some((i) => i.code === indicatorCode)
    ) {
      errors.push({
        field: 'indicatorCode',
        message: `L’indicateur « ${indicatorCode} » n’existe pas pour la campagne ${campaign.year}.`,
      });
    }
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join(' '), errors);
    }
  }

  async ask(actor: AuthenticatedActor, year: number, body: AskQuestionBody): Promise<SupportThread> {
    const emails: string[] = [];
    const thread = await this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.row(year, manager);
      const structure = await this.questions.structure(manager, body.finess);
      if (!structure) throw new DomainError('NOT_FOUND', `Structure ${body.finess} inconnue.`);
      const facts = structureFactsOf(structure);
      this.access.check(actor, { type: 'support.ask', structure: facts });
      await this.checkCodes(manager, campaign, body.itemCode, body.indicatorCode);
      if (campaign.state === 'CLOSED') {
        throw new DomainError(
          'CONFLICT',
          `La campagne ${year} est close : les questions ne sont plus reçues.`,
        );
      }
      const by = await actorRef(manager, actor);
      const id = await this.questions.insert(manager, {
        year,
        finess: facts.finess,
        subject: body.subject,
        pagePath: body.pagePath ?? null,
        itemCode: body.itemCode ?? null,
        indicatorCode: body.indicatorCode ?? null,
        askedBy: by.id,
        askedByName: by.name,
      });
      await this.questions.addMessage(manager, id, {
        side: 'STRUCTURE',
        authorId: by.id,
        authorName: by.name,
        body: body.body,
      });
      const link = this.mail.link(supportPaths.question(year, id));
      for (const authority of supportAuthorities(facts)) {
        const recipients = await this.questions.authorityRecipients(
          manager,
          authority.kind,
          authority.code,
          parisToday(),
        );
        for (const to of recipients) {
          emails.push(
            await this.mail.enqueue(
              manager,
              SUPPORT_EMAILS.newQuestion(
                to,
                {
                  year,
                  structureName: structure.name,
                  finess: facts.finess,
                  subject: body.subject,
                  body: body.body,
                  authority: authorityName(authority.kind, authority.code),
                },
                link,
              ),
            ),
          );
        }
      }
      return this.describe(manager, actor, await this.row(manager, year, id));
    });
    await this.mail.deliver(emails);
    return thread;
  }

  async list(
    actor: AuthenticatedActor,
    year: number,
    query: QuestionListQuery,
  ): Promise<Paginated<SupportQuestionSummary>> {
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.listScope(actor, 'support.read'), 's');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await this.questions.list(
      year,
      scope,
      {
        status: query.status,
        authority: query.authority,
        category: query.category,
        item: query.item,
        indicator: query.indicator,
        finess: query.finess,
        assignedTo: query.mine ? actor.accountId : undefined,
      },
      page,
      pageSize,
    );
    return { items: rows.map(toSummary), total, page, pageSize };
  }

  async thread(actor: AuthenticatedActor, year: number, id: string): Promise<SupportThread> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.campaigns.row(year, manager);
      const row = await this.row(manager, year, id);
      this.access.check(actor, { type: 'support.read', structure: structureFactsOf(row) });
      return this.describe(manager, actor, row);
    });
  }

  /** Per authority of the caller's territory (all for national): open questions, time to first answer. */
  async stats(actor: AuthenticatedActor, year: number): Promise<SupportStats> {
    await this.campaigns.row(year);
    const scope = this.access.listScope(actor, 'support.read');
    const national = isNational(actor);
    const own = authoritiesOfActor(actor);
    if (!national && own.length === 0) {
      throw new DomainError(
        'FORBIDDEN',
        'Le suivi des questions est réservé aux ARS, aux Départements et à l’administration nationale.',
      );
    }
    const rows = await this.questions.stats(year, this.access.scopeCondition(scope, 's'));
    const hours = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    return {
      campaignYear: year,
      rows: rows
        .filter((r) => national || own.some((a) => a.kind === r.kind && a.code === r.code))
        .map((r) => ({
          authority: { kind: r.kind, code: r.code, name: authorityName(r.kind, r.code) },
          total: r.total,
          waiting: r.waiting,
          open: r.open,
          answered: r.answered,
          medianHoursToFirstAnswer: hours(r.median_hours),
          meanHoursToFirstAnswer: hours(r.mean_hours),
        })),
    };
  }
}
