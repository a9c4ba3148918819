import type { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';

/**
 * The pause a long file-building loop takes every few rows: lets the event loop answer other
 * requests (and the compression of what was written so far run), then waits while `stream`'s
 * buffer is full — a slow client slows the building down instead of filling memory. False when the
 * stream is gone (the client went away, or it failed): the loop stops there.
 */
export async function pace(stream: Writable): Promise<boolean> {
  await setImmediate();
  if (stream.writableNeedDrain && !stream.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }
  return !stream.destroyed;
}
