import { SubmissionRowsRepository } from './submission-rows.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { activeGrants, decide, workflowRoleOf, type StructureFacts } from '@tdb/access';
import type {
  DomainCode,
  ItemIssue,
  Paginated,
  SubmissionDetail,
  SubmissionSummary,
  ValueHistoryEntry,
  ValueMap,
} from '@tdb/contracts';
import { DOMAINS, evaluateSubmission } from '@tdb/dictionary';
import { findCategory } from '@tdb/reference';
import type { ActionOptionDto } from '@tdb/contracts';
import {
  STATUS_LABELS,
  describeActions,
  type SubmissionAction,
  type WorkflowRole,
} from '@tdb/submission-workflow';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AtypiaFlagsRepository } from '../computation/atypia-flags.repository';
import { DerivedRules } from '../computation/derived-rules.service';
import { IndicatorValuesRepository } from '../computation/indicator-values.repository';
import { datesOf, phaseOfCampaign, toCampaignSummary, type CampaignRow } from '../campaign-core/campaign-row';
import { extensionAction, extensionOf } from './submission-extension';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import type { SubmissionsQuery } from './dto/submission.dto';
import {
  contextOf,
  factsOf,
  loadOgValues,
  loadSubmissionRow,
  loadSubmissionWithOg,
  mergedValues,
  type SubmissionContext,
  type SubmissionRow,
} from '../campaign-core/submission-context';
import { readAll } from '../../database/read-all';
import { SubmissionListsRepository, withWork } from './submission-lists.repository';
import { SubmissionPartsRepository } from './submission-parts.repository';
import { RegisterPrefill } from '../registers/register-prefill.service';

