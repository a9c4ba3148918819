import type { JobKind } from './campaign-jobs.repository';

/** A job run that ended: its kind, how (released: interrupted by a stop, back in the queue), its length. */
export interface SettledJob {
  kind: JobKind | 'DISTRIBUTIONS';
  outcome: 'done' | 'failed' | 'released';
  seconds: number;
}

/**
 * The job runs of this process: timed, tracked until they end, and aborted together when the
 * process stops — so that the stop can wait for them to reach a batch boundary and give their jobs
 * back to the queue, instead of cutting them mid-transaction.
 */
export class JobRuns {
  private readonly controller = new AbortController();
  private readonly active = new Set<Promise<unknown>>();
  private readonly listeners: ((job: SettledJob) => void)[] = [];

  /** Aborted at the stop: a running job ends at its next batch. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs under way. */
  get count(): number {
    return this.active.size;
  }

  /** Whether `error` is the stop's abort (not a failure of the job). */
  isAbort(error: unknown): boolean {
    const signal = this.controller.signal;
    return signal.aborted && (error === signal.reason || (error as Error | null)?.name === 'AbortError');
  }

  onSettled(listener: (job: SettledJob) => void): void {
    this.listeners.push(listener);
  }

  /** Times a run and tells the listeners how it ended. */
  async timed<T>(kind: SettledJob['kind'], work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const settle = (outcome: SettledJob['outcome']) => {
      const job = { kind, outcome, seconds: (performance.now() - started) / 1000 };
      for (const listener of this.listeners) listener(job);
    };
    try {
      const result = await work();
      settle('done');
      return result;
    } catch (error) {
      settle(this.isAbort(error) ? 'released' : 'failed');
      throw error;
    }
  }

  /** Runs `work`, counted among the runs the stop waits for. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const run = work();
    this.active.add(run);
    try {
      return await run;
    } finally {
      this.active.delete(run);
    }
  }

  abortAll(): void {
    this.controller.abort();
  }

  /**
   * Resolves once every run (and `others`) has ended, or after `timeoutMs` — a run stuck between
   * two batches must not hold the stop past the orchestrator's patience.
   */
  async ended(timeoutMs: number, others: Promise<unknown>[] = []): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.active, ...others]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
