import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { indicatorValues, type AtypiaFlag, type AtypiaRuleSet, type PeerReferences } from '@tdb/atypia';
import type { ValueMap } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import { computeIndicators } from '@tdb/indicators';
import { mergedValues } from '../campaign-core/submission-context';
import { AtypiaFlagsRepository } from './atypia-flags.repository';
import {
  atypiaSubject,
  evaluateAtypia,
  OWN_RULE_KINDS,
  PEER_RULE_KINDS,
  ruleTargets,
} from './atypia-subject';
import { CampaignJobsRepository } from './campaign-jobs.repository';
import { DerivedRules } from './derived-rules.service';
import {
  encodeIndicators,
  IndicatorValuesRepository,
  type EncodedIndicators,
} from './indicator-values.repository';
import { PeerStatisticsService } from './peer-statistics.service';
import { PreviousValuesRepository } from './previous-values.repository';
import { RecomputeRepository, type PeerBatchRow, type ValuesBatchRow } from './recompute.repository';

/** Structures per transaction of the indicators pass: a crash loses at most one batch. */
export const RECOMPUTE_BATCH = 250;
/** Batches written at once: PostgreSQL inserts on one core per connection. */
const WRITERS = 2;
/** Pages read at once: taking the values apart is most of the database's work in the pass. */
const READ_AHEAD = 2;
/** Structures per transaction of the peer pass (a few numbers each). */
const PEER_BATCH = 5000;

/** The stages of a campaign recompute (timed by the benchmark). */
export type RecomputeStage = 'indicators' | 'peer statistics' | 'peer rules';

/**
 * A campaign's derived data recomputed batch by batch, resumable: each batch commits with the
 * marks of its structures (`indicators_job`, `atypia_job`) and the job's progress, so that a job
 * restarted after a crash skips what it has done.
 *
 * - indicators pass: each submission's values read once (keyset pages, the next page read while
 *   this one is computed and written), its indicators written as one row, and the rules that
 *   read only its own figures (bounds, coherence, year over year) evaluated on the spot;
 * - peer pass: the peers' statistics (distributions and peer references, one computation), then the
 *   peer rules, which read a few indicators per structure.
 */
