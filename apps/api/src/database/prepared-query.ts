import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A read of a hot path (one per request) as a named prepared statement: PostgreSQL parses and
 * plans it once per pooled connection instead of at every call — for the key lookups of a
 * restitution, planning cost more than running. Outside any transaction; `name` must be unique
 * to `text` (PostgreSQL keeps the statement under that name for the connection's life).
 *
 * Not on the embedded database: PGlite is one PostgreSQL session behind every socket connection,
 * so a statement prepared by a connection that was since closed still exists there, unknown to
 * the new connection's client ("prepared statement … already exists").
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  databaseKind: 'embedded' | 'server',
  statement: { name: string; text: string; values: readonly unknown[] },
): Promise<T[]> {
  if (databaseKind === 'embedded') return dataSource.query(statement.text, [...statement.values]);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query({
    name: statement.name,
    text: statement.text,
    values: [...statement.values],
  });
  return result.rows as T[];
}
