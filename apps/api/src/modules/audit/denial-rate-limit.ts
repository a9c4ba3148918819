/** One entry per caller and route a minute; the refusals in between are counted in the next one. */
export const DENIAL_WINDOW_MS = 60_000;
/** Past this many entries a minute (a crawler probing every route), the rest are only counted. */
export const DENIALS_PER_MINUTE = 120;
/** Memory bound of the per-caller windows. */
const MAX_TRACKED = 10_000;

interface Window {
  startedAt: number;
  /** Refusals not written since the window's entry. */
  suppressed: number;
}

export type Admission =
  | { write: true; notRecordedBefore: number }
  | { write: false; reason: 'same caller and route this minute' | 'too many this minute' };

/**
 * Decides which refused accesses are written to the audit log, so that a flood of refusals floods
 * neither the log nor the database: per key (caller and route) and overall, by the minute.
 */
export class DenialRateLimit {
  private readonly windows = new Map<string, Window>();
  private minute = { startedAt: -Infinity, written: 0, dropped: 0 };

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly perMinute = DENIALS_PER_MINUTE,
  ) {}

  /** Counts a refusal; says whether to write it, and how many of this key were not written before. */
  admit(key: string): Admission {
    const now = this.clock();
    const window = this.windows.get(key);
    if (window && now - window.startedAt < DENIAL_WINDOW_MS) {
      window.suppressed++;
      return { write: false, reason: 'same caller and route this minute' };
    }
    if (now - this.minute.startedAt >= DENIAL_WINDOW_MS)
      this.minute = { startedAt: now, written: 0, dropped: 0 };
    if (this.minute.written >= this.perMinute) {
      this.minute.dropped++;
      return { write: false, reason: 'too many this minute' };
    }
    this.minute.written++;
    if (this.windows.size >= MAX_TRACKED) this.prune(now);
    this.windows.set(key, { startedAt: now, suppressed: 0 });
    return { write: true, notRecordedBefore: window?.suppressed ?? 0 };
  }

  /** Refusals dropped by the overall limit in the current minute (for a log line). */
  get droppedThisMinute(): number {
    return this.minute.dropped;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.startedAt >= DENIAL_WINDOW_MS) this.windows.delete(key);
    // Still full within one minute: forget the oldest half (they only lose their count).
    if (this.windows.size >= MAX_TRACKED)
      [...this.windows.keys()].slice(0, MAX_TRACKED / 2).forEach((key) => this.windows.delete(key));
  }
}
