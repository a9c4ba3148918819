import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/**
 * Stops the embedded database the application runs on, last of the stop: PGlite flushes DATA_DIR
 * and releases its lock. The pool goes first (TypeORM would close it later in the same stage, after
 * the socket server is gone). Null when the database belongs to someone else (the tests, a server).
 */
@Injectable()
export class EmbeddedDatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded.stop();
  }
}
