import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { loadDictionary, type Dictionary } from '@tdb/dictionary';
import { DictionaryVersionsRepository } from './dictionary-versions.repository';

/** The dictionary files of the repository: one `<year>.json` per campaign year. */
export const DICTIONARY_DIR = resolve(__dirname, '../../../../../libs/dictionary/data');

const hashOf = (content: unknown): string =>
  createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);

/**
 * Campaigns are pinned to a dictionary version stored in the database, so that a later edit of a
 * file never changes what a past campaign asked. New files are picked up without a code change:
 * every `<year>.json` of the data folder is validated and stored the first time it is seen.
 */
@Injectable()
export class DictionaryRegistry {
  private readonly logger = new Logger(DictionaryRegistry.name);
  private readonly cache = new Map<string, Dictionary>();

  constructor(private readonly versions: DictionaryVersionsRepository) {}

  /** Validates every dictionary file; throws (naming the file and the errors) on an invalid one. */
  readFiles(dir = DICTIONARY_DIR): Dictionary[] {
    const files = readdirSync(dir).filter((name) => /^\d{4}\.json$/.test(name));
    return files.map((name) => {
      const result = loadDictionary(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!result.ok) throw new Error(`Invalid dictionary file ${name}:\n${result.errors.join('\n')}`);
      return result.dictionary;
    });
  }

  /** The dictionary file for `campaignYear`, stored, or null when the repository has none. */
  async storeFileFor(manager: EntityManager, campaignYear: number): Promise<Dictionary | null> {
    const dictionary = this.readFiles().find((d) => d.campaignYear === campaignYear);
    if (!dictionary) return null;
    await this.store(manager, dictionary);
    return dictionary;
  }

  async store(manager: EntityManager, dictionary: Dictionary): Promise<void> {
    const stored = await this.versions.hashOf(manager, dictionary.version);
    const hash = hashOf(dictionary);
    if (stored !== undefined) {
      if (stored !== hash) {
        this.logger.warn(
          `Dictionary ${dictionary.version} differs from the stored one; the stored one is kept`,
        );
      }
      return;
    }
    await this.versions.insert(manager, dictionary, hash);
  }

  /** The stored dictionary of a version (validated once, then cached). */
  async byVersion(version: string, manager?: EntityManager): Promise<Dictionary> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const content = await this.versions.content(version, manager);
    if (content === undefined) throw new Error(`Dictionary version ${version} is not stored`);
    const result = loadDictionary(content);
    if (!result.ok) throw new Error(`Stored dictionary ${version} is invalid:\n${result.errors.join('\n')}`);
    this.cache.set(version, result.dictionary);
    return result.dictionary;
  }
}
