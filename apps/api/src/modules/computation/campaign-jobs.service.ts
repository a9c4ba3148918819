import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { CampaignJobDto } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DATABASE_KIND } from '../../database/database.tokens';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { CampaignRecomputeService, type RecomputeStage } from './campaign-recompute.service';
import {
  CampaignJobsRepository,
  JOB_QUEUE_SCHEMA,
  toJobDto,
  type JobKind,
  type JobProgressRow,
} from './campaign-jobs.repository';
import { JobRuns, type SettledJob } from './job-runs';
import { PeerStatisticsService } from './peer-statistics.service';

const QUEUE = 'campaign-recompute-indicators';
/** Recomputes a campaign's distributions shortly after confirmations (one pending per campaign). */
const DISTRIBUTIONS_QUEUE = 'campaign-distributions';
/** Seconds before the distributions missing at start are computed. */
const MISSING_DELAY_SECONDS = 5;

/** What the job worker of this process is doing (readiness and metrics). */
export interface JobWorkerStatus {
  /** pg-boss on the server; in this process, one job after the other, on the embedded database. */
  runner: 'pg-boss' | 'in-process';
  /** disabled: JOBS_WORKER=false (the queue still takes jobs, another process runs them). */
  state: 'starting' | 'running' | 'disabled' | 'stopping' | 'stopped';
}

/**
 * Campaign-wide background work (pg-boss on the platform's own PostgreSQL): recompute a campaign's
 * derived data (RECOMPUTE_INDICATORS: indicators and own rules, then RECOMPUTE_ATYPIA: peer
 * statistics and peer rules), and the distributions shortly after confirmations. Progress
 * lives in `campaign_jobs`; each submission records the job that last computed it, so a job
 * restarted after a crash skips what it has already done.
 */
