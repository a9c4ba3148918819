import { Inject, Injectable } from '@nestjs/common';
import type { HealthReport } from '@tdb/contracts';
import { DATABASE_KIND } from '../../database/database.tokens';
import { HealthRepository } from './health.repository';

/** How long the database may take to answer before it counts as down (a load balancer is waiting). */
const TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'server',
  ) {}

  /** The API's state: up when the database answered within TIMEOUT_MS, with its latency. */
  async check(): Promise<HealthReport> {
    const started = performance.now();
    let up: boolean;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.health.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
        }),
      ]);
      up = true;
    } catch {
      up = false;
    } finally {
      clearTimeout(timer);
    }
    return {
      status: up ? 'ok' : 'error',
      database: {
        status: up ? 'up' : 'down',
        kind: this.databaseKind,
        latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null,
      },
      version: process.env['npm_package_version'] ?? '0.1.0',
    };
  }
}
