import { Inject, Injectable } from '@nestjs/common';
import type { HealthReport, LivenessReport, ReadinessReport } from '@tdb/contracts';
import { ShutdownService } from '../../common/lifecycle/shutdown.service';
import { DATABASE_KIND } from '../../database/database.tokens';
import { CampaignJobsService } from '../computation/campaign-jobs.service';
import { HealthRepository } from './health.repository';

/** How long the database may take to answer before it counts as down (a load balancer is waiting). */
const TIMEOUT_MS = 3000;

const VERSION = process.env['npm_package_version'] ?? '0.1.0';

/** `work`, or a rejection once TIMEOUT_MS have passed. */
async function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    private readonly jobs: CampaignJobsService,
    private readonly shutdown: ShutdownService,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
  ) {}

  /** The API's state: up when the database answered within TIMEOUT_MS, with its latency. */
  async check(): Promise<HealthReport> {
    const database = await this.database();
    return { status: database.status === 'up' ? 'ok' : 'error', database, version: VERSION };
  }

  /**
   * Liveness: the event loop answers. Nothing else on purpose — a database outage must not make
   * the orchestrator restart every replica (readiness takes them out of the load balancer).
   */
  live(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()), version: VERSION };
  }

  /**
   * Readiness: this process can serve — the database answers, its schema is the code's (every
   * registered migration applied), the job worker is in the state it should be, and no stop is
   * under way.
   */
  async ready(): Promise<ReadinessReport> {
    const database = await this.database();
    const migrations = await this.migrations(database.status === 'up');
    const worker = this.jobs.status();
    const jobsUp = worker.state === 'running' || worker.state === 'disabled';
    const jobs = {
      ...worker,
      status:
        worker.state === 'disabled' ? ('disabled' as const) : jobsUp ? ('up' as const) : ('down' as const),
    };
    const stopping = this.shutdown.isStopping;
    const ok = database.status === 'up' && migrations.status === 'up' && jobsUp && !stopping;
    return { status: ok ? 'ok' : 'error', stopping, database, migrations, jobs, version: VERSION };
  }

  private async database(): Promise<HealthReport['database']> {
    const started = performance.now();
    let up: boolean;
    try {
      await withinTimeout(this.health.ping());
      up = true;
    } catch {
      up = false;
    }
    return {
      status: up ? 'up' : 'down',
      kind: this.databaseKind,
      latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null,
    };
  }

  private async migrations(reachable: boolean): Promise<ReadinessReport['migrations']> {
    const registered = this.health.registeredMigrations();
    let applied: string[] | null = null;
    if (reachable) {
      try {
        applied = await withinTimeout(this.health.appliedMigrations());
      } catch {
        applied = null; // no migrations table yet, or the database went away meanwhile
      }
    }
    const done = new Set(applied ?? []);
    const known = new Set(registered);
    const pending = registered.filter((name) => !done.has(name));
    return {
      status: applied !== null && pending.length === 0 ? 'up' : 'down',
      registered: registered.length,
      applied: applied?.length ?? 0,
      pending,
      unknown: (applied ?? []).filter((name) => !known.has(name)),
    };
  }
}
