import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { CampaignJobDto, ValueMap } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DATABASE_KIND } from '../../database/database.tokens';
import { IndicatorsService } from '../indicators/indicators.service';
import { CampaignsService } from './campaigns.service';
import { DictionaryRegistry } from './dictionary-registry.service';
import { mergedValues } from './submission-context';
import { DistributionsService } from '../restitution/distributions.service';
import { AtypiaService } from '../atypia/atypia.service';
import type { Dictionary } from '@tdb/dictionary';

const QUEUE = 'campaign-recompute-indicators';
/** Recomputes a campaign's distributions shortly after confirmations (one pending per campaign). */
const DISTRIBUTIONS_QUEUE = 'campaign-distributions';
/** Structures per transaction: a crash loses at most one batch, and progress moves every batch. */
export const RECOMPUTE_BATCH = 1000;

interface JobRow {
  id: string;
  campaign_year: number;
  kind: 'RECOMPUTE_INDICATORS' | 'RECOMPUTE_ATYPIA';
  status: CampaignJobDto['status'];
  total: number;
  done: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const toDto = (row: JobRow): CampaignJobDto => ({
  id: row.id,
  campaignYear: row.campaign_year,
  kind: row.kind,
  status: row.status,
  total: row.total,
  done: row.done,
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
});

/**
 * Campaign-wide background work (pg-boss on the platform's own PostgreSQL): recompute every
 * indicator of a campaign. Progress lives in `campaign_jobs`; each submission records the job that
 * last computed it, so a job restarted after a crash skips what it has already done.
 */
@Injectable()
export class CampaignJobsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CampaignJobsService.name);
  private boss: PgBoss | null = null;
  private inProcess = false;
  private working = false;
  private stopping = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
    private readonly access: AccessService,
    private readonly campaigns: CampaignsService,
    private readonly dictionaries: DictionaryRegistry,
    private readonly indicators: IndicatorsService,
    private readonly atypia: AtypiaService,
    private readonly distributions: DistributionsService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.databaseKind === 'embedded') {
      // PGlite answers one connection at a time and pglite-socket may interleave the protocol
      // messages of concurrent connections: on the embedded database the jobs run in this process,
      // one after the other, on the application's own connection (ADR 0002).
      this.inProcess = true;
    } else {
      const url = (this.dataSource.options as { url?: string }).url;
      if (!url) throw new Error('The job queue needs the database URL');
      this.boss = new PgBoss({ connectionString: url, max: 2, schema: 'pgboss' });
      this.boss.on('error', (error: Error) => this.logger.error(`Job queue error: ${error.message}`));
      await this.boss.start();
      await this.boss.createQueue(QUEUE);
      await this.boss.createQueue(DISTRIBUTIONS_QUEUE);
    }
    if (!this.config.jobsWorker) return;
    this.working = true;
    if (this.boss) {
      await this.boss.work<{ year: number }>(
        DISTRIBUTIONS_QUEUE,
        { pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job) await this.distributions.recompute(job.data.year);
        },
      );
      await this.boss.work<{ jobId: string }>(
        QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job) await this.run(job.data.jobId);
        },
      );
    }
    // Jobs queued without the queue (demo seed) or interrupted by a stop are sent again; pg-boss
    // keeps one job per key, so a job it already holds is not doubled.
    const pending: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM campaign_jobs WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at`,
    );
    for (const job of pending) await this.send(job.id);
    await this.scheduleMissingDistributions();
  }

  /**
   * A campaign with peers (validated or confirmed submissions) but no distributions — loaded by
   * the demo seed or before distributions existed — gets them: a restitution without peers
   * compares nothing. A pending job computes them anyway. Run at start.
   */
  async scheduleMissingDistributions(): Promise<void> {
    const withoutDistributions: { year: number }[] = await this.dataSource.query(
      `SELECT c.year FROM campaigns c
        WHERE NOT EXISTS (SELECT 1 FROM distributions d WHERE d.campaign_year = c.year)
          AND EXISTS (SELECT 1 FROM submissions s
                       WHERE s.campaign_year = c.year AND s.status IN ('VALIDATED', 'CONFIRMED'))
          AND NOT EXISTS (SELECT 1 FROM campaign_jobs j
                           WHERE j.campaign_year = c.year AND j.status IN ('QUEUED', 'RUNNING'))`,
    );
    for (const { year } of withoutDistributions) await this.scheduleDistributions(year);
  }

  /** In-process runs (embedded database): one after the other, errors logged (the job row says FAILED). */
  private enqueueInProcess(work: () => Promise<unknown>): void {
    if (!this.working || this.stopping) return;
    this.chain = this.chain.then(work).catch((error: unknown) => {
      this.logger.error(`Background work failed: ${(error as Error).message}`);
    });
  }

  /**
   * Recomputes the distributions a few seconds after a submission was validated, invalidated or
   * confirmed; confirmations in a row share one recompute (one pending job per campaign).
   */
  async scheduleDistributions(year: number): Promise<void> {
    if (this.inProcess) {
      if (!this.working || this.timers.has(year)) return;
      this.timers.set(
        year,
        setTimeout(() => {
          this.timers.delete(year);
          this.enqueueInProcess(() => this.distributions.recompute(year));
        }, 5_000),
      );
      return;
    }
    if (!this.boss) return;
    try {
      await this.boss.send(
        DISTRIBUTIONS_QUEUE,
        { year },
        { singletonKey: `distributions-${year}`, startAfter: 5 },
      );
    } catch (error) {
      this.logger.error(`Could not schedule the distributions of ${year}: ${(error as Error).message}`);
    }
  }

  private async send(jobId: string): Promise<void> {
    if (this.inProcess) {
      this.enqueueInProcess(() => this.run(jobId));
      return;
    }
    if (!this.boss) throw new Error('Job queue not started');
    // Longer than the longest run: an expired job is retried, and the retry resumes.
    await this.boss.send(
      QUEUE,
      { jobId },
      { expireInSeconds: 3600, retryLimit: 5, retryDelay: 5, singletonKey: jobId },
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.boss?.stop({ graceful: false, wait: true });
    // An in-process job stops with the process and resumes at the next start.
    await Promise.race([this.chain, new Promise((resolve) => setTimeout(resolve, 100))]);
  }

  async start(actor: AuthenticatedActor, year: number): Promise<CampaignJobDto> {
    this.access.check(actor, { type: 'campaign.manage' });
    await this.campaigns.row(year);
    const job = await this.dataSource.transaction(async (manager) => {
      // One recompute per campaign at a time: the second request is told, not queued twice.
      await manager.query(`SELECT year FROM campaigns WHERE year = $1 FOR UPDATE`, [year]);
      const running: JobRow[] = await manager.query(
        `SELECT * FROM campaign_jobs WHERE campaign_year = $1 AND status IN ('QUEUED', 'RUNNING')`,
        [year],
      );
      if (running[0]) {
        throw new DomainError(
          'CONFLICT',
          `Un recalcul des indicateurs de la campagne ${year} est déjà en cours.`,
        );
      }
      const rows: JobRow[] = await manager.query(
        `INSERT INTO campaign_jobs (campaign_year, kind, total, created_by)
         SELECT $1, 'RECOMPUTE_INDICATORS', count(*), $2 FROM submissions WHERE campaign_year = $1 RETURNING *`,
        [year, /^[0-9a-f-]{36}$/.test(actor.accountId) ? actor.accountId : null],
      );
      return rows[0] as JobRow;
    });
    await this.send(job.id);
    return toDto(job);
  }

  async list(actor: AuthenticatedActor, year: number): Promise<CampaignJobDto[]> {
    this.access.check(actor, { type: 'campaign.manage' });
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT * FROM campaign_jobs WHERE campaign_year = $1 ORDER BY created_at DESC LIMIT 20`,
      [year],
    );
    return rows.map(toDto);
  }

  /** Runs a job from where it stopped: idempotent, safe to rerun after a crash. */
  async run(jobId: string): Promise<void> {
    const jobs: JobRow[] = await this.dataSource.query(`SELECT * FROM campaign_jobs WHERE id = $1`, [jobId]);
    const job = jobs[0];
    if (!job || job.status === 'DONE') return;
    await this.dataSource.query(
      `UPDATE campaign_jobs SET status = 'RUNNING', started_at = coalesce(started_at, now()), error = NULL WHERE id = $1`,
      [jobId],
    );
    try {
      const campaign = await this.campaigns.row(job.campaign_year);
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
      if (job.kind === 'RECOMPUTE_INDICATORS') {
        await this.recomputeIndicators(job, dictionary);
      } else {
        // The peers' distributions (restitution) and the atypia both read the fresh indicators.
        await this.distributions.recompute(job.campaign_year);
        await this.recomputeAtypia(job, dictionary);
      }
      await this.dataSource.query(
        `UPDATE campaign_jobs SET status = 'DONE', done = total, finished_at = now() WHERE id = $1`,
        [jobId],
      );
      this.logger.log(`Job ${job.kind} of campaign ${job.campaign_year} done (${jobId})`);
      // Atypia read the indicators: a fresh recompute of indicators is followed by one of atypia.
      if (job.kind === 'RECOMPUTE_INDICATORS')
        await this.enqueue(job.campaign_year, 'RECOMPUTE_ATYPIA', null);
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(`Job ${jobId} failed: ${message}`);
      await this.dataSource.query(`UPDATE campaign_jobs SET status = 'FAILED', error = $2 WHERE id = $1`, [
        jobId,
        message.slice(0, 1000),
      ]);
      throw error;
    }
  }

  /** Queues a job of `kind` (the caller checked the rights). */
  async enqueue(year: number, kind: JobRow['kind'], createdBy: string | null): Promise<JobRow> {
    const rows: JobRow[] = await this.dataSource.query(
      `INSERT INTO campaign_jobs (campaign_year, kind, total, created_by)
       SELECT $1, $2, count(*), $3 FROM submissions WHERE campaign_year = $1 RETURNING *`,
      [year, kind, createdBy],
    );
    const job = rows[0] as JobRow;
    await this.send(job.id);
    return job;
  }

  private async progress(
    jobId: string,
    year: number,
    column: 'indicators_job' | 'atypia_job',
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaign_jobs SET done = (SELECT count(*) FROM submissions WHERE campaign_year = $2 AND ${column} = $1)
        WHERE id = $1`,
      [jobId, year],
    );
  }

  private async recomputeIndicators(job: JobRow, dictionary: Dictionary): Promise<void> {
    // Keyset paging: each batch starts after the last FINESS seen, never re-skipping done rows.
    let after = '';
    for (;;) {
      const batch: { finess: string; category_code: string; values: ValueMap; og_values: ValueMap | null }[] =
        await this.dataSource.query(
          `SELECT sub.finess, s.category_code, sub.values, ogs.values AS og_values
             FROM submissions sub
             JOIN structures s ON s.finess = sub.finess
             LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
            WHERE sub.campaign_year = $1 AND sub.indicators_job IS DISTINCT FROM $2 AND sub.finess > $4
            ORDER BY sub.finess LIMIT $3`,
          [job.campaign_year, job.id, RECOMPUTE_BATCH, after],
        );
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.finess ?? after;
      const results = batch.map((row) => ({
        finess: row.finess,
        results: this.indicators.compute(
          dictionary,
          row.category_code,
          mergedValues(row.values, row.og_values ?? {}, dictionary, true),
        ),
      }));
      await this.dataSource.transaction(async (manager) => {
        await this.indicators.storeMany(manager, job.campaign_year, dictionary, results, job.id);
      });
      await this.progress(job.id, job.campaign_year, 'indicators_job');
    }
  }

  /**
   * Peer references from the validated and confirmed submissions (national, region and department
   * groups), then every structure's own and peer flags, batch by batch.
   */
  private async recomputeAtypia(job: JobRow, dictionary: Dictionary): Promise<void> {
    const year = job.campaign_year;
    const ruleSet = this.atypia.ruleSetFor(dictionary);
    const stored: { job_id: string | null }[] = await this.dataSource.query(
      `SELECT job_id FROM atypia_peer_references WHERE campaign_year = $1`,
      [year],
    );
    let references = await this.atypia.references(this.dataSource.manager, year);
    if (!references || stored[0]?.job_id !== job.id) {
      const population: {
        finess: string;
        category_code: string;
        region_code: string;
        department_code: string;
        indicators: Record<string, number | null> | null;
      }[] = await this.dataSource.query(
        `SELECT sub.finess, s.category_code, s.region_code, s.department_code,
                (SELECT jsonb_object_agg(iv.indicator_code, iv.value) FROM indicator_values iv
                  WHERE iv.campaign_year = sub.campaign_year AND iv.finess = sub.finess AND iv.reason_code IS NULL) AS indicators
           FROM submissions sub JOIN structures s ON s.finess = sub.finess
          WHERE sub.campaign_year = $1 AND sub.in_scope AND sub.status IN ('VALIDATED', 'CONFIRMED')`,
        [year],
      );
      references = await this.dataSource.transaction(async (manager) => {
        const computed = await this.atypia.storeReferences(
          manager,
          year,
          ruleSet,
          population.map((p) => ({
            finess: p.finess,
            categoryCode: p.category_code,
            regionCode: p.region_code,
            departmentCode: p.department_code,
            indicators: p.indicators ?? {},
          })),
        );
        await manager.query(`UPDATE atypia_peer_references SET job_id = $2 WHERE campaign_year = $1`, [
          year,
          job.id,
        ]);
        return computed;
      });
    }
    let after = '';
    for (;;) {
      const batch: {
        finess: string;
        category_code: string;
        region_code: string;
        department_code: string;
        values: ValueMap;
        og_values: ValueMap | null;
        previous: ValueMap | null;
        previous_og: ValueMap | null;
        indicators: Record<string, number | null> | null;
        previous_indicators: Record<string, number | null> | null;
      }[] = await this.dataSource.query(
        `SELECT sub.finess, s.category_code, s.region_code, s.department_code, sub.values, ogs.values AS og_values,
                prev.values AS previous, prev_ogs.values AS previous_og,
                (SELECT jsonb_object_agg(iv.indicator_code, iv.value) FROM indicator_values iv
                  WHERE iv.campaign_year = sub.campaign_year AND iv.finess = sub.finess AND iv.reason_code IS NULL) AS indicators,
                (SELECT jsonb_object_agg(iv.indicator_code, iv.value) FROM indicator_values iv
                  WHERE iv.campaign_year = prev.campaign_year AND iv.finess = sub.finess AND iv.reason_code IS NULL) AS previous_indicators
           FROM submissions sub
           JOIN structures s ON s.finess = sub.finess
           LEFT JOIN og_submissions ogs ON ogs.campaign_year = sub.campaign_year AND ogs.og_finess = s.og_finess
           LEFT JOIN submissions prev ON prev.finess = sub.finess
                 AND prev.campaign_year = (SELECT max(year) FROM campaigns WHERE year < $1)
           LEFT JOIN og_submissions prev_ogs ON prev_ogs.campaign_year = prev.campaign_year AND prev_ogs.og_finess = s.og_finess
          WHERE sub.campaign_year = $1 AND sub.atypia_job IS DISTINCT FROM $2 AND sub.finess > $4
          ORDER BY sub.finess LIMIT $3`,
        [year, job.id, RECOMPUTE_BATCH, after],
      );
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.finess ?? after;
      const flags = batch.map((row) => {
        const values = mergedValues(row.values, row.og_values ?? {}, dictionary, true);
        const previousValues = row.previous
          ? mergedValues(row.previous, row.previous_og ?? {}, dictionary, true)
          : undefined;
        return {
          finess: row.finess,
          flags: this.atypia.evaluate(
            ruleSet,
            {
              finess: row.finess,
              categoryCode: row.category_code,
              regionCode: row.region_code,
              departmentCode: row.department_code,
              values,
              indicators: row.indicators ?? {},
              previousValues,
              previousIndicators: row.previous_indicators ?? undefined,
            },
            references,
          ),
        };
      });
      await this.dataSource.transaction(async (manager) => {
        await this.atypia.syncMany(manager, year, flags);
        await manager.query(
          `UPDATE submissions SET atypia_job = $3 WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[])`,
          [year, flags.map((f) => f.finess), job.id],
        );
      });
      await this.progress(job.id, year, 'atypia_job');
    }
  }
}