@Injectable()
export class CampaignRecomputeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: DerivedRules,
    private readonly reads: RecomputeRepository,
    private readonly indicators: IndicatorValuesRepository,
    private readonly previous: PreviousValuesRepository,
    private readonly flags: AtypiaFlagsRepository,
    private readonly statistics: PeerStatisticsService,
    private readonly jobs: CampaignJobsRepository,
  ) {}

  /**
   * `signal` aborted (the process stops): the pass ends after the batches being written have
   * committed, and throws the abort; the job resumes from its marks.
   */
  async indicatorsPass(
    year: number,
    jobId: string,
    dictionary: Dictionary,
    signal?: AbortSignal,
  ): Promise<void> {
    const manager = this.dataSource.manager;
    const definitions = this.rules.definitionsFor(dictionary).indicators;
    const ruleSet = this.rules.ruleSetFor(dictionary);
    const targets = ruleTargets(ruleSet, OWN_RULE_KINDS);
    const hasPrevious = (await this.reads.previousYear(manager, year)) !== null;
    const ogValues = await this.reads.ogValues(manager, year);
    const items = this.rules.inputItemsFor(dictionary);
    // The pages' bounds first: then READ_AHEAD pages are read at once, on their own connections,
    // while earlier ones are computed and up to WRITERS are written (one connection on the
    // embedded database: they simply queue).
    const bounds = await this.reads.pageBounds(manager, year, RECOMPUTE_BATCH);
    const read = async (i: number) => {
      const range = { after: bounds[i]!, until: bounds[i + 1]! };
      const page = await this.reads.valuesBatch(manager, year, jobId, range, items);
      const batch = page.filter((r): r is ToCompute => !r.done && r.values !== null);
      const finesses = batch.map((r) => r.finess);
      const [previous, previousIndicators] =
        hasPrevious && batch.length > 0
          ? await Promise.all([
              this.previous.ofStructures(manager, year, dictionary, finesses, targets.items),
              this.indicators.previousValues(manager, year, finesses, targets.indicators),
            ])
          : [new Map<string, { values: ValueMap }>(), new Map<string, Record<string, number | null>>()];
      return { batch, previous, previousIndicators };
    };
    const ahead: ReturnType<typeof read>[] = [];
    let requested = 0;
    const readAhead = () => {
      while (requested < bounds.length - 1 && ahead.length < READ_AHEAD) {
        const page = read(requested++);
        page.catch(() => undefined); // awaited below; a failure surfaces there
        ahead.push(page);
      }
    };
    const writing = new Set<Promise<void>>();
    readAhead();
    while (ahead.length > 0) {
      if (signal?.aborted) {
        // Nothing left running on the pool, which closes right after the stop.
        await Promise.all([...ahead.map((page) => page.catch(() => undefined)), ...writing]);
        signal.throwIfAborted();
      }
      const { batch, previous, previousIndicators } = await ahead.shift()!;
      readAhead();
      if (batch.length === 0) continue;
      const stored: EncodedIndicators[] = [];
      const flags: { finess: string; flags: AtypiaFlag[] }[] = [];
      for (const row of batch) {
        const values = mergedValues(row.values, ogValues.get(row.og_finess) ?? {}, dictionary, true);
        const results = computeIndicators(definitions, { categoryCode: row.category_code, values });
        stored.push(encodeIndicators({ finess: row.finess, results }));
        flags.push({
          finess: row.finess,
          flags: this.ownFlags(ruleSet, row, values, indicatorValues(results), {
            values: previous.get(row.finess)?.values,
            indicators: previousIndicators.get(row.finess),
          }),
        });
      }
      // The write keeps only what it writes: the page's values are let go once computed.
      const count = batch.length;
      const write = this.dataSource
        .transaction(async (tx) => {
          await this.reads.commitWithoutWaiting(tx);
          await this.indicators.replace(tx, year, dictionary.version, stored, jobId);
          await this.flags.syncMany(tx, year, flags, OWN_RULE_KINDS);
          await this.jobs.advance(tx, jobId, count);
        })
        .finally(() => writing.delete(write));
      write.catch(() => undefined); // awaited below; a failure surfaces there
      writing.add(write);
      if (writing.size >= WRITERS) await Promise.race(writing);
    }
    await Promise.all(writing);
  }

  private ownFlags(
    ruleSet: AtypiaRuleSet,
    row: ToCompute,
    values: ValueMap,
    indicators: Record<string, number | null>,
    previous: { values?: ValueMap; indicators?: Record<string, number | null> },
  ): AtypiaFlag[] {
    return evaluateAtypia(ruleSet, atypiaSubject(placeOf(row), values, indicators, previous), null, 'own');
  }

  /** Peer statistics (once per job), then the peer rules of every structure; `signal` as above. */
  async peerPass(
    year: number,
    jobId: string,
    dictionary: Dictionary,
    onStage?: (stage: RecomputeStage) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const ruleSet = this.rules.ruleSetFor(dictionary);
    const targets = ruleTargets(ruleSet, PEER_RULE_KINDS);
    // The next page is read while this one is evaluated and written (as in the indicators pass);
    // the first one while the statistics are computed, which it does not depend on.
    const read = (after: string) => {
      const page = this.reads.peerBatch(this.dataSource.manager, year, jobId, after, PEER_BATCH, targets);
      page.catch(() => undefined); // awaited below; a failure surfaces there
      return page;
    };
    let next = read('');
    onStage?.('peer statistics');
    // The peer rules are evaluated as soon as the references are computed, while they and the
    // distributions are being stored (the longest part of the statistics): awaited at the end.
    let storing: Promise<unknown> = Promise.resolve();
    const settle = () => Promise.all([next.catch(() => undefined), storing.catch(() => undefined)]);
    let references: PeerReferences | null;
    try {
      if ((await this.statistics.referencesJob(year)) === jobId) {
        references = await this.flags.references(this.dataSource.manager, year);
      } else {
        references = await new Promise<PeerReferences>((resolve, reject) => {
          storing = this.statistics.recompute(year, undefined, jobId, resolve);
          storing.catch(reject);
        });
      }
    } catch (error) {
      await settle(); // nothing left running on the pool
      throw error;
    }
    onStage?.('peer rules');
    for (;;) {
      if (signal?.aborted) {
        await settle();
        signal.throwIfAborted();
      }
      let page: PeerBatchRow[];
      try {
        page = await next;
      } catch (error) {
        await settle();
        throw error;
      }
      if (page.length === 0) break;
      next = read(page[page.length - 1]!.finess);
      const batch = page.filter((r) => !r.done);
      if (batch.length === 0) continue;
      const flags = batch.map((row) => ({
        finess: row.finess,
        flags: this.peerFlags(ruleSet, row, references),
      }));
      try {
        await this.dataSource.transaction(async (manager: EntityManager) => {
          await this.reads.commitWithoutWaiting(manager);
          await this.flags.syncMany(manager, year, flags, PEER_RULE_KINDS);
          await this.reads.markAtypia(
            manager,
            year,
            batch.map((r) => r.finess),
            jobId,
          );
          await this.jobs.advance(manager, jobId, batch.length);
        });
      } catch (error) {
        await settle();
        throw error;
      }
    }
    // The job is done once the statistics are stored too (a failure fails it: it resumes).
    await storing;
  }

  private peerFlags(
    ruleSet: AtypiaRuleSet,
    row: PeerBatchRow,
    references: PeerReferences | null,
  ): AtypiaFlag[] {
    if (!references) return [];
    const subject = atypiaSubject(
      placeOf(row),
      { ...(row.values ?? {}), ...(row.og_values ?? {}) },
      row.indicators ?? {},
      {
        values: { ...(row.previous_values ?? {}), ...(row.previous_og_values ?? {}) },
        indicators: row.previous_indicators ?? {},
      },
    );
    return evaluateAtypia(ruleSet, subject, references, 'peer');
  }
}

/** A submission of the page this job has still to compute. */
type ToCompute = ValuesBatchRow & { values: ValueMap };

const placeOf = (row: {
  finess: string;
  category_code: string;
  region_code: string;
  department_code: string;
}) => ({
  finess: row.finess,
  categoryCode: row.category_code,
  regionCode: row.region_code,
  departmentCode: row.department_code,
});
