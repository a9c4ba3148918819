import { Writable } from 'node:stream';
import { DomainError, httpStatusOf } from '../errors/domain-error';
import { Foreground } from './foreground';
import { pace } from './stream-pace';
import { TimeSlicer } from './time-slicer';
import { WorkGate } from './work-gate';

/** A promise the test settles. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending callback and promise run (no timer). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const MESSAGES = { busy: 'Occupé, réessayez dans une minute.', keyBusy: 'Déjà en cours pour votre compte.' };

describe('WorkGate', () => {
  it('runs `concurrent` pieces at once, queues the next ones in order, and hands each slot over', async () => {
    const gate = new WorkGate({ concurrent: 2, waiting: 5 }, MESSAGES);
    const started: number[] = [];
    const ends = [0, 1, 2, 3].map(() => deferred());
    const runs = ends.map((end, i) =>
      gate.run(async () => {
        started.push(i);
        await end.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(gate.state).toMatchObject({ running: 2, waiting: 2 });
    ends[1]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(gate.state).toMatchObject({ running: 2, waiting: 1 });
    ends[0]!.resolve();
    ends[2]!.resolve();
    ends[3]!.resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect(gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });

  it('refuses past the waiting line with SERVICE_BUSY (503), starting nothing', async () => {
    const gate = new WorkGate({ concurrent: 1, waiting: 1 }, MESSAGES);
    const hold = deferred();
    const work = jest.fn(() => hold.promise);
    const running = gate.run(work);
    const waiting = gate.run(work);
    const refused = gate.run(work);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'SERVICE_BUSY', userMessage: MESSAGES.busy });
    expect(httpStatusOf('SERVICE_BUSY')).toBe(503);
    expect(work).toHaveBeenCalledTimes(1);
    hold.resolve();
    await Promise.all([running, waiting]);
    expect(work).toHaveBeenCalledTimes(2);
    expect(gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });

  it('refuses a key its second piece with TOO_MANY_REQUESTS (429), running or waiting, and not others', async () => {
    const gate = new WorkGate({ concurrent: 1, waiting: 5, perKey: 1 }, MESSAGES);
    const first = await gate.acquire('camille');
    await expect(gate.acquire('camille')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      userMessage: MESSAGES.keyBusy,
    });
    expect(httpStatusOf('TOO_MANY_REQUESTS')).toBe(429);
    // Another account waits its turn; while it waits, its own second request is refused too.
    const dominique = gate.acquire('dominique');
    await settle();
    expect(gate.state).toEqual({ running: 1, waiting: 1, keys: 2 });
    await expect(gate.acquire('dominique')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    first();
    const second = await dominique;
    // Once released, the key may start again.
    const again = gate.acquire('camille');
    second();
    (await again)();
    expect(gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });

  it('releases the slot and the key when the work fails', async () => {
    const gate = new WorkGate({ concurrent: 1, waiting: 1, perKey: 1 }, MESSAGES);
    const failing = gate.run(() => Promise.reject(new Error('échec')), 'camille');
    const next = gate.run(async () => 'suivant', 'dominique');
    await expect(failing).rejects.toThrow('échec');
    await expect(next).resolves.toBe('suivant');
    await expect(gate.run(async () => 'encore', 'camille')).resolves.toBe('encore');
    expect(gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });

  it('counts a release only once', async () => {
    const gate = new WorkGate({ concurrent: 1, waiting: 2, perKey: 1 }, MESSAGES);
    const release = await gate.acquire('camille');
    const waiting = [gate.acquire('dominique'), gate.acquire('claude')];
    release();
    release();
    await settle();
    // The second call handed nothing over: one running, one still waiting.
    expect(gate.state).toEqual({ running: 1, waiting: 1, keys: 2 });
    (await waiting[0]!)();
    (await waiting[1]!)();
    expect(gate.state).toEqual({ running: 0, waiting: 0, keys: 0 });
  });
});

describe('pace', () => {
  const slicer = new TimeSlicer(10, new Foreground());
  /** A writable of one byte of buffer whose writes complete when the test says so. */
  function slowStream() {
    const pending: (() => void)[] = [];
    const stream = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        pending.push(() => callback());
      },
    });
    return { stream, flush: () => pending.splice(0).forEach((done) => done()) };
  }

  it('goes on at once while the buffer has room', async () => {
    const { stream } = slowStream();
    await expect(pace(stream, slicer)).resolves.toBe(true);
  });

  it('waits for the client to drain a full buffer', async () => {
    const { stream, flush } = slowStream();
    expect(stream.write('ab')).toBe(false);
    let done = false;
    const paced = pace(stream, slicer).then((alive) => {
      done = true;
      return alive;
    });
    await settle();
    expect(done).toBe(false);
    flush();
    await expect(paced).resolves.toBe(true);
  });

  it('stops when the stream is destroyed (the client went away), also while waiting', async () => {
    const { stream } = slowStream();
    stream.write('ab');
    const paced = pace(stream, slicer);
    await settle();
    stream.destroy();
    await expect(paced).resolves.toBe(false);
    await expect(pace(stream, slicer)).resolves.toBe(false);
  });
});
