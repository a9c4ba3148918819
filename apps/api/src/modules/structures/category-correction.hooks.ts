import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import type { CompetenceCode } from '@tdb/contracts';

/** A category correction as the features deriving data from the category see it. */
export interface CategoryCorrected {
  /** The structure after the correction (its new category and competence). */
  structure: StructureFacts;
  previous: { categoryCode: string; competence: CompetenceCode };
}

/** What a feature did about a correction: sentences for the history, work to run after the commit. */
export interface CategoryConsequence {
  sentences: string[];
  afterCommit?: () => Promise<void>;
}

export type CategoryCorrectionListener = (
  manager: EntityManager,
  change: CategoryCorrected,
) => Promise<CategoryConsequence>;

/**
 * Structures are the bottom floor of the modules (module-graph.spec), yet a correction changes what
 * the floors above derive from the category: a submission's expected items and completeness, its
 * indicators, its peer group. Those features register a listener at start-up; the correction runs
 * them inside its own transaction, so that the structure never has its new category with the
 * figures of the old one.
 */
@Injectable()
export class CategoryCorrectionHooks {
  private readonly listeners: CategoryCorrectionListener[] = [];

  register(listener: CategoryCorrectionListener): void {
    this.listeners.push(listener);
  }

  async run(manager: EntityManager, change: CategoryCorrected): Promise<CategoryConsequence[]> {
    const consequences: CategoryConsequence[] = [];
    for (const listener of this.listeners) consequences.push(await listener(manager, change));
    return consequences;
  }
}
