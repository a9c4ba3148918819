import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { IndicatorGuide, IndicatorSheet, IndicatorValueDto } from '@tdb/contracts';
import { loadDictionary, type Dictionary } from '@tdb/dictionary';
import {
  AXIS_LABELS,
  DIRECTION_LABELS,
  RAW_INDICATOR_DEFINITIONS,
  computeIndicators,
  formulaInWords,
  loadIndicatorDefinitions,
  provisionalNotice,
  type IndicatorDefinition,
  type IndicatorDefinitions,
  type IndicatorResult,
} from '@tdb/indicators';
import { DomainError } from '../../common/errors/domain-error';
import { dataForDictionary } from './data-for-dictionary';

interface StoredIndicator {
  indicator_code: string;
  value: number | null;
  details: IndicatorValueDto['parts'];
  reason_code: string | null;
  reason_message: string | null;
  dictionary_version: string;
}

/**
 * Indicators of the platform: the definitions of a campaign (data, checked against its dictionary),
 * computed and stored at each save and by the campaign job, read back with last year's values.
 */
@Injectable()
export class IndicatorsService {
  private readonly cache = new Map<string, IndicatorDefinitions>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The definitions file of the campaign year, or else of the nearest earlier year (else the
   * earliest), validated against the campaign's own dictionary.
   */
  definitionsFor(dictionary: Dictionary): IndicatorDefinitions {
    const cached = this.cache.get(dictionary.version);
    if (cached) return cached;
    const stamped = dataForDictionary(RAW_INDICATOR_DEFINITIONS, dictionary);
    const loaded = loadIndicatorDefinitions(stamped, dictionary);
    if (!loaded.ok) {
      throw new Error(
        `Indicator definitions do not fit dictionary ${dictionary.version}:\n${loaded.errors.join('\n')}`,
      );
    }
    this.cache.set(dictionary.version, loaded.definitions);
    return loaded.definitions;
  }

  compute(dictionary: Dictionary, categoryCode: string, values: Record<string, unknown>): IndicatorResult[] {
    return computeIndicators(this.definitionsFor(dictionary).indicators, { categoryCode, values });
  }

  /** Replaces the stored indicators of one submission. */
  async store(
    manager: EntityManager,
    year: number,
    finess: string,
    dictionary: Dictionary,
    results: readonly IndicatorResult[],
    jobId: string | null = null,
  ): Promise<void> {
    await this.storeMany(manager, year, dictionary, [{ finess, results }], jobId);
  }

  /** Replaces the stored indicators of several submissions in three statements. */
  async storeMany(
    manager: EntityManager,
    year: number,
    dictionary: Dictionary,
    batch: readonly { finess: string; results: readonly IndicatorResult[] }[],
    jobId: string | null = null,
  ): Promise<void> {
    if (batch.length === 0) return;
    const finesses = batch.map((b) => b.finess);
    // "Not applicable to this category" is not stored: it says nothing about the structure.
    const rows = batch.flatMap(({ finess, results }) =>
      results
        .filter((r) => r.status === 'computed' || r.reason.code !== 'NOT_APPLICABLE')
        .map((r) => ({
          finess,
          code: r.code,
          value: r.status === 'computed' ? (r.kind === 'distribution' ? r.total : r.value) : null,
          details: r.status === 'computed' && r.kind === 'distribution' ? r.parts : null,
          reason_code: r.status === 'not_computable' ? r.reason.code : null,
          reason_message: r.status === 'not_computable' ? r.reason.message : null,
        })),
    );
    await manager.query(
      `DELETE FROM indicator_values WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[])`,
      [year, finesses],
    );
    await manager.query(
      `INSERT INTO indicator_values (campaign_year, finess, indicator_code, value, details, reason_code, reason_message, dictionary_version)
       SELECT $1, r.finess, r.code, r.value, r.details, r.reason_code, r.reason_message, $2
         FROM jsonb_to_recordset($3::jsonb)
           AS r(finess text, code text, value double precision, details jsonb, reason_code text, reason_message text)`,
      [year, dictionary.version, JSON.stringify(rows)],
    );
    await manager.query(
      `UPDATE submissions SET indicators_job = $3, indicators_computed_at = clock_timestamp()
        WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[])`,
      [year, finesses, jobId],
    );
  }

