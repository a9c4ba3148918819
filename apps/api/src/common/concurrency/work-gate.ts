import { DomainError } from '../errors/domain-error';

export interface WorkGateLimits {
  /** Pieces of work running at once. */
  concurrent: number;
  /** Pieces waiting for a slot; past that, a 503 SERVICE_BUSY rather than a growing queue. */
  waiting: number;
  /** Pieces running or waiting per key (an account); past that, a 429 TOO_MANY_REQUESTS. None if unset. */
  perKey?: number;
}

export interface WorkGateMessages {
  /** French, for the 503: too much heavy work at once, nothing lost, try again in a minute. */
  busy: string;
  /** French, for the 429: the key's own work is still running. */
  keyBusy?: string;
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

/**
 * Bounds heavy work (reading or building large files) so that a rush of it queues instead of
 * holding many files in memory and the event loop together: at most `concurrent` pieces run, at
 * most `waiting` wait their turn (first come, first served), and, with `perKey`, one key (an
 * account) holds at most that many running or waiting. Refusals are immediate DomainErrors, before
 * any work starts: the client gets a JSON answer, never a truncated file.
 */
export class WorkGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(
    readonly limits: WorkGateLimits,
    private readonly messages: WorkGateMessages,
  ) {}

  /** What the gate holds now (for tests and logs). */
  get state(): { running: number; waiting: number; keys: number } {
    return { running: this.running, waiting: this.queue.length, keys: this.byKey.size };
  }

  /**
   * Waits for a slot and returns its release, or refuses at once: 429 when `key` already holds its
   * share, 503 when every slot runs and the waiting line is full. The caller must release — once
   * the work ends, fails or is abandoned.
   */
  async acquire(key?: string): Promise<Release> {
    const { perKey } = this.limits;
    if (key !== undefined && perKey !== undefined && (this.byKey.get(key) ?? 0) >= perKey) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        this.messages.keyBusy ?? this.messages.busy,
        undefined,
        `Work gate: refused to a key already holding ${perKey} piece(s) of work`,
      );
    }
    if (this.running >= this.limits.concurrent && this.queue.length >= this.limits.waiting) {
      throw new DomainError(
        'SERVICE_BUSY',
        this.messages.busy,
        undefined,
        `Work gate: refused, ${this.running} running and ${this.queue.length} waiting`,
      );
    }
    this.count(key, 1);
    if (this.running >= this.limits.concurrent) {
      // The slot is handed over by the work that ends (running stays the same).
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count(key, -1);
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    };
  }

  /** Runs `work` in a slot, released when it settles (resolved or rejected). */
  async run<T>(work: () => Promise<T>, key?: string): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private count(key: string | undefined, delta: number): void {
    if (key === undefined) return;
    const held = (this.byKey.get(key) ?? 0) + delta;
    if (held > 0) this.byKey.set(key, held);
    else this.byKey.delete(key);
  }
}
