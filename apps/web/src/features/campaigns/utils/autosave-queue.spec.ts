import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveQueue, nextBatch, type Batch, type Outcome, type PendingChange } from './autosave-queue';

const form = (value: PendingChange['value'], level: PendingChange['level'] = 'structure'): PendingChange => ({
  value,
  level,
  source: 'FORM',
});
const previous = (
  value: PendingChange['value'],
  level: PendingChange['level'] = 'structure',
): PendingChange => ({
  value,
  level,
  source: 'PREVIOUS_YEAR',
});

/** A queue whose `send` records each batch, settles it and answers `outcome`. */
function recordingQueue(
  outcome: (batch: Batch, index: number) => Outcome = () => 'continue',
  maxRounds?: number,
) {
  const sent: Batch[] = [];
  const refresh = vi.fn(async () => undefined);
  const queue: AutosaveQueue = new AutosaveQueue({
    delayMs: 800,
    maxRounds,
    send: async (batch) => {
      sent.push(batch);
      const answer = outcome(batch, sent.length - 1);
      if (answer !== 'stop') queue.settle(batch);
      return answer;
    },
    refresh,
  });
  return { queue, sent, refresh };
}

describe('nextBatch', () => {
  it('sends the structure before its OG, typed values before last year’s, one level and source at a time', () => {
    const pending = new Map<string, PendingChange>([
      ['og1', form(1, 'og')],
      ['p1', previous(2)],
      ['a', form('x')],
      ['b', form(true)],
      ['og2', previous(3, 'og')],
    ]);
    expect(nextBatch(pending)).toEqual({ level: 'structure', source: 'FORM', values: { a: 'x', b: true } });
    pending.delete('a');
    pending.delete('b');
    expect(nextBatch(pending)).toEqual({ level: 'structure', source: 'PREVIOUS_YEAR', values: { p1: 2 } });
    pending.delete('p1');
    expect(nextBatch(pending)).toEqual({ level: 'og', source: 'FORM', values: { og1: 1 } });
    pending.delete('og1');
    expect(nextBatch(pending)).toEqual({ level: 'og', source: 'PREVIOUS_YEAR', values: { og2: 3 } });
    expect(nextBatch(new Map())).toBeNull();
  });

  it('sends one target at a time, in the order they were first changed (the OG grid)', () => {
    const cell = (target: string, value: number, level: PendingChange['level'] = 'structure') => ({
      ...form(value, level),
      target,
    });
    const pending = new Map<string, PendingChange>([
      ['og|siege', cell('og', 9, 'og')],
      ['B|nb_places', cell('B', 1)],
      ['A|nb_places', cell('A', 2)],
      ['B|dpi', cell('B', 3)],
    ]);
    expect(nextBatch(pending)).toEqual({
      level: 'structure',
      source: 'FORM',
      target: 'B',
      values: { 'B|nb_places': 1, 'B|dpi': 3 },
    });
    pending.delete('B|nb_places');
    pending.delete('B|dpi');
    expect(nextBatch(pending)).toEqual({
      level: 'structure',
      source: 'FORM',
      target: 'A',
      values: { 'A|nb_places': 2 },
    });
    pending.delete('A|nb_places');
    expect(nextBatch(pending)?.target).toBe('og');
  });
});

