import { SubmissionRowsRepository } from './submission-rows.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { decide, workflowRoleOf } from '@tdb/access';
import type { SubmissionDetail, ValueMap, ValueSource } from '@tdb/contracts';
import { checkEntry, evaluateSubmission } from '@tdb/dictionary';
import { transition } from '@tdb/submission-workflow';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { StructureRefresh, type RefreshBaseline } from '../computation/structure-refresh.service';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { datesOf, phaseOfCampaign } from '../campaign-core/campaign-row';
import {
  contextOf,
  mergedValues,
  type SubmissionContext,
  type SubmissionRow,
} from '../campaign-core/submission-context';
import { SubmissionPartsRepository } from './submission-parts.repository';
import { SubmissionReader } from './submission-reader.service';
import { staleError, valuesRefusal, workflowError } from './submission-errors';

/** A checked batch for one structure, ready to write. */
export interface PreparedSave {
  context: SubmissionContext;
  values: Record<string, number | boolean | string | null>;
}

/** What a save wrote: the figures of its answer, and the submission's row as the write left it. */
export interface AppliedSave {
  version: number;
  changed: number;
  completeness: number;
  submission: SubmissionRow;
}

const sameValue = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/**
 * The one write path of a structure's values (ADR 0006): checked (items, types, bounds, entry
 * rights, status machine), written with the optimistic version and the history, and followed by
 * the structure's derived data in the same transaction. Form, OG grid, Excel grid and JSON bulk
 * all go through `prepare` and `apply`.
 */
@Injectable()
export class SubmissionWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reader: SubmissionReader,
    private readonly parts: SubmissionPartsRepository,
    private readonly refresh: StructureRefresh,
    private readonly rows: SubmissionRowsRepository,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
  ) {}

  /** Refuses (403) an actor who may not enter this structure's data at all, whatever the values. */
  assertMayEnter(actor: AuthenticatedActor, context: SubmissionContext): void {
    this.access.check(actor, { type: 'submission.edit', structure: context.facts, domains: [] });
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
      extendedUntil: context.submission.extended_until,
    });
    if (!result.ok) return refuse(workflowError(result));
    return { prepared: { context, values: check.values }, errors: [], refusal: null };
  }

  /**
   * Writes a prepared batch: values, status, version, completeness, history, transition.
   * `baseline`: the structure's refresh baseline when the caller read it before its transaction.
   */
  async apply(
    manager: EntityManager,
    actor: AuthenticatedActor,
    prepared: PreparedSave,
    source: ValueSource,
    baseline?: RefreshBaseline,
  ): Promise<AppliedSave> {
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
      return {
        version: submission.version,
        changed: 0,
        completeness: Number(submission.completeness),
        submission,
      };
    }
    const evaluation = evaluateSubmission(
      context.dictionary,
      submission.category_code,
      mergedValues(values, context.og.values, context.dictionary),
    );
    const nextStatus = 'IN_PROGRESS'; // where SAVE always leads (status machine)
    const by = await actorRef(manager, actor);
    const written = await this.rows.saveValues(manager, {
      year: submission.campaign_year,
      finess: submission.finess,
      values,
      status: nextStatus,
      completeness: evaluation.completeness.ratio,
      blockingErrors: evaluation.blockingErrors,
      by,
      version: submission.version,
      changes,
      source,
    });
    if (written === null) throw staleError(context, submission.version);
    const row: SubmissionRow = { ...submission, values, ...written };
    await this.refreshIndicators(manager, context, values, context.og.values, baseline);
    if (submission.status !== nextStatus) {
      await this.parts.recordTransition(manager, submission, 'SAVE', nextStatus, null, by);
    }
    return {
      version: written.version,
      changed: changes.length,
      completeness: evaluation.completeness.ratio,
      submission: row,
    };
  }

  /** Indicators and atypia follow every save, in the same transaction (the response carries them). */
  async refreshIndicators(
    manager: EntityManager,
    context: SubmissionContext,
    own: ValueMap,
    og: ValueMap,
    baseline?: RefreshBaseline,
  ): Promise<void> {
    const { campaign, dictionary, facts } = context;
    await this.refresh.refresh(manager, { year: campaign.year, dictionary, facts }, own, og, baseline);
  }

  async save(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
    body: { version: number; values: Record<string, unknown>; source?: 'FORM' | 'PREVIOUS_YEAR' },
  ): Promise<SubmissionDetail> {
    // Before the transaction, at once on pooled connections: the campaign, then what the
    // structure's refresh compares it with (none of it changes with this write). The transaction
    // then holds the row lock for the writes and the reads that must follow the lock only.
    const campaign = await this.campaigns.row(year);
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
    const baseline = await this.refresh.baseline(this.dataSource.manager, year, dictionary, finess);
    const written = await this.dataSource.transaction(async (manager) => {
      // The structure's row only: a save never writes its OG's values, and locking their row queued
      // every save of an OG's structures behind each other at the deadline (issue 13 §4). An OG
      // write locks the structures' rows first, so it still waits for this save and then
      // recomputes it with the new OG values.
      const context = await this.reader.context(manager, actor, year, finess, {
        lock: true,
        lockOg: false,
        campaign,
      });
      this.assertMayEnter(actor, context);
      if (context.submission.version !== body.version) throw staleError(context, body.version);
      const { prepared, errors, refusal } = this.prepare(
        actor,
        context,
        body.values,
        (code) => code ?? 'values',
      );
      if (!prepared) throw refusal ?? valuesRefusal(errors);
      const applied = await this.apply(manager, actor, prepared, body.source ?? 'FORM', baseline);
      return contextOf(campaign, dictionary, applied.submission, context.og);
    });
    // The answer starts from the rows as the write left them (committed): reading them again cost
    // a round trip and the parsing of every value at the deadline.
    return this.reader.detailOfWrite(actor, written);
  }
}
