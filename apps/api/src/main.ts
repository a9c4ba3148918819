import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { resolveDatabase, runMigrations } from './database/database';
import { DataDirLockedError } from './database/embedded-postgres';
import { exceljs } from './common/files/exceljs';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n✖ ${error.message}\n  See .env.example for the expected values.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  const database = await resolveDatabase(config).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      console.error(`\n✖ ${error.message}\n`);
      process.exit(75);
    }
    throw error;
  });
  const applied = await runMigrations(database.url);
  if (applied.length > 0) console.log(`Migrations applied: ${applied.join(', ')}`);

  const app = await createApp(config, database);
  // SIGTERM (orchestrators) and SIGINT (Ctrl-C) run Nest's hooks in order: the requests in flight
  // are answered, the jobs give their lease back, the pools close, the embedded database flushes
  // (ShutdownService tells the order), then the process exits with 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  // Nest passes its arguments on to http.Server#listen(port, host, backlog), whose backlog its
  // typings leave out.
  const listen = app.listen.bind(app) as unknown as (
    port: number,
    host: string,
    backlog: number,
  ) => Promise<unknown>;
  // Loaded before the first request, not at its first use: requiring it holds the event loop
  // 0.4 s, and the first export of a deadline rush stalled every request in flight that long (ADR
  // 0016). pdfmake is loaded by the PDF worker, off the event loop (pdf-renderer.ts). Processes
  // that only compute never run main().
  exceljs();
  await listen(config.port, '0.0.0.0', config.httpBacklog);
  const base = `http://localhost:${config.port}`;
  console.log(
    [
      '',
      `TDB is running (${database.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'}):`,
      `  SPA            ${base}/`,
      `  API            ${base}/api`,
      `  OpenAPI UI     ${base}/api/docs`,
      `  OpenAPI JSON   ${base}/api/docs-json`,
      `  Health         ${base}/api/health (probes: /api/health/live, /api/health/ready)`,
      '',
    ].join('\n'),
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
