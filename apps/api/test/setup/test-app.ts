import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { createOpenApiDocument } from '../../src/common/openapi/openapi-document';
import { contractCheck } from './contract-check';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  /** Pass to supertest: request(t.http). */
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database, as main.ts builds it (minus the SPA); `options.database`: on
 * that one instead (dropped, or stopped, by close()).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    WEB_DIR: 'none',
    LOG_LEVEL: 'silent',
    AUTH_THROTTLE_PER_MINUTE: '100000',
    ...env,
  });
  const app = await createApp(config, database);
  // Every JSON response of the suite is checked against the OpenAPI document (issue 16).
  app.use(contractCheck(createOpenApiDocument(app)).middleware);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
