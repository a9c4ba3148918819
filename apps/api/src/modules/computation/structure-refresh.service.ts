import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import { indicatorValues, type PeerReferences } from '@tdb/atypia';
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
import { readAll } from '../../database/read-all';

/**
 * What a structure's refresh compares it with and that none of its own writes change: last
 * campaign's values, indicators and accepted flags, and the campaign's peer references. A writer
 * may read it before its transaction, on pooled connections at once, so that the transaction (and
 * the row lock it holds) is four round trips shorter.
 */
export interface RefreshBaseline {
  previousValues: ValueMap;
  previousIndicators: Record<string, number | null>;
  acceptedLastYear: Map<string, number | null>;
  references: PeerReferences | null;
}

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

  /** See RefreshBaseline; its four reads go at once (one after the other in a transaction, see readAll). */
  async baseline(
    manager: EntityManager,
    year: number,
    dictionary: Dictionary,
    finess: string,
  ): Promise<RefreshBaseline> {
    const [previous, indicators, acceptedLastYear, references] = await readAll(manager, [
      () => this.previous.ofStructures(manager, year, dictionary, [finess]),
      () => this.indicators.previousValues(manager, year, [finess], null),
      () => this.flags.acceptedLastYear(manager, year, [finess]),
      () => this.peerReferences.references(manager, year),
    ]);
    return {
      previousValues: previous.get(finess)?.values ?? {},
      previousIndicators: indicators.get(finess) ?? {},
      acceptedLastYear,
      references,
    };
  }

  /** `baseline`: read beforehand by the caller (see RefreshBaseline); read here when not given. */
  async refresh(
    manager: EntityManager,
    target: { year: number; dictionary: Dictionary; facts: StructureFacts },
    own: ValueMap,
    og: ValueMap,
    given?: RefreshBaseline,
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
    const baseline = given ?? (await this.baseline(manager, year, dictionary, facts.finess));
    const subject = atypiaSubject(facts, values, indicatorValues(results), {
      values: baseline.previousValues,
      indicators: baseline.previousIndicators,
    });
    const flags = evaluateAtypia(this.rules.ruleSetFor(dictionary), subject, baseline.references);
    await this.flags.syncMany(
      manager,
      year,
      [{ finess: facts.finess, flags }],
      null,
      baseline.acceptedLastYear,
    );
  }
}
