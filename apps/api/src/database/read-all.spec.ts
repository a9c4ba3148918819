import type { EntityManager } from 'typeorm';
import { readAll } from './read-all';

/** A read that resolves when told, recording how many reads were running at once. */
function reads(count: number) {
  let running = 0;
  let most = 0;
  const pending: (() => void)[] = [];
  const thunks = Array.from({ length: count }, (_, i) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => pending.push(resolve));
    running--;
    return `read ${i}`;
  });
  /** Resolves the reads as they come until all have answered. */
  const answerAll = async () => {
    for (let answered = 0; answered < count;) {
      await new Promise((resolve) => setImmediate(resolve));
      while (pending.length > 0) {
        pending.shift()!();
        answered++;
      }
    }
  };
  return { thunks, answerAll, most: () => most };
}

describe('readAll', () => {
  it('runs the reads at once on pooled connections, answers in order', async () => {
    const { thunks, answerAll, most } = reads(3);
    const all = readAll({} as EntityManager, [thunks[0]!, thunks[1]!, thunks[2]!]);
    await answerAll();
    expect(await all).toEqual(['read 0', 'read 1', 'read 2']);
    expect(most()).toBe(3);
  });

  it("runs them one after the other on a transaction's connection, answers in order", async () => {
    const { thunks, answerAll, most } = reads(3);
    const inTransaction = { queryRunner: {} } as EntityManager;
    const all = readAll(inTransaction, [thunks[0]!, thunks[1]!, thunks[2]!]);
    await answerAll();
    expect(await all).toEqual(['read 0', 'read 1', 'read 2']);
    expect(most()).toBe(1);
  });
});
