import type { NextFunction, Request, Response } from 'express';
import { setImmediate as nextTurn } from 'node:timers';

/**
 * Requests first, background work in the time they leave. The API process also builds large files
 * (exports) and recomputes distributions after validations; run in plain slices, that work took
 * every other turn of the event loop during the deadline rush, and each of a save's ten database
 * round trips waited behind it (issue 13 §5: save p95 of seconds at 500 sessions). So a slice of
 * background work (see TimeSlicer) waits for its turn, given when no request is in flight, one
 * slice per turn of the event loop — a request arriving meanwhile waits one slice at most — or,
 * so that background work always advances, one slice every `maxWaitMs` whatever the load.
 */
/**
 * How much of the time background work may take while requests keep coming. Given every idle
 * moment, five exports took the event loop from 31 % to 89 % busy at 500 sessions, and their
 * garbage collections and database reads took the machine's two cores from the requests: save p95
 * 72 ms without them, 207 ms with them (`bench:deadline`, 7 December). Within a share, an export
 * takes longer and the requests keep their pace; with no request for `quietMs`, no limit.
 *
 * Each request waits behind the background slices it meets, so what background work costs the
 * requests grows with the share and with how many requests come: the share shrinks as the request
 * rate grows past `fullShareRate`, down to `minShare`. At 500 sessions (≈ 25 requests/s) with five
 * exports running, a share of 20 % put save p95 at 225 ms and 5 % at 132 ms, against 100–137 ms
 * without exports (`bench:deadline`, 7 December, another VM): at the deadline an export takes
 * minutes, and the saves keep their pace.
 */
export interface BackgroundBudget {
  /** Share of the wall-clock time (0–1) background slices may use while requests come slowly. */
  share: number;
  /** The least share, however fast requests come. */
  minShare: number;
  /**
   * Requests per second up to which background work keeps its whole share; past it the share is
   * share × fullShareRate / rate (never under minShare).
   */
  fullShareRate: number;
  /** Background time that may be used at once after a pause (ms). */
  burstMs: number;
  /** Without any request for this long, background work runs without a limit (ms). */
  quietMs: number;
}

export const BACKGROUND_BUDGET: BackgroundBudget = {
  share: 0.2,
  minShare: 0.05,
  fullShareRate: 5,
  burstMs: 20,
  quietMs: 1_000,
};

/** The request rate is averaged over about this long (ms, exponentially weighted). */
const RATE_WINDOW_MS = 5_000;

export class Foreground {
  private inFlight = 0;
  /** Requests that are themselves background work (a file being streamed): not waited for. */
  private exempt = 0;
  private readonly waiting: (() => void)[] = [];
  private pumping = false;
  private timer: NodeJS.Timeout | null = null;
  private refillTimer: NodeJS.Timeout | null = null;
  /** Background time left in the budget (ms); negative after a long slice. */
  private tokens: number;
  private refilledAt: number;
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  /** Requests per second, exponentially weighted over RATE_WINDOW_MS, as of `rateAt`. */
  private rate = 0;
  private rateAt = 0;

  constructor(
    private readonly maxWaitMs = 100,
    private readonly budget: BackgroundBudget = BACKGROUND_BUDGET,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = budget.burstMs;
    this.refilledAt = now();
  }

  /** Express middleware: counts the request until its answer is sent or its client is gone. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    this.inFlight++;
    this.lastRequestAt = this.now();
    this.rate = this.rateNow(this.lastRequestAt) + 1_000 / RATE_WINDOW_MS;
    this.rateAt = this.lastRequestAt;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.lastRequestAt = this.now();
      this.schedule();
    };
    response.once('finish', end);
    response.once('close', end);
    next();
  };

  /** Whether requests are being answered (background work then waits). */
  get busy(): boolean {
    return this.inFlight > this.exempt;
  }

  /**
   * Marks the current request as background work until the returned function is called (an
   * export streamed for minutes must not hold back the other background work, itself included).
   */
  exemptOne(): () => void {
    this.exempt++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.exempt--;
      this.schedule();
    };
  }

  /** Resolves when it is background work's turn (first come, first served). */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** A slice of background work took `ms` (TimeSlicer tells, before asking for its next turn). */
  spent(ms: number): void {
    this.refill();
    // A "slice" that also waited for the database, or started long after its slicer was made, is
    // not all CPU: the debt is capped at five bursts, so background work is never stalled long.
    this.tokens = Math.max(-5 * this.budget.burstMs, this.tokens - ms);
  }

  /** The share of the time background work may use now, at the current request rate. */
  get share(): number {
    const { share, minShare, fullShareRate } = this.budget;
    const rate = this.rateNow(this.now());
    return rate <= fullShareRate ? share : Math.max(minShare, (share * fullShareRate) / rate);
  }

  private rateNow(now: number): number {
    return this.rate * Math.exp(-(now - this.rateAt) / RATE_WINDOW_MS);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.budget.burstMs, this.tokens + (now - this.refilledAt) * this.share);
    this.refilledAt = now;
  }

  /** Whether the budget allows a slice now: no request for a while, or time left in the share. */
  private withinBudget(): boolean {
    if (this.now() - this.lastRequestAt >= this.budget.quietMs) return true;
    this.refill();
    return this.tokens > 0;
  }

  private schedule(): void {
    if (this.waiting.length === 0) return;
    if (!this.pumping && !this.busy) {
      if (this.withinBudget()) {
        this.pumping = true;
        // In the check phase: the slice runs after this turn's I/O, and the next one only after the
        // next turn's (a request that came meanwhile is counted by then).
        nextTurn(() => {
          this.pumping = false;
          if (!this.busy && this.withinBudget()) this.release();
          else this.schedule();
        });
      } else if (this.refillTimer === null) {
        // Looked at again once the share has given back what the last slices took beyond it.
        const wait = Math.ceil((1 - this.tokens) / this.share);
        this.refillTimer = setTimeout(
          () => {
            this.refillTimer = null;
            this.schedule();
          },
          Math.min(wait, this.maxWaitMs),
        );
        this.refillTimer.unref();
      }
    }
    if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.release();
      }, this.maxWaitMs);
      this.timer.unref();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (this.waiting.length === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    next?.();
    this.schedule();
  }
}

/** The API process's one account of its requests (bootstrap.ts installs its middleware). */
export const foreground = new Foreground();