/** A structure's submission read with everything its page needs, for the actor's rights. */
@Injectable()
export class SubmissionReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly rules: DerivedRules,
    private readonly indicators: IndicatorValuesRepository,
    private readonly flags: AtypiaFlagsRepository,
    private readonly parts: SubmissionPartsRepository,
    private readonly rows: SubmissionRowsRepository,
    private readonly lists: SubmissionListsRepository,
    private readonly registers: RegisterPrefill,
  ) {}

  /**
   * The submission's context, once the actor may read it. `lock`: the submission's row (and, unless
   * `lockOg` is false, its OG's) is locked for the caller's transaction. `campaign`: the campaign
   * row when the caller read it already (a save reads it before its transaction: a campaign's
   * state is read without a lock, in or out of the transaction alike).
   */
  async context(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    options: { lock?: boolean; lockOg?: boolean; campaign?: CampaignRow } = {},
  ): Promise<SubmissionContext> {
    const lock = options.lock ?? false;
    const lockOg = options.lockOg ?? lock;
    const campaign = options.campaign ?? (await this.campaigns.row(year, manager));
    if (!lockOg) {
      // Both rows at once; the OG's values reach nobody unless the check below passes.
      const { submission, og } = await loadSubmissionWithOg(manager, year, finess, lock);
      this.access.check(actor, { type: 'submission.read', structure: factsOf(submission) });
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
      return contextOf(campaign, dictionary, submission, og);
    }
    // Locking the OG's row too takes two statements, not one SELECT … FOR UPDATE OF sub, ogs: the
    // order in which one statement locks its rows follows its plan, and every writer must lock the
    // submission before its OG (as an OG write locks its structures first) or two of them deadlock.
    const submission = await loadSubmissionRow(manager, year, finess, lock);
    this.access.check(actor, { type: 'submission.read', structure: factsOf(submission) });
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
    const og = await loadOgValues(manager, year, submission.og_finess, lockOg);
    return contextOf(campaign, dictionary, submission, og);
  }

  async list(
    actor: AuthenticatedActor,
    year: number,
    query: SubmissionsQuery,
  ): Promise<Paginated<SubmissionSummary>> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const listScope = this.access.listScope(actor, 'submission.read');
    const scope = withWork(this.access.scopeCondition(listScope, 's'), listScope, query.work);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const rows = await this.lists.page(this.dataSource, year, scope, query, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return {
      items: rows.map((row) => this.summary(row)),
      total: Number(rows[0]?.total ?? 0),
      page,
      pageSize,
    };
  }

  summary(row: SubmissionRow): SubmissionSummary {
    return {
      campaignYear: row.campaign_year,
      finess: row.finess,
      name: row.name,
      categoryCode: row.category_code,
      categoryLabel: findCategory(row.category_code)?.shortLabel ?? row.category_code,
      departmentCode: row.department_code,
      regionCode: row.region_code,
      ogFiness: row.og_finess,
      competence: row.competence,
      inScope: row.in_scope,
      scopeReason: row.scope_reason,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status],
      consultedByCd: row.consulted_by_cd,
      completeness: Number(row.completeness),
      updatedAt: new Date(row.updated_at).toISOString(),
      version: row.version,
      extension: extensionOf(row, parisToday()),
    };
  }

  async detail(actor: AuthenticatedActor, year: number, finess: string): Promise<SubmissionDetail> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const context = await this.context(manager, actor, year, finess);
      return this.describe(manager, actor, context);
    });
  }

  /**
   * The detail once a write is committed (a save, a transition), read outside any transaction: the
   * row is no longer locked meanwhile, and the parts are read at once on pooled connections.
   */
  async detailAfterWrite(
    actor: AuthenticatedActor,
    written: Pick<SubmissionContext, 'campaign' | 'dictionary' | 'facts'>,
  ): Promise<SubmissionDetail> {
    const manager = this.dataSource.manager;
    const { campaign, dictionary, facts } = written;
    // The campaign and the structure's OG are those of the write: the submission and its OG's
    // values are read again at once, then the parts.
    const [submission, og] = await Promise.all([
      loadSubmissionRow(manager, campaign.year, facts.finess, false),
      loadOgValues(manager, campaign.year, facts.ogFiness, false),
    ]);
    return this.detailOfWrite(actor, contextOf(campaign, dictionary, submission, og));
  }

  /**
   * The detail from the rows a committed write left (`context`, its own): the parts are read at
   * once on pooled connections, the submission and its OG's values are not read again.
   */
  async detailOfWrite(actor: AuthenticatedActor, context: SubmissionContext): Promise<SubmissionDetail> {
    this.access.check(actor, { type: 'submission.read', structure: context.facts });
    return this.describe(this.dataSource.manager, actor, context);
  }

  /** The role, the actions and the editable domains of `actor` on this submission today. */
  rights(
    actor: AuthenticatedActor,
    context: SubmissionContext,
    ogHasEntryAccounts: boolean,
  ): {
    role: WorkflowRole | null;
    actions: SubmissionAction[];
    options: ActionOptionDto<SubmissionAction>[];
    domains: DomainCode[];
    og: boolean;
  } {
    const today = parisToday();
    const role = workflowRoleOf(actor, context.facts, today);
    if (!role || !context.submission.in_scope) {
      const reason = !role
        ? 'Votre profil permet de consulter cette saisie, pas d’agir dessus.'
        : `Cette structure est exclue du périmètre de la campagne${context.submission.scope_reason ? ` : ${context.submission.scope_reason}` : ''}.`;
      const options = describeActions({
        state: context.state,
        role: 'READER',
        competence: context.facts.competence,
        phase: phaseOfCampaign(context.campaign, today),
        today,
        dates: datesOf(context.campaign),
      }).map((o) => ({ ...o, reason }));
      return { role, actions: [], options, domains: [], og: false };
    }
    const phase = phaseOfCampaign(context.campaign, today);
    const options = describeActions({
      state: context.state,
      role,
      competence: context.facts.competence,
      phase,
      today,
      dates: datesOf(context.campaign),
      extendedUntil: context.submission.extended_until,
    });
    const actions = options.filter((o) => o.allowed).map((o) => o.action);
    if (!actions.includes('SAVE')) return { role, actions, options, domains: [], og: false };
    const domains = DOMAINS.filter(
      (domain) =>
        decide(actor, { type: 'submission.edit', structure: context.facts, domains: [domain] }, today)
          .allowed,
    );
    const og = domains.length > 0 && (this.holdsOgEntry(actor, context.facts) || !ogHasEntryAccounts);
    if (domains.length === 0) {
      const noDomain = 'Votre habilitation ne comprend aucun domaine de saisie de cette structure.';
      return {
        role,
        actions: actions.filter((a) => a !== 'SAVE'),
        options: options.map((o) => (o.action === 'SAVE' ? { ...o, allowed: false, reason: noDomain } : o)),
        domains,
        og,
      };
    }
    return { role, actions, options, domains, og };
  }

  /** APE of the OG, or USER of the OG with the entry right: who enters the OG-level items. */
  holdsOgEntry(actor: AuthenticatedActor, facts: StructureFacts): boolean {
    return activeGrants(actor, parisToday()).some(
      (g) =>
        g.organisation.kind === 'OG' &&
        g.organisation.code === facts.ogFiness &&
        (g.role === 'APE' || (g.role === 'USER' && g.rights.includes('ENTRY'))),
    );
  }

  /** Whether someone holds the entry of the OG itself; if nobody does, its ESMS enter the OG items. */
  async ogHasEntryAccounts(manager: EntityManager, ogFiness: string): Promise<boolean> {
    return this.rows.ogHasEntryAccounts(manager, ogFiness);
  }

  async previousValues(
    manager: EntityManager,
    year: number,
    finess: string,
    ogFiness: string,
  ): Promise<{ year: number | null; values: ValueMap }> {
    return this.rows.previousValues(manager, year, finess, ogFiness);
  }

  /**
   * The detail of a submission. Its parts are read at once outside a transaction (after a write),
   * each on a pooled connection: the answer waits for one round trip instead of eight. In a
   * transaction (a page's consistent read) they go one after the other (readAll).
   */
  async describe(
    manager: EntityManager,
    actor: AuthenticatedActor,
    context: SubmissionContext,
  ): Promise<SubmissionDetail> {
    const { submission, dictionary, campaign } = context;
    const merged = mergedValues(submission.values, context.og.values, dictionary);
    const [previous, registers, ogHasEntry, transitions, referents, assignments, indicators, flags] =
      await readAll(manager, [
        () => this.previousValues(manager, campaign.year, submission.finess, submission.og_finess),
        () => this.registers.ofStructure(manager, campaign.year, submission.finess, dictionary),
        () => this.ogHasEntryAccounts(manager, submission.og_finess),
        () => this.parts.transitionsOf(manager, campaign.year, submission.finess),
        () => this.parts.referentsOf(manager, context.facts),
        () => this.parts.assignments(manager, context, merged),
        () =>
          this.indicators.ofStructure(
            manager,
            campaign.year,
            submission.finess,
            this.rules.definitionsFor(dictionary).indicators,
          ),
        () => this.flags.ofStructure(manager, campaign.year, submission.finess),
      ]);
    const evaluation = evaluateSubmission(
      dictionary,
      submission.category_code,
      merged,
      previous.values,
      registers.references,
    );
    const rights = this.rights(actor, context, ogHasEntry);
    const issues: ItemIssue[] = evaluation.issues.map((i) => ({ ...i }));
    return {
      ...this.summary(submission),
      campaign: toCampaignSummary(campaign, parisToday()),
      ogName: submission.og_name ?? submission.og_finess,
      values: submission.values,
      ogValues: context.og.values,
      ogVersion: context.og.version,
      previousValues: previous.values,
      previousYear: previous.year,
      completenessDetail: evaluation.completeness,
      issues,
      availableActions: rights.actions,
      actions: rights.options,
      extensionAction: extensionAction(
        rights.role,
        submission,
        campaign,
        phaseOfCampaign(campaign, parisToday()),
        parisToday(),
      ),
      role: rights.role,
      editableDomains: rights.domains,
      canEditOgItems: rights.og,
      transitions,
      referents,
      assignments,
      indicators,
      flags,
      registerValues: registers.dtos,
    };
  }

  async history(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    itemCode: string | undefined,
  ): Promise<ValueHistoryEntry[]> {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.context(manager, actor, year, finess);
      return this.rows.history(manager, year, finess, context.facts.ogFiness, itemCode);
    });
  }

  async indicatorsOf(actor: AuthenticatedActor, year: number, finess: string) {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.context(manager, actor, year, finess);
      return this.indicators.ofStructure(
        manager,
        year,
        finess,
        this.rules.definitionsFor(context.dictionary).indicators,
      );
    });
  }
}
