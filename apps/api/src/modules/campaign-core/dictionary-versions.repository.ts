import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Dictionary } from '@tdb/dictionary';

/** `dictionary_versions`: each campaign's dictionary as it was stored, never rewritten. */
@Injectable()
export class DictionaryVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The content hash of a stored version, or undefined when the version is not stored. */
  async hashOf(manager: EntityManager, version: string): Promise<string | undefined> {
    const rows: { content_hash: string }[] = await manager.query(
      `SELECT content_hash FROM dictionary_versions WHERE version = $1`,
      [version],
    );
    return rows[0]?.content_hash;
  }

  async insert(manager: EntityManager, dictionary: Dictionary, hash: string): Promise<void> {
    await manager.query(
      `INSERT INTO dictionary_versions (version, campaign_year, content, content_hash) VALUES ($1, $2, $3, $4)`,
      [dictionary.version, dictionary.campaignYear, JSON.stringify(dictionary), hash],
    );
  }

  /** The stored content of a version as is (not validated), or undefined when it is not stored. */
  async content(version: string, manager: EntityManager = this.dataSource.manager): Promise<unknown> {
    const rows: { content: unknown }[] = await manager.query(
      `SELECT content FROM dictionary_versions WHERE version = $1`,
      [version],
    );
    return rows[0]?.content;
  }
}
