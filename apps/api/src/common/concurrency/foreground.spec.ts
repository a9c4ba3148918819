import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { Foreground } from './foreground';
import { TimeSlicer } from './time-slicer';

/** A request entering the middleware; `end()` sends its answer. */
function request(foreground: Foreground): { end: () => void; close: () => void } {
  const response = new EventEmitter();
  const next: NextFunction = () => undefined;
  foreground.middleware({} as Request, response as unknown as Response, next);
  return { end: () => response.emit('finish'), close: () => response.emit('close') };
}

/** Lets every pending turn of the event loop run (immediates, then their promises). */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Whether `promise` has settled by now. */
function tracked(promise: Promise<unknown>): { done: boolean } {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

const BUDGET = { share: 0.2, minShare: 0.05, fullShareRate: 5, burstMs: 20, quietMs: 1_000 };

describe('Foreground', () => {
  it('gives background work its turn at once when no request is in flight', async () => {
    const foreground = new Foreground(60_000);
    const turn = tracked(foreground.turn());
    await turns();
    expect(turn.done).toBe(true);
  });

  it('holds background work while a request is answered, and lets it go when the answer is sent', async () => {
    const foreground = new Foreground(60_000);
    const pending = request(foreground);
    const turn = tracked(foreground.turn());
    await turns();
    expect(foreground.busy).toBe(true);
    expect(turn.done).toBe(false);
    pending.end();
    await turns();
    expect(turn.done).toBe(true);
    expect(foreground.busy).toBe(false);
  });

  it('counts a request whose client went away as ended, once', async () => {
    const foreground = new Foreground(60_000);
    const first = request(foreground);
    const second = request(foreground);
    first.close();
    first.end();
    expect(foreground.busy).toBe(true);
    second.end();
    expect(foreground.busy).toBe(false);
  });

  it('gives one turn per turn of the event loop: a request arriving after the first slice holds the next', async () => {
    const foreground = new Foreground(60_000);
    const first = tracked(foreground.turn());
    const second = tracked(foreground.turn());
    let arriving: { end: () => void } | null = null;
    await new Promise<void>((resolve) => {
      const poll = () => {
        if (first.done) {
          arriving = request(foreground);
          resolve();
        } else setImmediate(poll);
      };
      poll();
    });
    await turns();
    expect(second.done).toBe(false);
    arriving!.end();
    await turns();
    expect(second.done).toBe(true);
  });

  it('still gives a turn every maxWaitMs while requests never stop, so background work advances', async () => {
    const foreground = new Foreground(5);
    request(foreground); // never answered
    const started = performance.now();
    await foreground.turn();
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
    expect(foreground.busy).toBe(true);
  });

  it('keeps background work to its share of the time while requests keep coming', async () => {
    let clock = 0;
    const foreground = new Foreground(60_000, BUDGET, () => clock);
    request(foreground).end();
    // A slice took 30 ms, 10 more than the burst the budget held.
    foreground.spent(30);
    const turn = tracked(foreground.turn());
    await turns();
    expect(turn.done).toBe(false);
    // 50 ms later the share has given back 10 ms: still not enough for a slice…
    clock += 50;
    request(foreground).end();
    await turns();
    expect(turn.done).toBe(false);
    // …5 ms more and it is.
    clock += 5;
    request(foreground).end();
    await turns();
    expect(turn.done).toBe(true);
  });

  it('shrinks the share as requests come faster, and gives it back once they slow down', async () => {
    let clock = 0;
    const foreground = new Foreground(60_000, BUDGET, () => clock);
    request(foreground).end();
    expect(foreground.share).toBe(0.2);
    // 50 requests a second for 10 s: the share falls to its floor.
    for (; clock < 10_000; clock += 20) request(foreground).end();
    expect(foreground.share).toBe(0.05);
    // A slice that took 30 ms (10 beyond the burst) is given back in 200 ms at 5 %, not 50 ms.
    foreground.spent(30);
    const turn = tracked(foreground.turn());
    for (const end = clock + 150; clock < end; clock += 20) request(foreground).end();
    await turns();
    expect(turn.done).toBe(false);
    for (const end = clock + 100; clock < end; clock += 20) request(foreground).end();
    await turns();
    expect(turn.done).toBe(true);
    // Half a minute at one request every 2 s: the whole share again.
    for (const end = clock + 30_000; clock < end; clock += 2_000) request(foreground).end();
    expect(foreground.share).toBe(0.2);
  });

  it('lets background work run without a limit once no request came for a while', async () => {
    let clock = 0;
    const foreground = new Foreground(60_000, BUDGET, () => clock);
    request(foreground).end();
    foreground.spent(500);
    clock = 1_000;
    const turn = tracked(foreground.turn());
    await turns();
    expect(turn.done).toBe(true);
  });

  it('caps the debt of a long slice, so that background work is never stalled for long', async () => {
    let clock = 0;
    const foreground = new Foreground(60_000, BUDGET, () => clock);
    request(foreground).end();
    // Ten seconds "spent" (a slice that mostly waited for the database) weigh as 100 ms of debt.
    foreground.spent(10_000);
    const turn = tracked(foreground.turn());
    clock = 500;
    request(foreground).end();
    await turns();
    expect(turn.done).toBe(false);
    clock = 506;
    request(foreground).end();
    await turns();
    expect(turn.done).toBe(true);
  });

  it('does not wait for a request marked as background work (a file being streamed)', async () => {
    const foreground = new Foreground(60_000);
    const exporting = request(foreground);
    const release = foreground.exemptOne();
    const turn = tracked(foreground.turn());
    await turns();
    expect(turn.done).toBe(true);
    release();
    release(); // twice: counted once
    expect(foreground.busy).toBe(true);
    exporting.end();
    expect(foreground.busy).toBe(false);
  });
});

describe('TimeSlicer', () => {
  it('is due once its slice is used up, and starts a new slice after yielding', async () => {
    const slicer = new TimeSlicer(2, new Foreground(60_000));
    expect(slicer.due()).toBe(false);
    const until = performance.now() + 3;
    while (performance.now() < until) {
      // busy: the slice is being used
    }
    expect(slicer.due()).toBe(true);
    await slicer.yield();
    expect(slicer.due()).toBe(false);
  });
});
