import { SubmissionRowsRepository } from './submission-rows.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { BulkResult, OgSubmissionDetail, ValueMap, ValueSource } from '@tdb/contracts';
import { checkEntry, evaluateSubmission, type Dictionary } from '@tdb/dictionary';
import { actorRef } from '../../common/auth/actor-ref';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError, type DomainErrorDetail } from '../../common/errors/domain-error';
import { toCampaignSummary } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import type { BulkDto } from './dto/submission.dto';
import {
  contextOf,
  loadOgValues,
  mergedValues,
  type SubmissionContext,
} from '../campaign-core/submission-context';
import { SubmissionPartsRepository } from './submission-parts.repository';
import { SubmissionReader } from './submission-reader.service';
import { SubmissionWriter, type PreparedSave } from './submission-writer.service';

interface OgBatch {
  ogFiness: string;
  version: number | undefined;
  values: Record<string, number | boolean | string | null>;
}

/**
 * Entry at the level of an organisme gestionnaire: its own items (entered once), the grid of all
 * its ESMS, and the all-or-nothing bulk batches used by the grid, the Excel upload and integrations.
 */
@Injectable()
export class OrganisationEntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly submissions: SubmissionReader,
    private readonly writer: SubmissionWriter,
    private readonly parts: SubmissionPartsRepository,
    private readonly rows: SubmissionRowsRepository,
  ) {}

  /** The OG's ESMS in the caller's scope, as submission contexts (OG values shared). */
  private async contexts(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    ogFiness: string,
    lock: boolean,
  ): Promise<{
    contexts: SubmissionContext[];
    dictionary: Dictionary;
    og: { values: ValueMap; version: number };
  }> {
    const facts = await this.access.organisationFacts(ogFiness, manager);
    if (!facts) throw new DomainError('NOT_FOUND', `Organisme gestionnaire ${ogFiness} inconnu.`);
    this.access.check(actor, { type: 'organisation.read', organisation: facts });
    const campaign = await this.campaigns.row(year, manager);
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, manager);
    const rows = await this.rows.ofOrganisation(manager, year, ogFiness, lock);
    const og = await loadOgValues(manager, year, ogFiness, lock);
    const contexts = rows
      .map((submission) => contextOf(campaign, dictionary, submission, og))
      .filter((c) => this.access.decision(actor, { type: 'submission.read', structure: c.facts }).allowed);
    return { contexts, dictionary, og };
  }

  async detail(actor: AuthenticatedActor, year: number, ogFiness: string): Promise<OgSubmissionDetail> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { contexts, og } = await this.contexts(manager, actor, year, ogFiness, false);
      const campaign = await this.campaigns.row(year, manager);
      const ogHasAccounts = await this.submissions.ogHasEntryAccounts(manager, ogFiness);
      const ogName = await this.rows.organisationName(manager, ogFiness);
      let canEditOgItems = false;
      let previousOg: ValueMap = {};
      const structures: OgSubmissionDetail['structures'] = [];
      for (const context of contexts) {
        const rights = this.submissions.rights(actor, context, ogHasAccounts);
        canEditOgItems ||= rights.og;
        const previous = await this.submissions.previousValues(manager, year, context.facts.finess, ogFiness);
        if (Object.keys(previousOg).length === 0)
          previousOg = this.ogPart(previous.values, context.dictionary);
        const evaluation = evaluateSubmission(
          context.dictionary,
          context.facts.categoryCode,
          mergedValues(context.submission.values, og.values, context.dictionary),
          previous.values,
        );
        structures.push({
          ...this.submissions.summary(context.submission),
          values: context.submission.values,
          previousValues: previous.values,
          availableActions: rights.actions.filter((a) => a !== 'SAVE' || rights.domains.length > 0),
          editableDomains: rights.domains,
          role: rights.role,
          issues: evaluation.issues.map((i) => ({ ...i })),
        });
      }
      return {
        campaign: toCampaignSummary(campaign, parisToday()),
        ogFiness,
        ogName: ogName ?? ogFiness,
        values: og.values,
        previousValues: previousOg,
        version: og.version,
        canEditOgItems,
        structures,
      };
    });
  }

  private ogPart(values: ValueMap, dictionary: Dictionary): ValueMap {
    const codes = new Set(dictionary.items.filter((i) => i.ogLevel).map((i) => i.code));
    return Object.fromEntries(Object.entries(values).filter(([code]) => codes.has(code)));
  }

  async saveOg(
    actor: AuthenticatedActor,
    year: number,
    ogFiness: string,
    body: { version: number; values: Record<string, unknown>; source?: 'FORM' | 'PREVIOUS_YEAR' },
  ): Promise<OgSubmissionDetail> {
    await this.bulk(
      actor,
      year,
      { organisation: { finess: ogFiness, version: body.version, values: body.values }, structures: [] },
      body.source ?? 'FORM',
      true,
    );
    return this.detail(actor, year, ogFiness);
  }

  /**
   * All or nothing: every structure and the OG batch are checked first and every problem is
   * listed with its path; values are written only when there is none.
   */
  async bulk(
    actor: AuthenticatedActor,
    year: number,
    body: BulkDto,
    source: ValueSource,
    strictOgVersion = false,
  ): Promise<BulkResult> {
    return this.dataSource.transaction(async (manager) => {
      const errors: DomainErrorDetail[] = [];
      const prepared: PreparedSave[] = [];
      const seen = new Set<string>();
      for (const [index, entry] of body.structures.entries()) {
        const path = (code: string | null) => `structures[${index}]${code ? `.values.${code}` : ''}`;
        if (seen.has(entry.finess)) {
          errors.push({ field: path(null), message: `La structure ${entry.finess} apparaît deux fois.` });
          continue;
        }
        seen.add(entry.finess);
        // Authorization first: a structure outside the caller's entry rights refuses the whole batch (403).
        const context = await this.submissions
          .context(manager, actor, year, entry.finess, { lock: true })
          .catch((error: unknown) => {
            if (error instanceof DomainError && error.code === 'NOT_FOUND') {
              errors.push({ field: path(null), message: `${entry.finess} : ${error.userMessage}` });
              return null;
            }
            throw error;
          });
        if (!context) continue;
        this.writer.assertMayEnter(actor, context);
        if (entry.version !== undefined && entry.version !== context.submission.version) {
          errors.push({
            field: path(null),
            message: `${entry.finess} : la saisie a été modifiée entre-temps (version ${context.submission.version}, envoyée ${entry.version}).`,
          });
          continue;
        }
        const result = this.writer.prepare(actor, context, entry.values, path);
        errors.push(
          ...result.errors.map((e) =>
            e.field === path(null) ? { ...e, message: `${entry.finess} : ${e.message}` } : e,
          ),
        );
        if (result.prepared) prepared.push(result.prepared);
      }
      let ogBatch: OgBatch | null = null;
      let ogContexts: SubmissionContext[] = [];
      if (body.organisation) {
        const checked = await this.prepareOg(manager, actor, year, body.organisation, strictOgVersion);
        errors.push(...checked.errors);
        ogBatch = checked.batch;
        ogContexts = checked.contexts;
      }
      if (errors.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `${errors.length} ${errors.length > 1 ? 'erreurs' : 'erreur'} : rien n'a été enregistré.`,
          errors,
        );
      }
      const structures: BulkResult['structures'] = [];
      for (const p of prepared) {
        const { version, changed, completeness } = await this.writer.apply(manager, actor, p, source);
        structures.push({ finess: p.context.facts.finess, version, changed, completeness });
      }
      const organisation = ogBatch
        ? await this.applyOg(manager, actor, year, ogBatch, ogContexts, source)
        : null;
      return { organisation, structures };
    });
  }

  /**
   * The OG's APE or entry users enter its items; when the OG has no such account, whoever may enter
   * the data of one of its ESMS does. Anyone else is refused (403).
   */
  private assertMayEnterOg(
    actor: AuthenticatedActor,
    ogFiness: string,
    contexts: SubmissionContext[],
    ogHasAccounts: boolean,
  ): void {
    const first = contexts[0];
    const holdsOg = first ? this.submissions.holdsOgEntry(actor, first.facts) : false;
    const entered = holdsOg
      ? first
      : ogHasAccounts
        ? undefined
        : contexts.find(
            (c) =>
              this.access.decision(actor, { type: 'submission.edit', structure: c.facts, domains: [] })
                .allowed,
          );
    // The policy has the last word on the structure through which the OG's items are entered.
    if (entered) this.access.check(actor, { type: 'submission.edit', structure: entered.facts, domains: [] });
    if (!entered) {
      throw new DomainError(
        'FORBIDDEN',
        `Seuls l'administrateur principal (APE) de l'organisme gestionnaire ${ogFiness} et ses utilisateurs habilités à la saisie saisissent ses données.`,
      );
    }
  }

  private async prepareOg(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    entry: { finess: string; version?: number; values: Record<string, unknown> },
    strictVersion: boolean,
  ): Promise<{ batch: OgBatch | null; errors: DomainErrorDetail[]; contexts: SubmissionContext[] }> {
    const path = (code: string | null) => `organisation${code ? `.values.${code}` : ''}`;
    const { contexts, dictionary, og } = await this.contexts(manager, actor, year, entry.finess, true);
    const ogHasAccounts = await this.submissions.ogHasEntryAccounts(manager, entry.finess);
    this.assertMayEnterOg(actor, entry.finess, contexts, ogHasAccounts);
    if (strictVersion && entry.version === undefined) {
      return {
        batch: null,
        errors: [{ field: path(null), message: 'La version lue est obligatoire.' }],
        contexts,
      };
    }
    if (entry.version !== undefined && entry.version !== og.version) {
      if (strictVersion) {
        throw new DomainError(
          'STALE_VERSION',
          "Les données de l'organisme gestionnaire ont été modifiées entre-temps : vos valeurs n'ont pas été enregistrées, comparez-les aux valeurs actuelles.",
          undefined,
          undefined,
          { current: { version: og.version, values: og.values } },
        );
      }
      return {
        batch: null,
        errors: [
          {
            field: path(null),
            message: `Les données de l'organisme gestionnaire ont été modifiées entre-temps (version ${og.version}).`,
          },
        ],
        contexts,
      };
    }
    const check = checkEntry(
      dictionary,
      { level: 'organisation', categoryCodes: [...new Set(contexts.map((c) => c.facts.categoryCode))] },
      entry.values,
    );
    const errors: DomainErrorDetail[] = check.errors.map((e) => ({
      field: path(e.itemCode),
      message: e.message,
    }));
    if (errors.length > 0) return { batch: null, errors, contexts };
    const editable = contexts.filter((c) => {
      const rights = this.submissions.rights(actor, c, ogHasAccounts);
      return (
        rights.og &&
        (check.domains.length === 0 ||
          this.access.decision(actor, {
            type: 'submission.edit',
            structure: c.facts,
            domains: [...check.domains],
          }).allowed)
      );
    });
    if (editable.length === 0) {
      return {
        batch: null,
        errors: [
          {
            field: path(null),
            message:
              "Les données de l'organisme gestionnaire ne peuvent pas être modifiées maintenant : la saisie n'est ouverte que pendant la collecte (ou pour une saisie renvoyée par l'autorité), dans les domaines de votre habilitation.",
          },
        ],
        contexts,
      };
    }
    return {
      batch: { ogFiness: entry.finess, version: entry.version, values: check.values },
      errors: [],
      contexts,
    };
  }

  private async applyOg(
    manager: EntityManager,
    actor: AuthenticatedActor,
    year: number,
    batch: OgBatch,
    contexts: SubmissionContext[],
    source: ValueSource,
  ): Promise<{ finess: string; version: number; changed: number }> {
    const current = await loadOgValues(manager, year, batch.ogFiness, true);
    const values: ValueMap = { ...current.values };
    const changes: { code: string; old: unknown; new: unknown }[] = [];
    for (const [code, value] of Object.entries(batch.values)) {
      const old = values[code] ?? null;
      if (old === value) continue;
      changes.push({ code, old, new: value });
      if (value === null) delete values[code];
      else values[code] = value;
    }
    if (changes.length === 0) return { finess: batch.ogFiness, version: current.version, changed: 0 };
    const by = await actorRef(manager, actor);
    await this.rows.saveOgValues(manager, year, batch.ogFiness, values, by.id);
    await this.parts.recordHistory(manager, year, batch.ogFiness, true, changes, source, by);
    // The OG items count in each ESMS's completeness: keep the stored figures in step.
    for (const context of contexts) {
      const evaluation = evaluateSubmission(
        context.dictionary,
        context.facts.categoryCode,
        mergedValues(context.submission.values, values, context.dictionary),
      );
      await this.rows.setEvaluation(
        manager,
        year,
        context.facts.finess,
        evaluation.completeness.ratio,
        evaluation.blockingErrors,
      );
      await this.writer.refreshIndicators(manager, context, context.submission.values, values);
    }
    return { finess: batch.ogFiness, version: current.version + 1, changed: changes.length };
  }
}
