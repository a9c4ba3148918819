import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors/domain-error';

const WINDOW_MS = 60_000;

/**
 * Failed session renewals per address (issue 15 §5). Renewing a valid session is never limited:
 * every page load renews it, and an office's staff share one address. What is limited is guessing —
 * refresh tokens that match no session — AUTH_THROTTLE_PER_MINUTE per address over a sliding
 * minute; past it, the address's renewals wait for the minute to pass (429). In memory, per process,
 * like the other per-address limits.
 */
@Injectable()
export class RefreshFailures {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  /** The clock (replaced by tests of the window). */
  now: () => number = Date.now;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.auth.throttlePerMinute;
  }

  /** Refuses (429) an address that failed too often within the last minute. */
  assertAllowed(address: string | null): void {
    if (this.recent(address ?? 'unknown').length < this.limit) return;
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      'Trop de renouvellements de session refusés depuis cette adresse : réessayez dans une minute ou reconnectez-vous.',
      undefined,
      `Refresh failures over ${this.limit}/min from ${address}`,
    );
  }

  record(address: string | null): void {
    const key = address ?? 'unknown';
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    // Forget the quiet addresses now and then so the map stays small.
    if (this.failures.size > 10_000) {
      for (const [other] of this.failures) if (this.recent(other).length === 0) this.failures.delete(other);
    }
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}
