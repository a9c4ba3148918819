import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

export interface PoolStats {
  /** Connections open (idle or lent to a query). */
  total: number;
  idle: number;
  /** Queries waiting for a connection: above 0 for long, the pool is the bottleneck. */
  waiting: number;
  max: number;
}

/** The state of the application's connection pool (TypeORM's `pg` pool), read without a query. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * On the embedded database too the API talks to PGlite through a `pg` pool (of one connection,
   * PGlite running one query at a time): `waiting` is then the queue of queries before the
   * database. Null before the pool exists or after it closed.
   */
  poolStats(): PoolStats | null {
    if (!this.dataSource.isInitialized) return null;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return null;
    return {
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    };
  }
}
