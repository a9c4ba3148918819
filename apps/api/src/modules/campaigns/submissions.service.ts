import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { activeGrants, decide, workflowRoleOf, type StructureFacts } from '@tdb/access';
import type {
  DomainCode,
  EntryAssignment,
  ItemIssue,
  Paginated,
  ReferentDto,
  SubmissionDetail,
  SubmissionSummary,
  TransitionDto as TransitionView,
  ValueHistoryEntry,
  ValueMap,
  ValueSource,
} from '@tdb/contracts';
import { checkEntry, DOMAINS, evaluateSubmission } from '@tdb/dictionary';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import {
  ACTION_LABELS,
  STATUS_LABELS,
  availableActions,
  transition,
  type SubmissionAction,
  type TransitionResult,
  type WorkflowRole,
} from '@tdb/submission-workflow';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { namedQuery } from '../../database/named-query';
import { AuditService } from '../audit/audit.service';
import { AtypiaFlagsRepository } from '../computation/atypia-flags.repository';
import { CampaignJobsService } from '../computation/campaign-jobs.service';
import { DerivedRules } from '../computation/derived-rules.service';
import { IndicatorValuesRepository } from '../computation/indicator-values.repository';
import { StructureRefresh } from '../computation/structure-refresh.service';
import { MailService } from '../mail/mail.service';
import { datesOf, phaseOfCampaign, toCampaignSummary } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import type { SubmissionsQuery, TransitionDto } from './dto/submission.dto';
import {
  factsOf,
  loadOgValues,
  loadSubmissionRow,
  mergedValues,
  stateOf,
  SUBMISSION_SELECT,
  type SubmissionContext,
  type SubmissionRow,
} from '../campaign-core/submission-context';
import { structureRecipients } from './structure-recipients';

/** A checked batch for one structure, ready to write. */
export interface PreparedSave {
  context: SubmissionContext;
  values: Record<string, number | boolean | string | null>;
}

const sentence = (text: string): string => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

const sameValue = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/** A refusal of the status machine as the API's French error. */
export function workflowError(
  result: Extract<TransitionResult, { ok: false }>,
  details?: DomainErrorDetail[],
): DomainError {
  const message = sentence(result.reason);
  switch (result.code) {
    case 'ROLE':
      return new DomainError('FORBIDDEN', message, undefined, `Workflow refused (role): ${result.reason}`);
    case 'PHASE':
    case 'STATUS':
      return new DomainError(
        'CONFLICT',
        message,
        undefined,
        `Workflow refused (${result.code}): ${result.reason}`,
      );
    default:
      return new DomainError('VALIDATION_FAILED', message, details);
  }
}

