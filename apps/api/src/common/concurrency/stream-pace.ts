import type { Writable } from 'node:stream';
import type { TimeSlicer } from './time-slicer';

/**
 * The pause a long file-building loop takes between two slices of `slicer`: waits for background
 * work's turn (the requests in flight are answered first, foreground.ts), then while `stream`'s
 * buffer is full — a slow client slows the building down instead of filling memory. False when the
 * stream is gone (the client went away, or it failed): the loop stops there.
 */
export async function pace(stream: Writable, slicer: TimeSlicer): Promise<boolean> {
  await slicer.yield();
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
