import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { CompetenceCode, Paginated, StructureSummary } from '@tdb/contracts';
import { structureSearchCondition } from '../../common/text/search-condition';
import { namedQuery } from '../../database/named-query';
import type { SearchStructuresQuery } from './dto/search-structures.query';
import { Structure } from './structure.entity';
import { toStructureSummary } from './structure.mapper';

interface SummaryRow {
  finess: string;
  name: string;
  category_code: string;
  finess_category_code: string;
  department_code: string;
  region_code: string;
  competence: CompetenceCode;
  city: string | null;
  og_finess: string;
  og_name: string | null;
  total: string;
}

const SORT_COLUMNS: Record<string, string[]> = {
  // search_text starts with the name without accents: a French-friendly order on every server collation.
  name: ['s.search_text', 's.finess'],
  finess: ['s.finess'],
  category: ['s.category_code', 's.search_text'],
  department: ['s.department_code', 's.search_text'],
};

/**
 * The registry's search (one scoped, filtered, sorted page of structures with their OG's name),
 * and a structure locked for a write.
 */
@Injectable()
export class StructuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One round trip: the page of matching structures with the total (window count), then the OG
   * names joined on that page only (joining before the sort costs more than the search itself).
   */
  async search(
    scope: { sql: string; parameters: Record<string, unknown> },
    query: SearchStructuresQuery,
  ): Promise<Paginated<StructureSummary>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const inner = this.dataSource
      .createQueryBuilder()
      .from(Structure, 's')
      .select([
        's.finess AS finess',
        's.name AS name',
        's.category_code AS category_code',
        's.finess_category_code AS finess_category_code',
        's.department_code AS department_code',
        's.region_code AS region_code',
        's.competence AS competence',
        's.city AS city',
        's.og_finess AS og_finess',
        's.search_text AS search_text',
        'count(*) OVER () AS total',
      ]);
    // The caller's scope is part of the query: nothing outside it is ever read.
    inner.where(scope.sql, scope.parameters);
    this.applyFilters(inner, query);
    const sort = query.sort ?? 'name';
    const descending = sort.startsWith('-');
    const columns = SORT_COLUMNS[descending ? sort.slice(1) : sort] ?? SORT_COLUMNS['name']!;
    const orderBy = (alias: string) =>
      columns
        .map(
          (column, index) =>
            `${column.replace('s.', `${alias}.`)} ${index === 0 && descending ? 'DESC' : 'ASC'}`,
        )
        .join(', ');
    columns.forEach((column, index) =>
      index === 0 ? inner.orderBy(column, descending ? 'DESC' : 'ASC') : inner.addOrderBy(column, 'ASC'),
    );
    inner.offset((page - 1) * pageSize).limit(pageSize);
    const [innerSql, parameters] = inner.getQueryAndParameters();
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT p.*, og.name AS og_name FROM (${innerSql}) p
         LEFT JOIN managing_organisations og ON og.finess = p.og_finess
        ORDER BY ${orderBy('p')}`,
      parameters,
    );
    // Past the last page the window count is absent: count separately (rare).
    const total =
      rows.length > 0 || page === 1
        ? Number(rows[0]?.total ?? 0)
        : await inner.clone().orderBy().offset(undefined).limit(undefined).getCount();
    return {
      items: rows.map((row) =>
        toStructureSummary(
          {
            finess: row.finess,
            name: row.name,
            categoryCode: row.category_code,
            finessCategoryCode: row.finess_category_code,
            departmentCode: row.department_code,
            regionCode: row.region_code,
            competence: row.competence,
            city: row.city,
            ogFiness: row.og_finess,
          },
          row.og_name,
        ),
      ),
      total,
      page,
      pageSize,
    };
  }

  /** The structure, locked until the end of the caller's transaction, or null. */
  lockForUpdate(manager: EntityManager, finess: string): Promise<Structure | null> {
    return manager
      .getRepository(Structure)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.finess = :finess', { finess })
      .getOne();
  }

  /**
   * Whom a category correction informs, by audience: the APRs and controllers in force today of the
   * given authorities of the structure's territory, and the APEs of the structure and of its OG.
   * Active accounts, lower-cased addresses, each once per audience.
   */
  async correctionRecipients(
    manager: EntityManager,
    structure: { finess: string; ogFiness: string; regionCode: string; departmentCode: string },
    authorities: readonly ('ARS' | 'CD')[],
    today: string,
  ): Promise<{ audience: 'ARS' | 'CD' | 'STRUCTURE'; email: string }[]> {
    return namedQuery(
      manager,
      `SELECT DISTINCT CASE WHEN g.role = 'APE' THEN 'STRUCTURE' ELSE g.organisation_kind END AS audience,
              lower(a.email) AS email
         FROM grants g
         JOIN accounts a ON a.id = g.account_id AND a.status = 'ACTIVE'
        WHERE (g.valid_from IS NULL OR g.valid_from <= :today)
          AND (g.valid_until IS NULL OR g.valid_until >= :today)
          AND ((g.role IN ('APR', 'CONTROLLER')
                AND ((g.organisation_kind = 'ARS' AND :informArs AND g.organisation_code = :region)
                  OR (g.organisation_kind = 'CD' AND :informCd AND g.organisation_code = :department)))
            OR (g.role = 'APE'
                AND ((g.organisation_kind = 'ESMS' AND g.organisation_code = :finess)
                  OR (g.organisation_kind = 'OG' AND g.organisation_code = :og))))
        ORDER BY audience, email`,
      {
        today,
        informArs: authorities.includes('ARS'),
        informCd: authorities.includes('CD'),
        region: structure.regionCode,
        department: structure.departmentCode,
        finess: structure.finess,
        og: structure.ogFiness,
      },
    );
  }

  private applyFilters(builder: SelectQueryBuilder<ObjectLiteral>, query: SearchStructuresQuery): void {
    const search = structureSearchCondition(query.q);
    if (search) builder.andWhere(search.sql, search.parameters);
    if (query.finess) builder.andWhere('s.finess = :finess', { finess: query.finess });
    if (query.category?.length)
      builder.andWhere('s.category_code IN (:...categories)', { categories: query.category });
    if (query.department?.length)
      builder.andWhere('s.department_code IN (:...departments)', { departments: query.department });
    if (query.region?.length) builder.andWhere('s.region_code IN (:...regions)', { regions: query.region });
    if (query.og) builder.andWhere('s.og_finess = :og', { og: query.og });
    if (query.competence?.length)
      builder.andWhere('s.competence IN (:...competences)', { competences: query.competence });
  }
}
