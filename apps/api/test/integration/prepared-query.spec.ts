/**
 * Named prepared statements on the real database of the run (embedded PGlite, or the server in
 * CI's second pass): the same statement keeps answering after the pool's connection was closed
 * and opened again — PGlite keeps one session behind every connection, where a statement named
 * by a closed connection would still exist.
 */
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { preparedQuery } from '../../src/database/prepared-query';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

describe('preparedQuery (real database)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, { poolSize: 1 }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('answers the same statement again after its connection was replaced', async () => {
    const statement = { name: 'test-sum', text: 'SELECT $1::int + $2::int AS sum', values: [2, 3] };
    expect(await preparedQuery(dataSource, database.kind, statement)).toEqual([{ sum: 5 }]);
    expect(await preparedQuery(dataSource, database.kind, { ...statement, values: [4, 5] })).toEqual([
      { sum: 9 },
    ]);
    // Close the pool's only connection: the next call opens a new one.
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    client.release(true);
    expect(await preparedQuery(dataSource, database.kind, { ...statement, values: [10, 1] })).toEqual([
      { sum: 11 },
    ]);
  });
});
