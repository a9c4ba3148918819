import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import { indicatorValues } from '@tdb/atypia';
import type { ValueMap } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import { computeIndicators } from '@tdb/indicators';
import { mergedValues } from '../campaign-core/submission-context';
import { AtypiaFlagsRepository } from './atypia-flags.repository';
import { atypiaSubject, evaluateAtypia } from './atypia-subject';
import { DerivedRules } from './derived-rules.service';
import { encodeIndicators, IndicatorValuesRepository } from './indicator-values.repository';
import { PeerReferencesCache } from './peer-references.cache';
import { PreviousValuesRepository } from './previous-values.repository';

/**
 * The derived data of one structure, refreshed inside the transaction of the write that changed
 * its values (form, OG grid, Excel grid, JSON bulk, OG-level entry): its indicators, then its atypia
 * flags against the campaign's stored peer references. The response of the write carries them.
 */
@Injectable()
export class StructureRefresh {
  constructor(
    private readonly rules: DerivedRules,
    private readonly indicators: IndicatorValuesRepository,
    private readonly flags: AtypiaFlagsRepository,
    private readonly previous: PreviousValuesRepository,
    private readonly peerReferences: PeerReferencesCache,
  ) {}

  async refresh(
    manager: EntityManager,
    target: { year: number; dictionary: Dictionary; facts: StructureFacts },
    own: ValueMap,
    og: ValueMap,
  ): Promise<void> {
    const { year, dictionary, facts } = target;
    const values = mergedValues(own, og, dictionary);
    const results = computeIndicators(this.rules.definitionsFor(dictionary).indicators, {
      categoryCode: facts.categoryCode,
      values,
    });
    await this.indicators.replace(
      manager,
      year,
      dictionary.version,
      [encodeIndicators({ finess: facts.finess, results })],
      null,
    );
    const previous = await this.previous.ofStructures(manager, year, dictionary, [facts.finess]);
    const before = previous.get(facts.finess);
    const subject = atypiaSubject(facts, values, indicatorValues(results), {
      values: before?.values ?? {},
      indicators:
        (await this.indicators.previousValues(manager, year, [facts.finess], null)).get(facts.finess) ?? {},
    });
    const flags = evaluateAtypia(
      this.rules.ruleSetFor(dictionary),
      subject,
      await this.peerReferences.references(manager, year),
    );
    await this.flags.syncMany(manager, year, [{ finess: facts.finess, flags }]);
  }
}
