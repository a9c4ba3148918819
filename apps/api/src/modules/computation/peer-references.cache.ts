import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PeerReferences } from '@tdb/atypia';
import { AtypiaFlagsRepository } from './atypia-flags.repository';

/**
 * The peer references every save evaluates its structure against (issue 13 §4): megabytes of JSON
 * for a national campaign, read and parsed by every save until now. They change only when the
 * peers' statistics are recomputed, so a save asks for their stamp (a few bytes, read with the
 * rest of its refresh baseline) and parses them again only when it changed. Each
 * API process keeps its own copy; the stamp keeps them all in step with the database.
 */
@Injectable()
export class PeerReferencesCache {
  private readonly byYear = new Map<number, { stamp: string; references: PeerReferences }>();

  constructor(private readonly flags: AtypiaFlagsRepository) {}

  async references(manager: EntityManager, year: number): Promise<PeerReferences | null> {
    const stamp = await this.flags.referencesStamp(manager, year);
    if (stamp === null) {
      this.byYear.delete(year);
      return null;
    }
    const cached = this.byYear.get(year);
    if (cached?.stamp === stamp) return cached.references;
    const read = await this.flags.stampedReferences(manager, year);
    if (!read) return null;
    this.byYear.set(year, read);
    return read.references;
  }
}
