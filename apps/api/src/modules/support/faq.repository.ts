import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FaqReach } from '@tdb/access';
import type { FaqEntryDto, FaqLevel, FaqSummary } from '@tdb/contracts';
import { findRegion } from '@tdb/reference';
import { containsPattern, toSearchText } from '../../common/text/search-text';
import { namedQuery } from '../../database/named-query';
import { authorityName } from '../campaigns/authority-name';

interface FaqRow {
  id: string;
  campaign_year: number;
  level: FaqLevel;
  region_code: string | null;
  question: string;
  answer: string;
  item_code: string | null;
  indicator_code: string | null;
  category_code: string | null;
  proposed_national: boolean;
  published_at: Date;
  authority_kind: 'ARS' | 'CD' | null;
  authority_code: string | null;
  version: number;
}

/** An FAQ entry with the authority that published it (who may withdraw it). */
export interface FaqEntry extends FaqEntryDto {
  authority: { kind: 'ARS' | 'CD'; code: string } | null;
}

export interface FaqFilters {
  q?: string;
  item?: string;
  indicator?: string;
  /** Only the proposals to the national FAQ not yet published there. */
  proposed?: boolean;
}

export interface FaqInput {
  year: number;
  level: FaqLevel;
  regionCode: string | null;
  question: string;
  answer: string;
  itemCode: string | null;
  indicatorCode: string | null;
  categoryCode: string | null;
  sourceQuestionId: string | null;
  authority: { kind: 'ARS' | 'CD'; code: string } | null;
  publishedBy: string | null;
  publishedByName: string;
  proposedNational: boolean;
}

const toDto = (r: FaqRow): FaqEntry => ({
  id: r.id,
  campaignYear: r.campaign_year,
  level: r.level,
  regionCode: r.region_code,
  regionName: r.region_code ? (findRegion(r.region_code)?.name ?? r.region_code) : null,
  question: r.question,
  answer: r.answer,
  itemCode: r.item_code,
  indicatorCode: r.indicator_code,
  categoryCode: r.category_code,
  proposedNational: r.proposed_national,
  publishedAt: new Date(r.published_at).toISOString(),
  authorityName:
    r.level === 'NATIONAL' && !r.authority_kind
      ? 'Administration nationale'
      : r.authority_kind && r.authority_code
        ? authorityName(r.authority_kind, r.authority_code)
        : 'Administration nationale',
  version: r.version,
  canWithdraw: false,
  authority: r.authority_kind && r.authority_code ? { kind: r.authority_kind, code: r.authority_code } : null,
});

const COLUMNS = `f.id, f.campaign_year, f.level, f.region_code, f.question, f.answer, f.item_code, f.indicator_code,
  f.category_code, f.proposed_national, f.published_at, f.authority_kind, f.authority_code, f.version`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SQL condition "FAQ entry readable" on alias `f`: the national FAQ, and the regional FAQs of
 * the reader's authorities and of the regions of its structures (read from the registry).
 */
function reachCondition(reach: FaqReach): { sql: string; parameters: Record<string, unknown> } {
  if (reach.all) return { sql: 'TRUE', parameters: {} };
  const clauses = [`f.region_code IS NULL`];
  const parameters: Record<string, unknown> = {};
  if (reach.regions.length > 0) {
    clauses.push(`f.region_code IN (:...faqRegions)`);
    parameters['faqRegions'] = reach.regions;
  }
  if (reach.structures.length > 0 || reach.ogs.length > 0) {
    const own: string[] = [];
    if (reach.structures.length > 0) {
      own.push(`rs.finess IN (:...faqStructures)`);
      parameters['faqStructures'] = reach.structures;
    }
    if (reach.ogs.length > 0) {
      own.push(`rs.og_finess IN (:...faqOgs)`);
      parameters['faqOgs'] = reach.ogs;
    }
    clauses.push(`f.region_code IN (SELECT rs.region_code FROM structures rs WHERE ${own.join(' OR ')})`);
  }
  return { sql: `(${clauses.join(' OR ')})`, parameters };
}