describe('AutosaveQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, after a pause without change', async () => {
    const { queue, sent } = recordingQueue();
    queue.set('a', form(1));
    queue.schedule();
    await vi.advanceTimersByTimeAsync(500);
    queue.set('b', form(2));
    queue.schedule();
    await vi.advanceTimersByTimeAsync(799);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ level: 'structure', source: 'FORM', values: { a: 1, b: 2 } }]);
    expect(queue.size).toBe(0);
  });

  it('sends at once on flush and cancels the scheduled save', async () => {
    const { queue, sent } = recordingQueue();
    queue.set('a', form(1));
    queue.schedule();
    await queue.flush();
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toHaveLength(1);
  });

  it('goes round again for the changes made while a batch was on its way', async () => {
    let release: () => void = () => undefined;
    const sent: Batch[] = [];
    const queue: AutosaveQueue = new AutosaveQueue({
      delayMs: 800,
      send: async (batch) => {
        sent.push(batch);
        if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
        queue.settle(batch);
        return 'continue';
      },
      refresh: async () => undefined,
    });
    queue.set('a', form(1));
    void queue.flush();
    expect(queue.busy).toBe(true);
    queue.set('a', form(5));
    queue.set('b', form(2));
    const second = queue.flush();
    release();
    await second;
    // The first batch sent a = 1; a changed meanwhile, so it stays pending and goes with b.
    expect(sent.map((b) => b.values)).toEqual([{ a: 1 }, { a: 5, b: 2 }]);
    expect(queue.size).toBe(0);
    expect(queue.busy).toBe(false);
  });

  it('does not lose a flush asked while the run reloads after its last batch', async () => {
    let release: () => void = () => undefined;
    const sent: Batch[] = [];
    const queue: AutosaveQueue = new AutosaveQueue({
      delayMs: 800,
      send: async (batch) => {
        sent.push(batch);
        queue.settle(batch);
        return 'refresh';
      },
      refresh: () => new Promise<void>((resolve) => (release = resolve)),
    });
    queue.set('a', form(1));
    const first = queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    // The batch is sent, the reload is on its way: a new change and a blur arrive.
    queue.set('b', form(2));
    const second = queue.flush();
    release();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    release();
    await second;
    expect(sent.map((b) => b.values)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(queue.size).toBe(0);
  });

  it('sends each level and source in turn, and reloads once at the end when a batch asked for it', async () => {
    const { queue, sent, refresh } = recordingQueue((batch) =>
      batch.level === 'og' ? 'refresh' : 'continue',
    );
    queue.set('a', form(1));
    queue.set('og1', form(2, 'og'));
    queue.set('p', previous(3));
    await queue.flush();
    expect(sent.map((b) => `${b.level}/${b.source}`)).toEqual([
      'structure/FORM',
      'structure/PREVIOUS_YEAR',
      'og/FORM',
    ]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('stops at a refused batch and keeps its values for the next change', async () => {
    const { queue, sent, refresh } = recordingQueue(() => 'stop');
    queue.set('a', form(1));
    queue.set('og1', form(2, 'og'));
    await queue.flush();
    expect(sent).toHaveLength(1);
    expect(queue.has('a')).toBe(true);
    expect(queue.has('og1')).toBe(true);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('gives up after maxRounds requests when the values never settle', async () => {
    const sent: Batch[] = [];
    const queue = new AutosaveQueue({
      delayMs: 800,
      maxRounds: 3,
      send: async (batch) => {
        sent.push(batch);
        return 'continue';
      },
      refresh: async () => undefined,
    });
    queue.set('a', form(1));
    await queue.flush();
    expect(sent).toHaveLength(3);
    expect(queue.has('a')).toBe(true);
  });

  it('after a conflict keeps only the changes to re-apply, on that level', () => {
    const { queue } = recordingQueue();
    queue.set('a', form(1));
    queue.set('b', form(2));
    queue.set('og1', form(3, 'og'));
    expect(queue.valuesOf('structure')).toEqual({ a: 1, b: 2 });
    queue.keepOnly('structure', { b: 2 });
    expect(queue.valuesOf('structure')).toEqual({ b: 2 });
    expect(queue.valuesOf('og')).toEqual({ og1: 3 });
  });

  it('after a conflict on one target keeps the other targets’ changes', () => {
    const { queue } = recordingQueue();
    queue.set('A|a', { ...form(1), target: 'A' });
    queue.set('A|b', { ...form(2), target: 'A' });
    queue.set('B|a', { ...form(3), target: 'B' });
    expect(queue.valuesOf('structure', 'A')).toEqual({ 'A|a': 1, 'A|b': 2 });
    queue.keepOnly('structure', {}, 'A');
    expect(queue.valuesOf('structure')).toEqual({ 'B|a': 3 });
  });
});
