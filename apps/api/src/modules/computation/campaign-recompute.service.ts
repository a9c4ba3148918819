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
import { IndicatorValuesRepository, zip, type StructureIndicators } from './indicator-values.repository';
import { PeerStatisticsService } from './peer-statistics.service';
import { PreviousValuesRepository } from './previous-values.repository';
import { RecomputeRepository, type PeerBatchRow, type ValuesBatchRow } from './recompute.repository';

/** Structures per transaction of the indicators pass: a crash loses at most one batch. */
export const RECOMPUTE_BATCH = 1000;
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
 *   this one is computed and written), its indicators written as column arrays, and the rules that
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

  async indicatorsPass(year: number, jobId: string, dictionary: Dictionary): Promise<void> {
    const definitions = this.rules.definitionsFor(dictionary).indicators;
    const ruleSet = this.rules.ruleSetFor(dictionary);
    const targets = ruleTargets(ruleSet, OWN_RULE_KINDS);
    const ogValues = await this.reads.ogValues(this.dataSource.manager, year);
    const read = (after: string) =>
      this.reads.valuesBatch(this.dataSource.manager, year, jobId, after, RECOMPUTE_BATCH);
    let next = read('');
    for (;;) {
      const batch = await next;
      if (batch.length === 0) break;
      // The next page is read while this one is computed and written (two connections).
      next = read(batch[batch.length - 1]!.finess);
      next.catch(() => undefined);
      const computed = batch.map((row) => {
        const values = mergedValues(row.values, ogValues.get(row.og_finess) ?? {}, dictionary, true);
        return {
          row,
          values,
          results: computeIndicators(definitions, { categoryCode: row.category_code, values }),
        };
      });
      await this.dataSource.transaction(async (manager) => {
        const finesses = batch.map((r) => r.finess);
        const previous = await this.previous.ofStructures(manager, year, dictionary, finesses, targets.items);
        const previousIndicators = await this.indicators.previousValues(
          manager,
          year,
          finesses,
          targets.indicators,
        );
        const stored: StructureIndicators[] = computed.map(({ row, results }) => ({
          finess: row.finess,
          results,
          stored: row.stored,
        }));
        await this.indicators.replace(manager, year, dictionary.version, stored, jobId);
        const flags = computed.map(({ row, values, results }) => ({
          finess: row.finess,
          flags: this.ownFlags(ruleSet, row, values, indicatorValues(results), {
            values: previous.get(row.finess)?.values,
            indicators: previousIndicators.get(row.finess),
          }),
        }));
        await this.flags.syncMany(manager, year, flags, OWN_RULE_KINDS);
        await this.jobs.advance(manager, jobId, batch.length);
      });
    }
  }

  private ownFlags(
    ruleSet: AtypiaRuleSet,
    row: ValuesBatchRow,
    values: ValueMap,
    indicators: Record<string, number | null>,
    previous: { values?: ValueMap; indicators?: Record<string, number | null> },
  ): AtypiaFlag[] {
    return evaluateAtypia(ruleSet, atypiaSubject(placeOf(row), values, indicators, previous), null, 'own');
  }

  /** Peer statistics (once per job), then the peer rules of every structure. */
  async peerPass(
    year: number,
    jobId: string,
    dictionary: Dictionary,
    onStage?: (stage: RecomputeStage) => void,
  ): Promise<void> {
    const ruleSet = this.rules.ruleSetFor(dictionary);
    onStage?.('peer statistics');
    let references: PeerReferences | null;
    if ((await this.statistics.referencesJob(year)) === jobId) {
      references = await this.flags.references(this.dataSource.manager, year);
    } else {
      references = (await this.statistics.recompute(year, undefined, jobId)).references;
    }
    onStage?.('peer rules');
    const targets = ruleTargets(ruleSet, PEER_RULE_KINDS);
    let after = '';
    for (;;) {
      const batch = await this.reads.peerBatch(
        this.dataSource.manager,
        year,
        jobId,
        after,
        PEER_BATCH,
        targets,
      );
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.finess;
      const flags = batch.map((row) => ({
        finess: row.finess,
        flags: this.peerFlags(ruleSet, row, references),
      }));
      await this.dataSource.transaction(async (manager: EntityManager) => {
        await this.flags.syncMany(manager, year, flags, PEER_RULE_KINDS);
        await this.reads.markAtypia(
          manager,
          year,
          batch.map((r) => r.finess),
          jobId,
        );
        await this.jobs.advance(manager, jobId, batch.length);
      });
    }
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
      zip(row.codes ?? [], row.indicators ?? []),
      {
        values: { ...(row.previous_values ?? {}), ...(row.previous_og_values ?? {}) },
        indicators: zip(row.previous_codes ?? [], row.previous_indicators ?? []),
      },
    );
    return evaluateAtypia(ruleSet, subject, references, 'peer');
  }
}

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
