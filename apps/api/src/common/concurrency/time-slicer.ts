import { foreground, type Foreground } from './foreground';

/** What a long loop calls between two steps: gives the event loop back when its slice is used. */
export interface Pause {
  pause(): Promise<void>;
}

/** For callers that build in one go (tests, command-line tools): never pauses. */
export const NO_PAUSE: Pause = { pause: async () => undefined };

/**
 * Cuts a long computation of the API process into slices of about `sliceMs`, each run on
 * background work's turn (Foreground): requests are answered between two slices, and first. Work
 * that shares the process with the requests (the distributions recomputed after validations, a
 * large export) calls `due()` in its loops — cheap enough for a tight loop — and `yield()` when
 * it is true.
 */
export class TimeSlicer implements Pause {
  private sliceStart = performance.now();

  constructor(
    private readonly sliceMs = 10,
    private readonly turns: Foreground = foreground,
  ) {}

  /** Whether the current slice is used up. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Waits for background work's next turn, then starts a new slice. */
  async yield(): Promise<void> {
    this.turns.spent(performance.now() - this.sliceStart);
    await this.turns.turn();
    this.sliceStart = performance.now();
  }

  /** Yields only if the slice is used up. */
  async pause(): Promise<void> {
    if (this.due()) await this.yield();
  }
}

/**
 * Gives the event loop back (setImmediate) once a slice of `sliceMs` is used, without waiting for
 * background work's turn: for long work a person is waiting for (a grid downloaded or uploaded),
 * which must not hold the loop, nor queue behind the exports' share of it either.
 */
export class LoopYield implements Pause {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = 10) {}

  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