  /** Last campaign's computed indicator values of a structure (for year-over-year rules). */
  async previousValues(
    manager: EntityManager,
    year: number,
    finess: string,
  ): Promise<Record<string, number | null>> {
    const rows: { indicator_code: string; value: number | null }[] = await manager.query(
      `SELECT indicator_code, value FROM indicator_values
        WHERE finess = $2 AND campaign_year = (SELECT max(year) FROM campaigns WHERE year < $1) AND reason_code IS NULL`,
      [year, finess],
    );
    return Object.fromEntries(rows.map((r) => [r.indicator_code, r.value]));
  }

  /** The stored indicators of a structure with last campaign's values (the caller checked access). */
  async ofStructure(
    manager: EntityManager,
    year: number,
    finess: string,
    dictionary: Dictionary,
  ): Promise<IndicatorValueDto[]> {
    const definitions = this.definitionsFor(dictionary).indicators;
    const rows: (StoredIndicator & { previous_value: number | null })[] = await manager.query(
      `SELECT iv.indicator_code, iv.value, iv.details, iv.reason_code, iv.reason_message, iv.dictionary_version,
              prev.value AS previous_value
         FROM indicator_values iv
         LEFT JOIN LATERAL (
           SELECT p.value FROM indicator_values p
            WHERE p.finess = iv.finess AND p.indicator_code = iv.indicator_code AND p.campaign_year < iv.campaign_year
            ORDER BY p.campaign_year DESC LIMIT 1) prev ON true
        WHERE iv.campaign_year = $1 AND iv.finess = $2`,
      [year, finess],
    );
    const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
    return definitions.flatMap((def) => {
      const row = byCode.get(def.code);
      if (!row || row.reason_code === 'NOT_APPLICABLE') return [];
      return [this.toDto(def, row, row.previous_value)];
    });
  }

  private toDto(def: IndicatorDefinition, row: StoredIndicator, previous: number | null): IndicatorValueDto {
    return {
      code: def.code,
      label: def.label,
      axis: def.axis,
      unit: def.unit,
      kind: def.kind,
      computable: row.reason_code === null,
      value: row.value,
      parts: row.details,
      reasonCode: row.reason_code,
      reason: row.reason_message,
      provisional: def.status === 'provisional',
      previousValue: previous,
      dictionaryVersion: row.dictionary_version,
    };
  }

  /** The "Guide des indicateurs" of a campaign year (the latest campaign when none is given). */
  async guide(year: number | undefined): Promise<IndicatorGuide> {
    const rows: { year: number; content: unknown }[] = await this.dataSource.query(
      `SELECT c.year, d.content FROM campaigns c JOIN dictionary_versions d ON d.version = c.dictionary_version
        WHERE ($1::int IS NULL OR c.year = $1) ORDER BY c.year DESC LIMIT 1`,
      [year ?? null],
    );
    const row = rows[0];
    if (!row) throw new DomainError('NOT_FOUND', year ? `Aucune campagne ${year}.` : 'Aucune campagne.');
    const loaded = loadDictionary(row.content);
    if (!loaded.ok) throw new Error(`Stored dictionary of ${row.year} is invalid`);
    const dictionary = loaded.dictionary;
    const definitions = this.definitionsFor(dictionary);
    return {
      campaignYear: row.year,
      dictionaryVersion: dictionary.version,
      sheets: definitions.indicators.map((def) => this.sheet(def, dictionary)),
    };
  }

  private sheet(def: IndicatorDefinition, dictionary: Dictionary): IndicatorSheet {
    return {
      code: def.code,
      label: def.label,
      axis: def.axis,
      axisLabel: AXIS_LABELS[def.axis],
      kind: def.kind,
      meaning: def.meaning,
      unit: def.unit,
      formulaInWords: formulaInWords(def, dictionary),
      direction: def.direction,
      directionLabel: DIRECTION_LABELS[def.direction],
      categories: def.categories === 'ALL' ? 'ALL' : [...def.categories],
      status: def.status,
      provisionalNotice: provisionalNotice(def) ?? null,
      source: def.source,
      notes: [...def.notes],
    };
  }
}