/** `faq_entries`: the regional and national FAQ made of anonymised answers. */
@Injectable()
export class FaqRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, entry: FaqInput): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO faq_entries (campaign_year, level, region_code, question, answer, item_code, indicator_code,
                                category_code, search_text, source_question_id, authority_kind, authority_code,
                                published_by, published_by_name, proposed_national, national_published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
               CASE WHEN $2 = 'NATIONAL' THEN now() END)
       RETURNING id`,
      [
        entry.year,
        entry.level,
        entry.regionCode,
        entry.question,
        entry.answer,
        entry.itemCode,
        entry.indicatorCode,
        entry.categoryCode,
        toSearchText(entry.question, entry.answer),
        entry.sourceQuestionId,
        entry.authority?.kind ?? null,
        entry.authority?.code ?? null,
        entry.publishedBy,
        entry.publishedByName,
        entry.proposedNational,
      ],
    );
    return (rows[0] as { id: string }).id;
  }

  /** Replaces the text of the entry made of a question (published again from its thread). */
  async replace(manager: EntityManager, id: string, entry: FaqInput): Promise<void> {
    await manager.query(
      `UPDATE faq_entries SET question = $2, answer = $3, search_text = $4, item_code = $5, indicator_code = $6,
              proposed_national = proposed_national OR $7, published_by = $8, published_by_name = $9, published_at = now(),
              version = version + 1
        WHERE id = $1`,
      [
        id,
        entry.question,
        entry.answer,
        toSearchText(entry.question, entry.answer),
        entry.itemCode,
        entry.indicatorCode,
        entry.proposedNational,
        entry.publishedBy,
        entry.publishedByName,
      ],
    );
  }

  async one(manager: EntityManager, year: number, id: string, lock = false): Promise<FaqEntry | null> {
    if (!UUID.test(id)) return null;
    const rows: FaqRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM faq_entries f WHERE f.id = $1 AND f.campaign_year = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, year],
    );
    return rows[0] ? toDto(rows[0]) : null;
  }

  async publishNationally(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE faq_entries SET level = 'NATIONAL', region_code = NULL, proposed_national = false,
              national_published_at = now(), version = version + 1 WHERE id = $1`,
      [id],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM faq_entries WHERE id = $1`, [id]);
  }

  /** The FAQ entries a reader reaches, searched by words found in any order, accents ignored. */
  async list(year: number, reach: FaqReach, filters: FaqFilters, limit: number): Promise<FaqEntry[]> {
    const { sql, parameters } = this.where(year, reach, filters);
    const rows = await namedQuery<FaqRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM faq_entries f WHERE ${sql}
        ORDER BY (f.level = 'NATIONAL') DESC, f.published_at DESC, f.id LIMIT :limit`,
      { ...parameters, limit },
    );
    return rows.map(toDto);
  }

  async summary(year: number, reach: FaqReach): Promise<FaqSummary> {
    const { sql, parameters } = this.where(year, reach, {});
    const rows = await namedQuery<{ item_code: string | null; indicator_code: string | null; n: number }>(
      this.dataSource,
      `SELECT f.item_code, f.indicator_code, count(*)::int AS n FROM faq_entries f WHERE ${sql}
        GROUP BY f.item_code, f.indicator_code`,
      parameters,
    );
    const summary: FaqSummary = { total: 0, byItem: {}, byIndicator: {} };
    for (const r of rows) {
      summary.total += r.n;
      if (r.item_code) summary.byItem[r.item_code] = (summary.byItem[r.item_code] ?? 0) + r.n;
      if (r.indicator_code)
        summary.byIndicator[r.indicator_code] = (summary.byIndicator[r.indicator_code] ?? 0) + r.n;
    }
    return summary;
  }

  private where(
    year: number,
    reach: FaqReach,
    filters: FaqFilters,
  ): { sql: string; parameters: Record<string, unknown> } {
    const scope = reachCondition(reach);
    const where = [`f.campaign_year = :year`, scope.sql];
    const parameters: Record<string, unknown> = { ...scope.parameters, year };
    const words = toSearchText(filters.q ?? '')
      .split(' ')
      .filter((w) => w !== '');
    if ((filters.q ?? '').trim() !== '' && words.length === 0) where.push('FALSE');
    words.slice(0, 10).forEach((word, i) => {
      where.push(`f.search_text LIKE :faqWord${i}`);
      parameters[`faqWord${i}`] = containsPattern(word);
    });
    if (filters.item) {
      where.push(`f.item_code = :item`);
      parameters['item'] = filters.item;
    }
    if (filters.indicator) {
      where.push(`f.indicator_code = :indicator`);
      parameters['indicator'] = filters.indicator;
    }
    if (filters.proposed) where.push(`f.proposed_national AND f.level = 'REGION'`);
    return { sql: where.join(' AND '), parameters };
  }
}
