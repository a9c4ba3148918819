import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs raw SQL written with TypeORM's named parameters (`:name`, `:...list`), so that the scope
 * condition of AccessService composes with hand-written queries.
 */
export function namedQuery<T>(
  runner: DataSource | EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<T[]> {
  const connection = 'connection' in runner ? runner.connection : runner;
  const [query, positional] = connection.driver.escapeQueryWithParameters(sql, parameters);
  return runner.query(query, positional);
}
