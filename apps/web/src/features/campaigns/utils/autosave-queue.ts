/**
 * The autosave queue of the entry form, without React or the network: which changes wait, which
 * batch goes next, and when to send (after a pause, at once on `flush`, again when changes arrive
 * while a batch is on its way). The form gives it `send` (one batch → what to do next) and
 * `refresh` (reload the whole submission after a conflict or an OG-level save).
 */
import type { ItemValue, ValueMap } from '@tdb/contracts';
import { sameValue } from './values';

export type Level = 'structure' | 'og';
export type Source = 'FORM' | 'PREVIOUS_YEAR';

export interface PendingChange {
  value: ItemValue;
  level: Level;
  source: Source;
  /**
   * Where the value goes when one queue serves several records (the OG grid: a structure's
   * FINESS, or the OG's); changes of different targets never share a batch.
   */
  target?: string;
}

/** One request: values of one level (the structure's or its OG's) from one source, to one target. */
export interface Batch {
  level: Level;
  source: Source;
  target?: string;
  /** By the queue's keys (the item codes in the form). */
  values: ValueMap;
}

/** After a batch: send the rest, stop (an error the user must see), or go on and reload at the end. */
export type Outcome = 'continue' | 'stop' | 'refresh';

/** The order batches go in: the structure's own values first, typed values before last year's. */
const GROUPS: readonly { level: Level; source: Source }[] = [
  { level: 'structure', source: 'FORM' },
  { level: 'structure', source: 'PREVIOUS_YEAR' },
  { level: 'og', source: 'FORM' },
  { level: 'og', source: 'PREVIOUS_YEAR' },
];

/** The next batch to send, or null when nothing waits (targets in the order they were changed). */
export function nextBatch(pending: ReadonlyMap<string, PendingChange>): Batch | null {
  const changes = [...pending.values()];
  const group = GROUPS.find((g) => changes.some((c) => c.level === g.level && c.source === g.source));
  if (!group) return null;
  const target = changes.find((c) => c.level === group.level && c.source === group.source)?.target;
  const values: ValueMap = {};
  for (const [code, change] of pending) {
    if (change.level === group.level && change.source === group.source && change.target === target) {
      values[code] = change.value;
    }
  }
  return target === undefined ? { ...group, values } : { ...group, target, values };
}

export interface AutosaveQueueOptions {
  /** The pause after the last change before saving. */
  delayMs: number;
  send: (batch: Batch) => Promise<Outcome>;
  refresh: () => Promise<void>;
  /** At most this many requests per flush (a server that keeps refusing must not loop). */
  maxRounds?: number;
}

export class AutosaveQueue {
  private readonly pending = new Map<string, PendingChange>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: AutosaveQueueOptions) {}

  get size(): number {
    return this.pending.size;
  }

  /** Whether a batch is on its way. */
  get busy(): boolean {
    return this.running !== null;
  }

  has(code: string): boolean {
    return this.pending.has(code);
  }

  set(code: string, change: PendingChange): void {
    this.pending.set(code, change);
  }

  delete(code: string): void {
    this.pending.delete(code);
  }

  /** The waiting values of one level (of one target, when given). */
  valuesOf(level: Level, target?: string): ValueMap {
    const values: ValueMap = {};
    for (const [code, change] of this.pending) {
      if (change.level === level && (target === undefined || change.target === target)) {
        values[code] = change.value;
      }
    }
    return values;
  }

  /** Forgets the waiting changes of `level` (of one target) except those in `keep` (after a conflict). */
  keepOnly(level: Level, keep: Readonly<Record<string, unknown>>, target?: string): void {
    for (const [code, change] of [...this.pending]) {
      if (change.level === level && (target === undefined || change.target === target) && !(code in keep)) {
        this.pending.delete(code);
      }
    }
  }

  /** Forgets what `batch` sent, unless the user changed it again meanwhile. */
  settle(batch: Batch): void {
    for (const [code, value] of Object.entries(batch.values)) {
      const now = this.pending.get(code);
      if (now && sameValue(now.value, value)) this.pending.delete(code);
    }
  }

  /** Saves after a pause of `delayMs` without a new change. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs);
  }

  /** Cancels a scheduled save (nothing is lost: the changes stay pending). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Sends now, batch after batch, until nothing waits. While a flush runs, another call makes it go
   * round once more (for the changes that arrived meanwhile) and resolves when they are sent; when
   * the run was already past its last batch (reloading after a conflict), they go in a new run.
   */
  flush(): Promise<void> {
    this.cancel();
    if (this.running) {
      this.again = true;
      return this.running.then(() => {
        if (this.running) return this.running;
        return this.pending.size > 0 && this.again ? this.flush() : undefined;
      });
    }
    const maxRounds = this.options.maxRounds ?? 6;
    const run = (async () => {
      let refreshNeeded = false;
      let rounds = 0;
      do {
        this.again = false;
        const batch = nextBatch(this.pending);
        if (!batch) break;
        const outcome = await this.options.send(batch);
        if (outcome === 'refresh') refreshNeeded = true;
        if (outcome === 'stop') break;
        rounds += 1;
      } while ((this.again || this.pending.size > 0) && rounds < maxRounds);
      if (refreshNeeded) await this.options.refresh();
    })().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }
}
