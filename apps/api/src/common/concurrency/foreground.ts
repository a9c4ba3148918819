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
export class Foreground {
  private inFlight = 0;
  /** Requests that are themselves background work (a file being streamed): not waited for. */
  private exempt = 0;
  private readonly waiting: (() => void)[] = [];
  private pumping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly maxWaitMs = 100) {}

  /** Express middleware: counts the request until its answer is sent or its client is gone. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    this.inFlight++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
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

  private schedule(): void {
    if (this.waiting.length === 0) return;
    if (!this.pumping && !this.busy) {
      this.pumping = true;
      // In the check phase: the slice runs after this turn's I/O, and the next one only after the
      // next turn's (a request that came meanwhile is counted by then).
      nextTurn(() => {
        this.pumping = false;
        if (!this.busy) this.release();
      });
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
