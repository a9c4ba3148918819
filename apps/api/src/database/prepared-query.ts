import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A read of a hot path (one per request) as a named prepared statement: PostgreSQL parses and
 * plans it once per pooled connection instead of at every call — for the key lookups of a
 * restitution, planning cost more than running. Outside any transaction; `name` must be unique
 * to `text` (PostgreSQL keeps the statement under that name for the connection's life).
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values: [...values] });
  return result.rows as T[];
}
