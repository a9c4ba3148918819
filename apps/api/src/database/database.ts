import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  kind: 'embedded' | 'server';
  embedded: EmbeddedPostgres | null;
}

/** The server of DATABASE_URL, or the embedded PGlite persisted in DATA_DIR. */
export async function resolveDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, kind: 'server', embedded: null };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
  return { url: embedded.url, kind: 'embedded', embedded };
}

/** Applies pending migrations; returns the names of those applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
