import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DATABASE_KIND } from '../../database/database.tokens';
import { CampaignJobsService } from '../computation/campaign-jobs.service';
import { MetricsRepository } from './metrics.repository';

export const METRICS_DISABLED_MESSAGE =
  'Les métriques ne sont pas activées sur cette instance (variable METRICS_TOKEN non définie).';
export const METRICS_TOKEN_MESSAGE =
  'Jeton des métriques absent ou invalide : envoyez « Authorization: Bearer <METRICS_TOKEN> ».';

/**
 * The process's own metrics (CPU, memory, event-loop lag, GC, handles: prom-client's defaults),
 * registered once per process: each registration starts an event-loop monitor and a GC observer
 * that are never stopped, and the tests start many applications in one process.
 */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus metrics of the API (docs/operations.md lists them): HTTP traffic per route template,
 * the connection pool, the job queue and the recompute's progress, plus the process's defaults.
 * Read at GET /api/metrics with METRICS_TOKEN; the figures that need the database are read at
 * each scrape.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  private readonly logger = new Logger(MetricsService.name);
  private readonly registry = new Registry();
  private readonly token: Buffer | null;

  readonly requests = new Counter({
    name: 'tdb_http_requests_total',
    help: 'HTTP requests answered, per method, route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'tdb_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, per method, route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    // From a cached restitution (a few ms) to a regional export (tens of seconds).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly jobDuration = new Histogram({
    name: 'tdb_job_duration_seconds',
    help: 'Length of the background job runs of this process, per kind and outcome (released: given back at a stop)',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
    private readonly repository: MetricsRepository,
    private readonly jobs: CampaignJobsService,
  ) {
    this.token = config.metricsToken ? digest(config.metricsToken) : null;
    this.registerCollected();
  }

  onModuleInit(): void {
    this.jobs.onSettled((job) =>
      this.jobDuration.observe({ kind: job.kind, outcome: job.outcome }, job.seconds),
    );
  }

  /**
   * Lets the scraper in: 404 while METRICS_TOKEN is unset (the route is off: nothing tells it
   * exists), 401 without the token. Compared in constant time, on digests so that the length of
   * the token does not leak either.
   */
  authorize(authorization: string | undefined): void {
    if (!this.token) throw new DomainError('NOT_FOUND', METRICS_DISABLED_MESSAGE);
    const presented = authorization?.match(/^Bearer (\S+)$/)?.[1] ?? '';
    if (!timingSafeEqual(digest(presented), this.token)) {
      throw new DomainError('UNAUTHENTICATED', METRICS_TOKEN_MESSAGE, undefined, 'Metrics scrape refused');
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format of every metric, the process's included. */
  async render(): Promise<string> {
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }

  /** Gauges read at each scrape (prom-client calls `collect` before it reads them). */
  private registerCollected(): void {
    const repository = this.repository;
    const kind = this.databaseKind;
    new Gauge({
      name: 'tdb_database_pool_connections',
      help: 'Connections of the application pool: total open, idle, maximum, and queries waiting for one',
      labelNames: ['database', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const stats = repository.poolStats();
        if (!stats) return;
        this.set({ database: kind, state: 'total' }, stats.total);
        this.set({ database: kind, state: 'idle' }, stats.idle);
        this.set({ database: kind, state: 'waiting' }, stats.waiting);
        this.set({ database: kind, state: 'max' }, stats.max);
      },
    });

    const jobs = this.jobs;
    const logger = this.logger;
    new Gauge({
      name: 'tdb_job_queue_depth',
      help: 'Background jobs waiting and under way, per queue (pg-boss on the server, in-process on the embedded database)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const row of await jobs.queueDepth())
            this.set({ queue: row.queue, state: row.state }, row.jobs);
        } catch (error) {
          // The database is away: the scrape still answers, readiness says why.
          logger.warn(`Job queue depth unavailable: ${(error as Error).message}`);
        }
      },
    });

    // Both gauges read the same rows: one query per scrape, shared.
    let progress: ReturnType<CampaignJobsService['progress']> | null = null;
    const progressOnce = () => {
      progress ??= jobs.progress().finally(() => setImmediate(() => (progress = null)));
      return progress;
    };
    for (const [name, help, field] of [
      ['tdb_recompute_structures_done', 'Structures a queued or running campaign job has computed', 'done'],
      [
        'tdb_recompute_structures_total',
        'Structures a queued or running campaign job has to compute',
        'total',
      ],
    ] as const) {
      new Gauge({
        name,
        help,
        labelNames: ['campaign_year', 'kind', 'status'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          try {
            for (const row of await progressOnce()) {
              this.set(
                { campaign_year: String(row.campaign_year), kind: row.kind, status: row.status },
                row[field],
              );
            }
          } catch (error) {
            logger.warn(`Recompute progress unavailable: ${(error as Error).message}`);
          }
        },
      });
    }
  }
}
