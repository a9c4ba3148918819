import type { EntityManager } from 'typeorm';

/**
 * Independent reads: at once on pooled connections, one after the other on a transaction's
 * connection. A connection runs one query at a time; pg 8 queues the others and warns that it
 * will refuse them (pg 9).
 */
export async function readAll<T extends readonly unknown[]>(
  manager: EntityManager,
  reads: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!manager.queryRunner) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