@Injectable()
export class CampaignJobsService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(CampaignJobsService.name);
  private boss: PgBoss | null = null;
  private inProcess = false;
  private working = false;
  private started = false;
  private stopping = false;
  private stopped = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  /** This process's runs: aborted at the stop, when they release their lease. */
  private readonly runs = new JobRuns();
  /** In-process runs waiting for their turn (the embedded database's queue depth). */
  private waitingInProcess = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly recompute: CampaignRecomputeService,
    private readonly distributions: PeerStatisticsService,
    private readonly jobs: CampaignJobsRepository,
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
      this.boss = new PgBoss({ connectionString: url, max: 2, schema: JOB_QUEUE_SCHEMA });
      this.boss.on('error', (error: Error) => this.logger.error(`Job queue error: ${error.message}`));
      await this.boss.start();
      await this.boss.createQueue(QUEUE);
      // One distributions recompute queued per campaign at most (and one running): a rush of
      // validations schedules it once, not once per validation (the default policy keeps them all).
      await this.boss.createQueue(DISTRIBUTIONS_QUEUE, { name: DISTRIBUTIONS_QUEUE, policy: 'stately' });
      await this.boss.updateQueue(DISTRIBUTIONS_QUEUE, { name: DISTRIBUTIONS_QUEUE, policy: 'stately' });
    }
    if (!this.config.jobsWorker) {
      this.started = true;
      return;
    }
    this.working = true;
    if (this.boss) {
      await this.boss.work<{ year: number }>(
        DISTRIBUTIONS_QUEUE,
        { pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job) {
            await this.leased(DISTRIBUTIONS_QUEUE, job.id, () =>
              this.runs.timed('DISTRIBUTIONS', () => this.distributions.recompute(job.data.year)),
            );
          }
        },
      );
      await this.boss.work<{ jobId: string }>(
        QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job)
            await this.leased(QUEUE, job.id, () => this.run(job.data.jobId, undefined, this.runs.signal));
        },
      );
    }
    // Jobs queued without the queue (demo seed) or interrupted by a stop are sent again; pg-boss
    // keeps one job per key, so a job it already holds is not doubled.
    for (const job of await this.jobs.pending()) await this.send(job.id);
    await this.scheduleMissingDistributions();
    this.started = true;
  }

  /**
   * A campaign with peers (validated or confirmed submissions) but no distributions — loaded by
   * the demo seed or before distributions existed — gets them: a restitution without peers
   * compares nothing. A pending job computes them anyway. Run at start.
   */
  async scheduleMissingDistributions(): Promise<void> {
    const withoutDistributions = await this.jobs.withoutDistributions();
    // Soon: nothing to compare with until then (and no rush to spread at start).
    for (const { year } of withoutDistributions)
      await this.scheduleDistributions(year, MISSING_DELAY_SECONDS);
  }

  /** The job worker's state: readiness tells an orchestrator whether this process does its part. */
  status(): JobWorkerStatus {
    const runner = this.inProcess ? 'in-process' : 'pg-boss';
    if (this.stopped) return { runner, state: 'stopped' };
    if (this.stopping) return { runner, state: 'stopping' };
    if (!this.started) return { runner, state: 'starting' };
    return { runner, state: this.working ? 'running' : 'disabled' };
  }

  /** Calls `listener` at the end of each job run of this process (the metrics time them). */
  onSettled(listener: (job: SettledJob) => void): void {
    this.runs.onSettled(listener);
  }

  /** Jobs waiting and under way per queue: pg-boss's table on the server, this process's queue otherwise. */
  async queueDepth(): Promise<{ queue: string; state: 'waiting' | 'active'; jobs: number }[]> {
    if (this.inProcess) {
      return [
        { queue: 'in-process', state: 'waiting', jobs: this.waitingInProcess },
        { queue: 'in-process', state: 'active', jobs: this.runs.count },
      ];
    }
    const rows = await this.jobs.queueDepth([QUEUE, DISTRIBUTIONS_QUEUE]);
    return [QUEUE, DISTRIBUTIONS_QUEUE].flatMap((queue) =>
      (['waiting', 'active'] as const).map((state) => ({
        queue,
        state,
        jobs: rows
          .filter((r) => r.queue === queue && (state === 'active') === (r.state === 'active'))
          .reduce((sum, r) => sum + r.jobs, 0),
      })),
    );
  }

  /** The campaign jobs queued or running, with their progress. */
  progress(): Promise<JobProgressRow[]> {
    return this.jobs.progress();
  }

  /**
   * Runs the work of a pg-boss job, tracked for the stop. Interrupted by the stop, the job's lease
   * is released (waiting again at once, for another process) and the handler returns normally: the
   * completion pg-boss then sends finds no active job and changes nothing.
   */
  private async leased(queue: string, jobId: string, work: () => Promise<unknown>): Promise<void> {
    await this.runs.track(async () => {
      try {
        await work();
      } catch (error) {
        if (!this.runs.isAbort(error)) throw error;
        await this.jobs.releaseLease(queue, jobId);
        this.logger.log(`Job ${jobId} of ${queue} released at the stop`);
      }
    });
  }

  /** In-process runs (embedded database): one after the other, errors logged (the job row says FAILED). */
  private enqueueInProcess(work: () => Promise<unknown>): void {
    if (!this.working || this.stopping) return;
    this.waitingInProcess++;
    this.chain = this.chain
      .then(async () => {
        this.waitingInProcess--;
        // Not started before the stop: left queued, sent again at the next start.
        if (this.stopping) return;
        await this.runs.track(work);
      })
      .catch((error: unknown) => {
        if (this.runs.isAbort(error)) return;
        this.logger.error(`Background work failed: ${(error as Error).message}`);
      });
  }

  /**
   * Recomputes the distributions DISTRIBUTIONS_DELAY_SECONDS after a submission was validated,
   * invalidated or confirmed (or after `delaySeconds`); those in between share one recompute (one
   * pending job per campaign).
   */
  async scheduleDistributions(
    year: number,
    delaySeconds = this.config.distributionsDelaySeconds,
  ): Promise<void> {
    if (this.inProcess) {
      if (!this.working || this.stopping || this.timers.has(year)) return;
      this.timers.set(
        year,
        setTimeout(() => {
          this.timers.delete(year);
          this.enqueueInProcess(() =>
            this.runs.timed('DISTRIBUTIONS', () => this.distributions.recompute(year)),
          );
        }, delaySeconds * 1000),
      );
      return;
    }
    if (!this.boss) return;
    try {
      await this.boss.send(
        DISTRIBUTIONS_QUEUE,
        { year },
        { singletonKey: `distributions-${year}`, startAfter: delaySeconds },
      );
    } catch (error) {
      this.logger.error(`Could not schedule the distributions of ${year}: ${(error as Error).message}`);
    }
  }

  private async send(jobId: string): Promise<void> {
    if (this.inProcess) {
      this.enqueueInProcess(() => this.run(jobId, undefined, this.runs.signal));
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

  /**
   * The stop begins (first of Nest's hooks): no new job is taken, and the running ones stop at
   * their next batch. The queue still takes jobs sent by the requests in flight.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.runs.abortAll();
    if (this.boss && this.working) {
      await this.boss.offWork(QUEUE);
      await this.boss.offWork(DISTRIBUTIONS_QUEUE);
    }
  }

  /**
   * After the last request has been answered, before the pool closes (TypeORM's global module
   * comes after this one): the interrupted jobs have released their lease, the queue's connections
   * close. A run that does not reach its next batch within the stop's delay is left: its lease
   * expires, and the run resumes from its marks.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.runs.ended(this.config.shutdownTimeoutMs, [this.chain]);
    // Graceful: pg-boss ends its own bookkeeping of the handlers that just returned first.
    await this.boss?.stop({ graceful: true, wait: true, timeout: 1_000 });
    this.stopped = true;
  }

  async start(actor: AuthenticatedActor, year: number): Promise<CampaignJobDto> {
    this.access.check(actor, { type: 'campaign.manage' });
    await this.campaigns.row(year);
    const job = await this.dataSource.transaction(async (manager) => {
      // One recompute per campaign at a time: the second request is told, not queued twice.
      await this.jobs.lockCampaign(manager, year);
      const running = await this.jobs.running(manager, year);
      if (running[0]) {
        throw new DomainError(
          'CONFLICT',
          `Un recalcul des indicateurs de la campagne ${year} est déjà en cours.`,
        );
      }
      return this.jobs.insert(
        manager,
        year,
        'RECOMPUTE_INDICATORS',
        /^[0-9a-f-]{36}$/.test(actor.accountId) ? actor.accountId : null,
      );
    });
    await this.send(job.id);
    return toJobDto(job);
  }

  async list(actor: AuthenticatedActor, year: number): Promise<CampaignJobDto[]> {
    this.access.check(actor, { type: 'campaign.manage' });
    const rows = await this.jobs.list(year);
    return rows.map(toJobDto);
  }

  /**
   * Runs a job from where it stopped: idempotent, safe to rerun after a crash. `onStage` tells
   * which stage starts (the benchmark times them). Aborted by `signal`, the job stops at its next
   * batch and goes back to the queue (QUEUED), and the abort is thrown.
   */
  async run(jobId: string, onStage?: (stage: RecomputeStage) => void, signal?: AbortSignal): Promise<void> {
    const job = await this.jobs.get(jobId);
    if (!job || job.status === 'DONE') return;
    await this.runs.timed(job.kind, async () => {
      await this.jobs.markRunning(jobId);
      try {
        signal?.throwIfAborted();
        const campaign = await this.campaigns.row(job.campaign_year);
        const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
        if (job.kind === 'RECOMPUTE_INDICATORS') {
          onStage?.('indicators');
          await this.recompute.indicatorsPass(job.campaign_year, jobId, dictionary, signal);
        } else {
          await this.recompute.peerPass(job.campaign_year, jobId, dictionary, onStage, signal);
        }
        await this.jobs.markDone(jobId);
        this.logger.log(`Job ${job.kind} of campaign ${job.campaign_year} done (${jobId})`);
      } catch (error) {
        if (signal?.aborted && (error === signal.reason || (error as Error).name === 'AbortError')) {
          await this.jobs.markQueued(jobId);
          this.logger.log(`Job ${jobId} interrupted by the stop, queued again`);
          throw error;
        }
        const message = (error as Error).message;
        this.logger.error(`Job ${jobId} failed: ${message}`);
        await this.jobs.markFailed(jobId, message);
        throw error;
      }
    });
    // Peer statistics and peer rules read the fresh indicators: they follow.
    if (job.kind === 'RECOMPUTE_INDICATORS') await this.enqueue(job.campaign_year, 'RECOMPUTE_ATYPIA', null);
  }

  /** Queues a job of `kind` (the caller checked the rights). */
  async enqueue(year: number, kind: JobKind, createdBy: string | null): Promise<{ id: string }> {
    const job = await this.jobs.insert(this.dataSource.manager, year, kind, createdBy);
    await this.send(job.id);
    return job;
  }
}
