import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { StructureFacts } from '@tdb/access';
import type {
  CompetenceCode,
  OrganisationDetail,
  Paginated,
  StructureDetail,
  StructureSummary,
} from '@tdb/contracts';
import { findCategory } from '@tdb/reference';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { toSearchText } from '../../common/text/search-text';
import type { CorrectCategoryDto } from './dto/correct-category.dto';
import type { SearchStructuresQuery } from './dto/search-structures.query';
import { ManagingOrganisation } from './managing-organisation.entity';
import { StructureHistory } from './structure-history.entity';
import { Structure } from './structure.entity';
import { toOrganisationSummary, toStructureDetail, toStructureSummary } from './structure.mapper';

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

const factsOf = (s: Structure): StructureFacts => ({
  finess: s.finess,
  ogFiness: s.ogFiness,
  departmentCode: s.departmentCode,
  regionCode: s.regionCode,
  competence: s.competence,
  categoryCode: s.categoryCode,
});

const FINESS_PATTERN = /^[0-9][0-9AB][0-9]{7}$/;

const SORT_COLUMNS: Record<string, string[]> = {
  // search_text starts with the name without accents: a French-friendly order on every server collation.
  name: ['s.search_text', 's.finess'],
  finess: ['s.finess'],
  category: ['s.category_code', 's.search_text'],
  department: ['s.department_code', 's.search_text'],
};

@Injectable()
export class StructuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /**
   * One round trip: the page of matching structures with the total (window count), then the OG
   * names joined on that page only (joining before the sort costs more than the search itself).
   */
  async search(
    actor: AuthenticatedActor,
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
    const scope = this.access.scopeCondition(this.access.listScope(actor, 'structure.read'), 's');
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

  private applyFilters(builder: SelectQueryBuilder<ObjectLiteral>, query: SearchStructuresQuery): void {
    const q = query.q?.trim() ?? '';
    if (q !== '') {
      const upper = q.toUpperCase().replace(/\s+/g, '');
      if (FINESS_PATTERN.test(upper)) {
        builder.andWhere('(s.finess = :qFiness OR s.og_finess = :qFiness)', { qFiness: upper });
      } else if (/^\d{3,8}$/.test(upper)) {
        builder.andWhere('s.finess LIKE :qPrefix', { qPrefix: `${upper}%` });
      } else {
        toSearchText(q)
          .split(' ')
          .filter((word) => word !== '')
          .forEach((word, index) =>
            builder.andWhere(`s.search_text LIKE :w${index}`, { [`w${index}`]: `%${word}%` }),
          );
      }
    }
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

  async findOne(actor: AuthenticatedActor, finess: string): Promise<StructureDetail> {
    const structure = await this.dataSource.getRepository(Structure).findOne({ where: { finess } });
    if (!structure) throw this.structureNotFound(finess);
    this.access.check(actor, { type: 'structure.read', structure: factsOf(structure) });
    return this.toDetail(structure);
  }

  async findOrganisation(actor: AuthenticatedActor, finess: string): Promise<OrganisationDetail> {
    const og = await this.dataSource.getRepository(ManagingOrganisation).findOne({ where: { finess } });
    if (!og) {
      throw new DomainError(
        'NOT_FOUND',
        `Aucun organisme gestionnaire n’a le numéro FINESS juridique ${finess}.`,
      );
    }
    const structures = await this.dataSource
      .getRepository(Structure)
      .find({ where: { ogFiness: finess }, order: { searchText: 'ASC', finess: 'ASC' } });
    this.access.check(actor, {
      type: 'organisation.read',
      organisation: { finess, structures: structures.map(factsOf) },
    });
    return {
      ...toOrganisationSummary(og, structures.length),
      legalStatus: og.legalStatusLabel,
      structures: structures.map((s) => toStructureSummary(s, og.name)),
    };
  }

  /**
   * Corrects a structure's category (e.g. a service recorded as SAVS that in fact is a SSIAD). The
   * correction wins over the FINESS category on later imports and is kept in the history.
   */
  async correctCategory(
    actor: AuthenticatedActor,
    finess: string,
    request: CorrectCategoryDto,
  ): Promise<StructureDetail> {
    const category = findCategory(request.categoryCode);
    if (!category) throw new DomainError('VALIDATION_FAILED', 'Catégorie inconnue.');
    const saved = await this.dataSource.transaction(async (manager) => {
      const structure = await manager
        .getRepository(Structure)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.finess = :finess', { finess })
        .getOne();
      if (!structure) throw this.structureNotFound(finess);
      this.access.check(actor, {
        type: 'structure.correctCategory',
        structure: factsOf(structure),
        newCategoryCode: category.code,
      });
      if (structure.version !== request.version) {
        throw new DomainError(
          'STALE_VERSION',
          'Cette structure a été modifiée entre-temps par quelqu’un d’autre : rechargez la page pour voir sa catégorie actuelle, puis recommencez.',
          undefined,
          `Stale version for structure ${finess}: got ${request.version}, current ${structure.version}`,
          { current: { categoryCode: structure.categoryCode, version: structure.version } },
        );
      }
      if (structure.categoryCode === category.code) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `La structure est déjà dans la catégorie ${category.shortLabel}.`,
        );
      }
      const changes = {
        categoryCode: { from: structure.categoryCode, to: category.code },
        ...(structure.competence !== category.competence
          ? { competence: { from: structure.competence, to: category.competence } }
          : {}),
      };
      structure.categoryCode = category.code;
      structure.competence = category.competence;
      structure.categoryCorrected = true;
      const updated = await manager.getRepository(Structure).save(structure);
      await manager.getRepository(StructureHistory).insert({
        structureFiness: finess,
        actor: actor.email,
        kind: 'CATEGORY_CORRECTED',
        reason: request.reason.trim(),
        changes,
        importId: null,
      });
      return updated;
    });
    return this.toDetail(saved);
  }

  private async toDetail(structure: Structure): Promise<StructureDetail> {
    const [og, ogStructureCount, history] = await Promise.all([
      this.dataSource
        .getRepository(ManagingOrganisation)
        .findOneOrFail({ where: { finess: structure.ogFiness } }),
      this.dataSource.getRepository(Structure).count({ where: { ogFiness: structure.ogFiness } }),
      this.dataSource
        .getRepository(StructureHistory)
        .find({ where: { structureFiness: structure.finess }, order: { at: 'DESC', id: 'DESC' }, take: 100 }),
    ]);
    return toStructureDetail(structure, og, ogStructureCount, history);
  }

  private structureNotFound(finess: string): DomainError {
    return new DomainError('NOT_FOUND', `Aucune structure n’a le numéro FINESS ${finess}.`);
  }
}