/**
 * A structure's submission: read it with everything the form needs, save values (type and bounds
 * checked, optimistic version, history), move it through the status machine.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rules: DerivedRules,
    private readonly indicators: IndicatorValuesRepository,
    private readonly flags: AtypiaFlagsRepository,
    private readonly refresh: StructureRefresh,
    private readonly jobs: CampaignJobsService,
  ) {}

  async context(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    lock = false,
  ): Promise<SubmissionContext> {
    const campaign = await this.campaigns.row(year, manager);
    const submission = await loadSubmissionRow(manager, year, finess, lock);
    const facts = factsOf(submission);
    this.access.check(actor, { type: 'submission.read', structure: facts });
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
    const og = await loadOgValues(manager, year, submission.og_finess, lock);
    return { campaign, dictionary, submission, facts, og, state: stateOf(submission) };
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  async list(
    actor: AuthenticatedActor,
    year: number,
    query: SubmissionsQuery,
  ): Promise<Paginated<SubmissionSummary>> {
    this.access.check(actor, { type: 'campaign.read' });
    await this.campaigns.row(year);
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    const filters: string[] = ['sub.campaign_year = :year', scope.sql];
    const params: Record<string, unknown> = { ...scope.parameters, year };
    if (!query.includeExcluded) filters.push('sub.in_scope');
    if (query.status) {
      filters.push('sub.status = :status');
      params['status'] = query.status;
    }
    if (query.department) {
      filters.push('s.department_code = :department');
      params['department'] = query.department;
    }
    if (query.category) {
      filters.push('s.category_code = :category');
      params['category'] = query.category;
    }
    if (query.og) {
      filters.push('s.og_finess = :og');
      params['og'] = query.og;
    }
    if (query.q?.trim()) {
      filters.push(`(s.finess = :qExact OR s.search_text LIKE :qLike)`);
      params['qExact'] = query.q.trim();
      params['qLike'] = `%${query.q
        .trim()
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')}%`;
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    params['limit'] = pageSize;
    params['offset'] = (page - 1) * pageSize;
    const rows = await namedQuery<SubmissionRow & { total: string }>(
      this.dataSource,
      `${SUBMISSION_SELECT.replace('SELECT ', 'SELECT count(*) OVER () AS total, ')}
        WHERE ${filters.join(' AND ')}
        ORDER BY s.name, s.finess LIMIT :limit OFFSET :offset`,
      params,
    );
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
    };
  }

  async detail(actor: AuthenticatedActor, year: number, finess: string): Promise<SubmissionDetail> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const context = await this.context(manager, actor, year, finess);
      return this.describe(manager, actor, context);
    });
  }

  /** The role, the actions and the editable domains of `actor` on this submission today. */
  rights(
    actor: AuthenticatedActor,
    context: SubmissionContext,
    ogHasEntryAccounts: boolean,
  ): { role: WorkflowRole | null; actions: SubmissionAction[]; domains: DomainCode[]; og: boolean } {
    const today = parisToday();
    const role = workflowRoleOf(actor, context.facts, today);
    if (!role || !context.submission.in_scope) return { role, actions: [], domains: [], og: false };
    const phase = phaseOfCampaign(context.campaign, today);
    const actions = availableActions(context.state, role, context.facts.competence, phase);
    if (!actions.includes('SAVE')) return { role, actions, domains: [], og: false };
    const domains = DOMAINS.filter(
      (domain) =>
        decide(actor, { type: 'submission.edit', structure: context.facts, domains: [domain] }, today)
          .allowed,
    );
    const og = domains.length > 0 && (this.holdsOgEntry(actor, context.facts) || !ogHasEntryAccounts);
    return { role, actions, domains, og };
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
    const rows = await manager.query(
      `SELECT 1 FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.organisation_kind = 'OG' AND g.organisation_code = $1 AND a.status <> 'DISABLED'
          AND (g.role = 'APE' OR (g.role = 'USER' AND 'ENTRY' = ANY (g.rights)))
          AND (g.valid_until IS NULL OR g.valid_until >= $2::date) LIMIT 1`,
      [ogFiness, parisToday()],
    );
    return rows.length > 0;
  }

  async previousValues(
    manager: EntityManager,
    year: number,
    finess: string,
    ogFiness: string,
  ): Promise<{ year: number | null; values: ValueMap }> {
    const rows: { year: number; values: ValueMap | null; og_values: ValueMap | null }[] = await manager.query(
      `SELECT c.year, sub.values, ogs.values AS og_values
         FROM campaigns c
         LEFT JOIN submissions sub ON sub.campaign_year = c.year AND sub.finess = $2
         LEFT JOIN og_submissions ogs ON ogs.campaign_year = c.year AND ogs.og_finess = $3
        WHERE c.year < $1 ORDER BY c.year DESC LIMIT 1`,
      [year, finess, ogFiness],
    );
    const row = rows[0];
    if (!row) return { year: null, values: {} };
    return { year: row.year, values: { ...(row.values ?? {}), ...(row.og_values ?? {}) } };
  }

  async describe(
    manager: EntityManager,
    actor: AuthenticatedActor,
    context: SubmissionContext,
  ): Promise<SubmissionDetail> {
    const { submission, dictionary, campaign } = context;
    const previous = await this.previousValues(
      manager,
      campaign.year,
      submission.finess,
      submission.og_finess,
    );
    const merged = mergedValues(submission.values, context.og.values, dictionary);
    const evaluation = evaluateSubmission(dictionary, submission.category_code, merged, previous.values);
    const rights = this.rights(actor, context, await this.ogHasEntryAccounts(manager, submission.og_finess));
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
      availableActions: rights.actions.filter((a) => a !== 'SAVE' || rights.domains.length > 0),
      role: rights.role,
      editableDomains: rights.domains,
      canEditOgItems: rights.og,
      transitions: await this.transitions(manager, campaign.year, submission.finess),
      referents: await this.referentsOf(manager, context.facts),
      assignments: await this.assignments(manager, context, merged),
      indicators: await this.indicators.ofStructure(
        manager,
        campaign.year,
        submission.finess,
        this.rules.definitionsFor(dictionary).indicators,
      ),
      flags: await this.flags.ofStructure(manager, campaign.year, submission.finess),
    };
  }

  private async transitions(manager: EntityManager, year: number, finess: string): Promise<TransitionView[]> {
    const rows: {
      action: SubmissionAction;
      from_status: TransitionView['from'];
      to_status: TransitionView['to'];
      reason: string | null;
      actor_name: string;
      at: Date;
    }[] = await manager.query(
      `SELECT action, from_status, to_status, reason, actor_name, at FROM submission_transitions
        WHERE campaign_year = $1 AND finess = $2 ORDER BY at DESC, id DESC`,
      [year, finess],
    );
    return rows.map((r) => ({
      action: r.action,
      actionLabel: ACTION_LABELS[r.action],
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      actorName: r.actor_name,
      at: new Date(r.at).toISOString(),
    }));
  }

  /** The referents of the authorities competent for the structure. */
  async referentsOf(manager: EntityManager, facts: StructureFacts): Promise<ReferentDto[]> {
    const rows: {
      id: string;
      organisation_kind: 'ARS' | 'CD';
      organisation_code: string;
      name: string;
      email: string;
      phone: string | null;
      role_label: string | null;
    }[] = await manager.query(
      `SELECT id, organisation_kind, organisation_code, name, email, phone, role_label FROM authority_referents
        WHERE (organisation_kind = 'ARS' AND organisation_code = $1 AND $3 <> 'CD')
           OR (organisation_kind = 'CD' AND organisation_code = $2 AND $3 <> 'ARS')
        ORDER BY organisation_kind, name`,
      [facts.regionCode, facts.departmentCode, facts.competence],
    );
    return rows.map((r) => ({
      id: r.id,
      organisationKind: r.organisation_kind,
      organisationCode: r.organisation_code,
      organisationName:
        r.organisation_kind === 'ARS'
          ? `ARS ${findRegion(r.organisation_code)?.name ?? r.organisation_code}`
          : `Département ${findDepartment(r.organisation_code)?.name ?? r.organisation_code}`,
      name: r.name,
      email: r.email,
      phone: r.phone,
      roleLabel: r.role_label,
    }));
  }

  /** Who enters which domains (APE and USER grants of the ESMS and its OG), with their progress. */
  private async assignments(
    manager: EntityManager,
    context: SubmissionContext,
    merged: ValueMap,
  ): Promise<EntryAssignment[]> {
    const rows: {
      account_id: string;
      name: string;
      email: string;
      role: string;
      rights: string[];
      entry_domains: DomainCode[] | null;
    }[] = await manager.query(
      `SELECT a.id AS account_id, a.first_name || ' ' || a.last_name AS name, a.email, g.role, g.rights, g.entry_domains
         FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.status <> 'DISABLED'
          AND ((g.organisation_kind = 'ESMS' AND g.organisation_code = $1) OR (g.organisation_kind = 'OG' AND g.organisation_code = $2))
          AND (g.role = 'APE' OR (g.role = 'USER' AND 'ENTRY' = ANY (g.rights)))
          AND (g.valid_until IS NULL OR g.valid_until >= $3::date)
        ORDER BY g.role, a.last_name, a.first_name`,
      [context.facts.finess, context.facts.ogFiness, parisToday()],
    );
    const byDomain = evaluateSubmission(context.dictionary, context.facts.categoryCode, merged).completeness
      .byDomain;
    return rows.map((r) => {
      const domains = r.role === 'APE' ? null : r.entry_domains;
      const parts = (domains ?? DOMAINS).map((d) => byDomain[d as DomainCode]);
      const filled = parts.reduce((sum, p) => sum + (p?.filled ?? 0), 0);
      const expected = parts.reduce((sum, p) => sum + (p?.expected ?? 0), 0);
      return {
        accountId: r.account_id,
        name: r.name,
        email: r.email,
        role: r.role === 'APE' ? 'APE' : r.rights.join(', '),
        domains,
        completeness: { filled, expected, ratio: expected === 0 ? 1 : filled / expected },
      };
    });
  }

  async history(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    itemCode: string | undefined,
  ): Promise<ValueHistoryEntry[]> {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.context(manager, actor, year, finess);
      const rows: {
        item_code: string;
        old_value: ValueHistoryEntry['oldValue'];
        new_value: ValueHistoryEntry['newValue'];
        source: ValueSource;
        actor_name: string;
        at: Date;
      }[] = await manager.query(
        `SELECT item_code, old_value, new_value, source, actor_name, at FROM value_history
          WHERE campaign_year = $1
            AND ((holder_finess = $2 AND NOT og_level) OR (holder_finess = $3 AND og_level))
            AND ($4::text IS NULL OR item_code = $4)
          ORDER BY at DESC, id DESC LIMIT 500`,
        [year, finess, context.facts.ogFiness, itemCode ?? null],
      );
      return rows.map((r) => ({
        itemCode: r.item_code,
        oldValue: r.old_value,
        newValue: r.new_value,
        source: r.source,
        actorName: r.actor_name,
        at: new Date(r.at).toISOString(),
      }));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Saving

  /** Refuses (403) an actor who may not enter this structure's data at all, whatever the values. */
  assertMayEnter(actor: AuthenticatedActor, context: SubmissionContext): void {
    this.access.check(actor, { type: 'submission.edit', structure: context.facts, domains: [] });
  }

  /** Refuses a stale version with the current values, so that the user can merge and lose nothing. */
  staleError(context: SubmissionContext, sentVersion: number): DomainError {
    return new DomainError(
      'STALE_VERSION',
      "La saisie a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : vos valeurs n'ont pas été enregistrées, comparez-les aux valeurs actuelles.",
      undefined,
      `Stale submission ${context.facts.finess}: sent ${sentVersion}, current ${context.submission.version}`,
      {
        current: {
          version: context.submission.version,
          status: context.submission.status,
          values: context.submission.values,
          ogValues: context.og.values,
          ogVersion: context.og.version,
        },
      },
    );
  }

  /**
   * Checks a batch for one structure without writing: known items applying to the category, types
   * and bounds, the entry right on their domains, the status machine. Problems are returned with
   * `path` (prefixed for bulk), so that a bulk call can list them all.
   */
  prepare(
    actor: AuthenticatedActor,
    context: SubmissionContext,
    raw: Record<string, unknown>,
    path: (itemCode: string | null) => string,
  ): { prepared: PreparedSave | null; errors: DomainErrorDetail[]; refusal: DomainError | null } {
    // A refusal of the whole batch (scope, right, status machine) is also listed with the errors,
    // so that a bulk call reports it per structure.
    const refuse = (refusal: DomainError) => ({
      prepared: null,
      errors: [{ field: path(null), message: refusal.userMessage }],
      refusal,
    });
    if (!context.submission.in_scope) {
      return refuse(
        new DomainError(
          'CONFLICT',
          "Cette structure est exclue du périmètre de la campagne : aucune saisie n'est attendue.",
        ),
      );
    }
    const check = checkEntry(
      context.dictionary,
      { level: 'structure', categoryCode: context.facts.categoryCode },
      raw,
    );
    const errors = check.errors.map((e) => ({ field: path(e.itemCode), message: e.message }));
    if (errors.length > 0) return { prepared: null, errors, refusal: null };
    const today = parisToday();
    if (check.domains.length > 0) {
      const decision = decide(
        actor,
        { type: 'submission.edit', structure: context.facts, domains: [...check.domains] },
        today,
      );
      if (!decision.allowed) return refuse(new DomainError('FORBIDDEN', decision.reason));
    }
    const role = workflowRoleOf(actor, context.facts, today);
    const result = transition(context.state, {
      action: 'SAVE',
      role: role ?? 'READER',
      competence: context.facts.competence,
      phase: phaseOfCampaign(context.campaign, today),
      today,
      dates: datesOf(context.campaign),
    });
    if (!result.ok) return refuse(workflowError(result));
    return { prepared: { context, values: check.values }, errors: [], refusal: null };
  }

  /** Writes a prepared batch: values, status, version, completeness, history, transition. */
  async apply(
    manager: EntityManager,
    actor: AuthenticatedActor,
    prepared: PreparedSave,
    source: ValueSource,
  ): Promise<{ version: number; changed: number; completeness: number }> {
    const { context } = prepared;
    const { submission } = context;
    const values: ValueMap = { ...submission.values };
    const changes: { code: string; old: unknown; new: unknown }[] = [];
    for (const [code, value] of Object.entries(prepared.values)) {
      const old = values[code] ?? null;
      if (sameValue(old, value)) continue;
      changes.push({ code, old, new: value });
      if (value === null) delete values[code];
      else values[code] = value;
    }
    if (changes.length === 0) {
      return { version: submission.version, changed: 0, completeness: Number(submission.completeness) };
    }
    const evaluation = evaluateSubmission(
      context.dictionary,
      submission.category_code,
      mergedValues(values, context.og.values, context.dictionary),
    );
    const nextStatus = 'IN_PROGRESS'; // where SAVE always leads (status machine)
    const by = await actorRef(manager, actor);
    const updated: { version: number }[][] | { version: number }[] = await manager.query(
      `UPDATE submissions SET values = $3, status = $4, completeness = $5, blocking_errors = $6,
              version = version + 1, updated_at = now(), updated_by = $7
        WHERE campaign_year = $1 AND finess = $2 AND version = $8 RETURNING version`,
      [
        submission.campaign_year,
        submission.finess,
        JSON.stringify(values),
        nextStatus,
        evaluation.completeness.ratio,
        evaluation.blockingErrors,
        by.id,
        submission.version,
      ],
    );
    const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as { version: number }[];
    if (!rows[0]) throw this.staleError(context, submission.version);
    await this.recordHistory(
      manager,
      submission.campaign_year,
      submission.finess,
      false,
      changes,
      source,
      by,
    );
    await this.refreshIndicators(manager, context, values, context.og.values);
    if (submission.status !== nextStatus) {
      await this.recordTransition(manager, submission, 'SAVE', nextStatus, null, by);
    }
    return { version: rows[0].version, changed: changes.length, completeness: evaluation.completeness.ratio };
  }

  /** Indicators and atypia follow every save, in the same transaction (the response carries them). */
  async refreshIndicators(
    manager: EntityManager,
    context: SubmissionContext,
    own: ValueMap,
    og: ValueMap,
  ): Promise<void> {
    const { campaign, dictionary, facts } = context;
    await this.refresh.refresh(manager, { year: campaign.year, dictionary, facts }, own, og);
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

  async recordHistory(
    manager: EntityManager,
    year: number,
    holder: string,
    ogLevel: boolean,
    changes: { code: string; old: unknown; new: unknown }[],
    source: ValueSource,
    by: { id: string | null; name: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO value_history (campaign_year, holder_finess, og_level, item_code, old_value, new_value, source, actor_id, actor_name)
       SELECT $1, $2, $3, c.code, c.old_value, c.new_value, $4, $5, $6
         FROM jsonb_to_recordset($7::jsonb) AS c(code text, old_value jsonb, new_value jsonb)`,
      [
        year,
        holder,
        ogLevel,
        source,
        by.id,
        by.name,
        JSON.stringify(changes.map((c) => ({ code: c.code, old_value: c.old, new_value: c.new }))),
      ],
    );
  }

  private async recordTransition(
    manager: EntityManager,
    submission: SubmissionRow,
    action: SubmissionAction,
    to: string,
    reason: string | null,
    by: { id: string | null; name: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO submission_transitions (campaign_year, finess, action, from_status, to_status, reason, actor_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [submission.campaign_year, submission.finess, action, submission.status, to, reason, by.id, by.name],
    );
  }

  async save(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: { version: number; values: Record<string, unknown>; source?: 'FORM' | 'PREVIOUS_YEAR' },
  ): Promise<SubmissionDetail> {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.context(manager, actor, year, finess, true);
      this.assertMayEnter(actor, context);
      if (context.submission.version !== body.version) throw this.staleError(context, body.version);
      const { prepared, errors, refusal } = this.prepare(
        actor,
        context,
        body.values,
        (code) => code ?? 'values',
      );
      if (!prepared) throw refusal ?? this.refusal(errors);
      await this.apply(manager, actor, prepared, body.source ?? 'FORM');
      return this.describe(manager, actor, await this.context(manager, actor, year, finess));
    });
  }

  /** One refusal listing every value problem. */
  refusal(errors: DomainErrorDetail[]): DomainError {
    const count = errors.length;
    return new DomainError(
      'VALIDATION_FAILED',
      `${count} ${count > 1 ? 'valeurs refusées' : 'valeur refusée'} : rien n'a été enregistré.`,
      errors,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Status transitions

  async transition(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: TransitionDto,
  ): Promise<SubmissionDetail> {
    const emailIds: string[] = [];
    const detail = await this.dataSource.transaction(async (manager) => {
      emailIds.push(...(await this.transitionWithin(manager, actor, year, finess, body)));
      return this.describe(manager, actor, await this.context(manager, actor, year, finess));
    });
    await this.mail.deliver(emailIds);
    // Peers are the validated and confirmed submissions: their distributions follow.
    if (['VALIDATE', 'INVALIDATE', 'CONFIRM', 'REOPEN', 'UNCONFIRM'].includes(body.action)) {
      await this.jobs.scheduleDistributions(year);
    }
    return detail;
  }

  /**
   * One status transition inside the caller's transaction (a decision on atypia invalidates
   * through here too): the status machine, the stale version (when given), the row, the record,
   * the audit and, on INVALIDATE, the emails to the structure's users. Returns the emails to
   * deliver once the transaction has committed.
   */
  async transitionWithin(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: { action: Exclude<SubmissionAction, 'SAVE'>; reason?: string; version?: number },
    auditDetails: Record<string, unknown> = {},
  ): Promise<string[]> {
    const context = await this.context(manager, actor, year, finess, true);
    if (!context.submission.in_scope) {
      throw new DomainError('CONFLICT', 'Cette structure est exclue du périmètre de la campagne.');
    }
    const today = parisToday();
    const role = workflowRoleOf(actor, context.facts, today);
    if (!role) throw new DomainError('FORBIDDEN', 'Cette structure est hors de votre périmètre.');
    const evaluation = evaluateSubmission(
      context.dictionary,
      context.facts.categoryCode,
      mergedValues(context.submission.values, context.og.values, context.dictionary),
    );
    const result = transition(context.state, {
      action: body.action,
      role,
      competence: context.facts.competence,
      phase: phaseOfCampaign(context.campaign, today),
      today,
      dates: datesOf(context.campaign),
      reason: body.reason,
      facts: {
        completeness: evaluation.completeness.ratio,
        threshold: Number(context.campaign.threshold),
        blockingErrors: evaluation.blockingErrors,
      },
    });
    if (!result.ok) {
      const details =
        result.code === 'INCOMPLETE'
          ? evaluation.issues
              .filter((i) => i.blocking)
              .map((i) => ({ field: i.itemCode, message: `${i.itemLabel} : ${i.message}` }))
          : undefined;
      throw workflowError(result, details);
    }
    // After the status machine: a role that may never act is refused (403) whatever the version.
    if (body.version !== undefined && context.submission.version !== body.version) {
      throw this.staleError(context, body.version);
    }
    const by = await actorRef(manager, actor);
    const { next, event } = result;
    await manager.query(
      `UPDATE submissions SET status = $3, consulted_by_cd = $4, reopened_by_authority = $5, version = version + 1,
              validated_at = CASE WHEN $3 = 'VALIDATED' AND $6 THEN now() ELSE validated_at END, updated_at = now()
        WHERE campaign_year = $1 AND finess = $2`,
      [year, finess, next.status, next.consultedByCd, next.reopenedByAuthority, body.action === 'VALIDATE'],
    );
    await this.recordTransition(manager, context.submission, body.action, event.to, event.reason, by);
    await this.audit.record(manager, {
      actorId: by.id,
      actorEmail: actor.email,
      action: `submission.${body.action.toLowerCase()}`,
      targetType: 'submission',
      targetId: `${year}/${finess}`,
      targetLabel: context.submission.name,
      organisationKind: 'ESMS',
      organisationCode: finess,
      regionCode: context.facts.regionCode,
      departmentCode: context.facts.departmentCode,
      competence: context.facts.competence,
      details: { from: event.from, to: event.to, reason: event.reason, ...auditDetails },
    });
    return body.action === 'INVALIDATE'
      ? this.emailInvalidation(manager, context, event.reason ?? '', by.name)
      : [];
  }

  /** Tells the structure's users (ESMS and OG accounts) why their data was sent back. */
  private async emailInvalidation(
    manager: EntityManager,
    context: SubmissionContext,
    reason: string,
    by: string,
  ): Promise<string[]> {
    const recipients =
      (await structureRecipients(manager, [context.facts.finess])).get(context.facts.finess) ?? [];
    const { year } = context.campaign;
    const link = `${this.config.mail.publicUrl}/campagnes/${year}/structures/${context.facts.finess}`;
    const ids: string[] = [];
    for (const email of recipients) {
      ids.push(
        await this.mail.enqueue(manager, {
          to: email,
          subject: `TDB ${year} : la saisie de ${context.submission.name} est à corriger`,
          text: [
            'Bonjour,',
            '',
            `La saisie du tableau de bord ${year} de ${context.submission.name} (FINESS ${context.facts.finess}) a été invalidée par ${by}.`,
            '',
            `Motif : ${reason}`,
            '',
            `Corrigez les données puis validez à nouveau la saisie avant le ${datesOf(context.campaign).fiabilisationEnd.split('-').reverse().join('/')} :`,
            link,
            '',
            "L'équipe du tableau de bord de la performance",
          ].join('\n'),
        }),
      );
    }
    return ids;
  }
}
