import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The database side of the probes: a round trip, and the migrations applied against those known. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The cheapest round trip to the database: what liveness of the database is measured with. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The names of the migrations this code registers (TypeORM's names: the `name` of each class). */
  registeredMigrations(): string[] {
    return this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  }

  /** The names recorded in TypeORM's migrations table. */
  async appliedMigrations(): Promise<string[]> {
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM "${table}"`);
    return rows.map((r) => r.name);
  }
}
