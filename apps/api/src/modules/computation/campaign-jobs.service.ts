import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
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
import { CampaignJobsRepository, toJobDto, type JobKind } from './campaign-jobs.repository';
import { PeerStatisticsService } from './peer-statistics.service';

const QUEUE = 'campaign-recompute-indicators';
/** Recomputes a campaign's distributions shortly after confirmations (one pending per campaign). */
const DISTRIBUTIONS_QUEUE = 'campaign-distributions';

/**
 * Campaign-wide background work (pg-boss on the platform's own PostgreSQL): recompute a campaign's
 * derived data (RECOMPUTE_INDICATORS: indicators and own rules, then RECOMPUTE_ATYPIA: peer
 * statistics and peer rules), and the distributions a few seconds after confirmations. Progress
 * lives in `campaign_jobs`; each submission records the job that last computed it, so a job
 * restarted after a crash skips what it has already done.
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
      this.boss = new PgBoss({ connectionString: url, max: 2, schema: 'pgboss' });
      this.boss.on('error', (error: Error) => this.logger.error(`Job queue error: ${error.message}`));
      await this.boss.start();
      await this.boss.createQueue(QUEUE);
      // One distributions recompute queued per campaign at most (and one running): a rush of
      // validations schedules it once, not once per validation (the default policy keeps them all).
      await this.boss.createQueue(DISTRIBUTIONS_QUEUE, { name: DISTRIBUTIONS_QUEUE, policy: 'stately' });
      await this.boss.updateQueue(DISTRIBUTIONS_QUEUE, { name: DISTRIBUTIONS_QUEUE, policy: 'stately' });
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
    for (const job of await this.jobs.pending()) await this.send(job.id);
    await this.scheduleMissingDistributions();
  }

  /**
   * A campaign with peers (validated or confirmed submissions) but no distributions — loaded by
   * the demo seed or before distributions existed — gets them: a restitution without peers
   * compares nothing. A pending job computes them anyway. Run at start.
   */
  async scheduleMissingDistributions(): Promise<void> {
    const withoutDistributions = await this.jobs.withoutDistributions();
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
   * which stage starts (the benchmark times them).
   */
  async run(jobId: string, onStage?: (stage: RecomputeStage) => void): Promise<void> {
    const job = await this.jobs.get(jobId);
    if (!job || job.status === 'DONE') return;
    await this.jobs.markRunning(jobId);
    try {
      const campaign = await this.campaigns.row(job.campaign_year);
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
      if (job.kind === 'RECOMPUTE_INDICATORS') {
        onStage?.('indicators');
        await this.recompute.indicatorsPass(job.campaign_year, jobId, dictionary);
      } else {
        await this.recompute.peerPass(job.campaign_year, jobId, dictionary, onStage);
      }
      await this.jobs.markDone(jobId);
      this.logger.log(`Job ${job.kind} of campaign ${job.campaign_year} done (${jobId})`);
      // Peer statistics and peer rules read the fresh indicators: they follow.
      if (job.kind === 'RECOMPUTE_INDICATORS')
        await this.enqueue(job.campaign_year, 'RECOMPUTE_ATYPIA', null);
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(`Job ${jobId} failed: ${message}`);
      await this.jobs.markFailed(jobId, message);
      throw error;
    }
  }

  /** Queues a job of `kind` (the caller checked the rights). */
  async enqueue(year: number, kind: JobKind, createdBy: string | null): Promise<{ id: string }> {
    const job = await this.jobs.insert(this.dataSource.manager, year, kind, createdBy);
    await this.send(job.id);
    return job;
  }
}
