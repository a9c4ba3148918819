import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthorityKind, Scope } from '@tdb/access';
import type {
  OrganisationRestitution,
  TerritoryMap,
  TerritoryMedian,
  TerritoryScatter,
  TerritoryTable,
  TerritoryTableIndicator,
  TerritoryTableRow,
} from '@tdb/contracts';
import type { IndicatorDefinition } from '@tdb/indicators';
import {
  DEPARTMENTS,
  REGIONS,
  departmentsOfRegion,
  findCategory,
  findDepartment,
  findRegion,
} from '@tdb/reference';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { namedQuery } from '../../database/named-query';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import { decilePosition } from './deciles';

/** Rows of one page of the table, at most. */
export const MAX_PAGE_SIZE = 500;
/** Rows of the XLSX table, at most (a whole country of one category fits). */
export const MAX_XLSX_ROWS = 50_000;
/** Indicators of one table, at most. */
export const MAX_TABLE_INDICATORS = 20;

export interface TableQuery {
  indicators?: string;
  category?: string;
  department?: string;
  page?: string;
  pageSize?: string;
  sort?: string;
}

export interface ScatterQuery {
  x?: string;
  y?: string;
  category?: string;
  department?: string;
  region?: string;
  highlight?: string;
}

/** One category of a territorial report: per indicator, the territory's and the nation's figures. */
export interface TerritoryReportCategory {
  categoryCode: string;
  categoryLabel: string;
  indicators: {
    code: string;
    label: string;
    unit: string;
    territory: {
      suppressed: boolean;
      n: number | null;
      median: number | null;
      d1: number | null;
      d9: number | null;
    } | null;
    nationalMedian: number | null;
  }[];
  /** The departments of the territory coloured by the median of the category's headline indicator. */
  map: {
    indicatorCode: string;
    indicatorLabel: string;
    unit: string;
    departments: { code: string; name: string; median: number | null; suppressed: boolean }[];
  } | null;
  outliers: {
    finess: string;
    name: string;
    code: string;
    label: string;
    unit: string;
    value: number;
    d1: number;
    d9: number;
    side: 'below' | 'above';
  }[];
}

export interface TerritoryReport {
  campaignYear: number;
  kind: AuthorityKind;
  code: string;
  territoryName: string;
  computedAt: string | null;
  categories: TerritoryReportCategory[];
}

interface StoredDistribution {
  category_code: string;
  level: 'NATION' | 'REGION' | 'DEPARTMENT';
  territory_code: string;
  indicator_code: string;
  suppressed: boolean;
  n: number | null;
  median: number | null;
  deciles: number[] | null;
  computed_at?: string;
}

type Definition = IndicatorDefinition;

const STATUSES_IN_PEERS = `('VALIDATED', 'CONFIRMED')`;

/** The median of a list of numbers (linear interpolation, as percentile_cont(0.5)). */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)]!;
  const high = sorted[Math.ceil(middle)]!;
  return low + (high - low) * (middle - Math.floor(middle));
}

const describe = (d: Definition): TerritoryTableIndicator => ({
  code: d.code,
  label: d.label,
  unit: d.unit,
  direction: d.direction,
});

const appliesTo = (d: Definition, category: string) =>
  d.categories === 'ALL' || d.categories.includes(category);

/** Who sees aggregated maps and scatter plots: authorities (ARS, CD) and national. */
function isAuthorityOrNational(scope: Scope): boolean {
  return scope.all || scope.authorities.length > 0;
}

/**
 * Territorial restitutions for ARS, Départements and organismes gestionnaires (issue 7 §3). Raw
 * values of structures are read only within the caller's scope (SQL condition of AccessService);
 * aggregated figures come from the stored distributions, suppressed groups never carrying a figure.
 */
@Injectable()
export class TerritoryRestitutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly indicators: DerivedRules,
  ) {}

  /** The campaign's indicators with one value per structure (shares have no decile). */
  private async definitions(year: number): Promise<Definition[]> {
    const campaign = await this.campaigns.row(year);
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
    return this.indicators.definitionsFor(dictionary).indicators.filter((d) => d.kind !== 'distribution');
  }

  private pick(definitions: Definition[], code: string | undefined, parameter: string): Definition {
    const found = code ? definitions.find((d) => d.code === code.trim().toUpperCase()) : undefined;
    if (!found) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `« ${code ?? ''} » n’est pas un indicateur restituable de la campagne (paramètre « ${parameter} », par exemple P15).`,
      );
    }
    return found;
  }

  private category(code: string | undefined, required: boolean): string | undefined {
    if (!code) {
      if (required) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'Le paramètre « category » est obligatoire (par exemple EHPAD).',
        );
      }
      return undefined;
    }
    const category = findCategory(code.trim().toUpperCase());
    if (!category) throw new DomainError('VALIDATION_FAILED', `« ${code} » n’est pas une catégorie du TDB.`);
    return category.code;
  }

  private department(code: string | undefined): string | undefined {
    if (!code) return undefined;
    const department = findDepartment(code.trim().toUpperCase());
    if (!department)
      throw new DomainError('VALIDATION_FAILED', `« ${code} » n’est pas un code de département.`);
    return department.code;
  }

  private region(code: string | undefined): string | undefined {
    if (!code) return undefined;
    const region = findRegion(code.trim());
    if (!region) throw new DomainError('VALIDATION_FAILED', `« ${code} » n’est pas un code de région.`);
    return region.code;
  }

  private distributionsOf(
    year: number,
    codes: string[],
    categories: string[],
    where: string,
    extra: unknown[] = [],
  ): Promise<StoredDistribution[]> {
    if (codes.length === 0 || categories.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT category_code, level, territory_code, indicator_code, suppressed, n, median, deciles, computed_at
         FROM distributions
        WHERE campaign_year = $1 AND indicator_code = ANY ($2::text[]) AND category_code = ANY ($3::text[])
          AND (${where})`,
      [year, codes, categories, ...extra],
    );
  }

  // -------------------------------------------------------------------------------------------
  // 1. The table of the structures in scope.

  async table(
    actor: AuthenticatedActor,
    year: number,
    query: TableQuery,
    options: { all?: boolean } = {},
  ): Promise<TerritoryTable> {
    this.access.check(actor, { type: 'campaign.read' });
    const definitions = await this.definitions(year);
    const requested = (query.indicators ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c.length > 0);
    if (requested.length === 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Choisissez au moins un indicateur (paramètre « indicators », par exemple P15,R04).',
      );
    }
    if (requested.length > MAX_TABLE_INDICATORS) {
      throw new DomainError('VALIDATION_FAILED', `Au plus ${MAX_TABLE_INDICATORS} indicateurs à la fois.`);
    }
    const chosen = [...new Map(requested.map((c) => [c, this.pick(definitions, c, 'indicators')])).values()];
    const codes = [...new Set(chosen.map((d) => d.code))];
    const category = this.category(query.category, false);
    const department = this.department(query.department);
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const pageSize = options.all
      ? MAX_XLSX_ROWS
      : Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(query.pageSize ?? '50', 10) || 50));
    const sortRaw = (query.sort ?? '').trim();
    const descending = sortRaw.startsWith('-');
    const sortKey = (descending ? sortRaw.slice(1) : sortRaw).toUpperCase();
    let orderBy: string;
    const parameters: Record<string, unknown> = { year };
    if (sortKey === '' || sortKey === 'NAME') {
      orderBy = `s.name ${descending ? 'DESC' : 'ASC'}, s.finess`;
    } else if (sortKey === 'FINESS') {
      orderBy = `s.finess ${descending ? 'DESC' : 'ASC'}`;
    } else if (codes.includes(sortKey)) {
      parameters['sortCode'] = sortKey;
      orderBy = `(SELECT iv.value FROM indicator_values iv
                   WHERE iv.campaign_year = :year AND iv.finess = s.finess AND iv.indicator_code = :sortCode
                     AND iv.details IS NULL) ${descending ? 'DESC' : 'ASC'} NULLS LAST, s.finess`;
    } else {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Tri impossible sur « ${sortRaw} » : un des indicateurs choisis (« -» devant pour l’ordre décroissant), « name » ou « finess ».`,
      );
    }
    const scope = this.access.scopeCondition(this.access.scope(actor), 's');
    Object.assign(parameters, scope.parameters, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const filters: string[] = [];
    if (category) {
      filters.push('s.category_code = :category');
      parameters['category'] = category;
    }
    if (department) {
      filters.push('s.department_code = :department');
      parameters['department'] = department;
    }
    const heads = await namedQuery<{
      finess: string;
      name: string;
      category_code: string;
      department_code: string;
      region_code: string;
      status: string;
      total: string | number;
    }>(
      this.dataSource,
      `SELECT s.finess, s.name, s.category_code, s.department_code, s.region_code, sub.status,
              count(*) OVER () AS total
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
        WHERE sub.in_scope AND ${scope.sql}${filters.map((f) => ` AND ${f}`).join('')}
        ORDER BY ${orderBy}
        LIMIT :limit OFFSET :offset`,
      parameters,
    );
    const total = heads[0] ? Number(heads[0].total) : 0;
    const values: { finess: string; indicator_code: string; value: number | null }[] =
      heads.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT finess, indicator_code, value FROM indicator_values
              WHERE campaign_year = $1 AND finess = ANY ($2::text[]) AND indicator_code = ANY ($3::text[])
                AND details IS NULL`,
            [year, heads.map((h) => h.finess), codes],
          );
    const distributions = await this.distributionsOf(
      year,
      codes,
      [...new Set(heads.map((h) => h.category_code))],
      `level = 'NATION' OR (level = 'REGION' AND territory_code = ANY ($4::text[]))`,
      [[...new Set(heads.map((h) => h.region_code))]],
    );
    const deciles = new Map(
      distributions
        .filter((d) => !d.suppressed && d.deciles)
        .map((d) => [`${d.category_code}/${d.level}/${d.territory_code}/${d.indicator_code}`, d.deciles]),
    );
    const valueOf = new Map(values.map((v) => [`${v.finess}/${v.indicator_code}`, v.value]));
    const rows: TerritoryTableRow[] = heads.map((h) => ({
      finess: h.finess,
      name: h.name,
      categoryCode: h.category_code,
      departmentCode: h.department_code,
      regionCode: h.region_code,
      submissionStatus: h.status,
      values: Object.fromEntries(
        codes.map((code) => {
          const value = valueOf.get(`${h.finess}/${code}`) ?? null;
          return [
            code,
            {
              value,
              nationalDecile: decilePosition(
                value,
                deciles.get(`${h.category_code}/NATION/FR/${code}`) ?? null,
              ),
              regionalDecile: decilePosition(
                value,
                deciles.get(`${h.category_code}/REGION/${h.region_code}/${code}`) ?? null,
              ),
            },
          ];
        }),
      ),
    }));
    return {
      campaignYear: year,
      indicators: codes.map((c) => describe(chosen.find((d) => d.code === c)!)),
      total,
      page,
      pageSize,
      sort: sortRaw || 'name',
      rows,
    };
  }

  // -------------------------------------------------------------------------------------------
  // 2. The map of the departmental medians.

  async map(
    actor: AuthenticatedActor,
    year: number,
    indicatorCode: string | undefined,
    categoryCode: string | undefined,
  ): Promise<TerritoryMap> {
    this.access.check(actor, { type: 'campaign.read' });
    const scope = this.access.scope(actor);
    if (!isAuthorityOrNational(scope)) {
      throw new DomainError(
        'FORBIDDEN',
        'La carte des médianes départementales est réservée aux ARS, aux Départements et à l’administration nationale.',
      );
    }
    const definitions = await this.definitions(year);
    const indicator = this.pick(definitions, indicatorCode, 'indicator');
    const category = this.category(categoryCode, true)!;
    if (!appliesTo(indicator, category)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `L’indicateur ${indicator.code} ne concerne pas la catégorie ${category}.`,
      );
    }
    const departments = new Map<string, { code: string; name: string; regionCode: string }>();
    const regions = new Map<string, { code: string; name: string }>();
    if (scope.all) {
      for (const r of REGIONS) regions.set(r.code, r);
      for (const d of DEPARTMENTS) departments.set(d.code, d);
    } else {
      for (const a of scope.authorities) {
        if (a.kind === 'ARS') {
          const region = findRegion(a.code);
          if (region) regions.set(region.code, region);
          for (const d of departmentsOfRegion(a.code)) departments.set(d.code, d);
        } else {
          const department = findDepartment(a.code);
          if (!department) continue;
          departments.set(department.code, department);
          const region = findRegion(department.regionCode);
          if (region) regions.set(region.code, region);
        }
      }
    }
    const stored = await this.distributionsOf(year, [indicator.code], [category], 'TRUE');
    const find = (level: StoredDistribution['level'], code: string) =>
      stored.find((d) => d.level === level && d.territory_code === code);
    const median = (level: StoredDistribution['level'], code: string, name: string): TerritoryMedian => {
      const d = find(level, code);
      if (!d) return { code, name, status: 'NO_DATA', suppressed: false, n: null, median: null };
      if (d.suppressed) return { code, name, status: 'SUPPRESSED', suppressed: true, n: null, median: null };
      return { code, name, status: 'OK', suppressed: false, n: d.n, median: d.median };
    };
    const collator = new Intl.Collator('fr', { numeric: true });
    return {
      campaignYear: year,
      indicator: describe(indicator),
      categoryCode: category,
      national: median('NATION', 'FR', 'France'),
      regions: [...regions.values()]
        .sort((a, b) => collator.compare(a.code, b.code))
        .map((r) => median('REGION', r.code, r.name)),
      departments: [...departments.values()]
        .sort((a, b) => collator.compare(a.code, b.code))
        .map((d) => ({ ...median('DEPARTMENT', d.code, d.name), regionCode: d.regionCode })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // 3. The scatter plot of two indicators.

  async scatter(actor: AuthenticatedActor, year: number, query: ScatterQuery): Promise<TerritoryScatter> {
    this.access.check(actor, { type: 'campaign.read' });
    const scope = this.access.scope(actor);
    if (!isAuthorityOrNational(scope)) {
      throw new DomainError(
        'FORBIDDEN',
        'Le nuage de points est réservé aux ARS, aux Départements et à l’administration nationale.',
      );
    }
    const definitions = await this.definitions(year);
    const x = this.pick(definitions, query.x, 'x');
    const y = this.pick(definitions, query.y, 'y');
    const category = this.category(query.category, true)!;
    for (const d of [x, y]) {
      if (!appliesTo(d, category)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `L’indicateur ${d.code} ne concerne pas la catégorie ${category}.`,
        );
      }
    }
    const department = this.department(query.department);
    const region = this.region(query.region);
    const condition = this.access.scopeCondition(scope, 's');
    const parameters: Record<string, unknown> = {
      ...condition.parameters,
      year,
      category,
      x: x.code,
      y: y.code,
    };
    let filters = '';
    if (department) {
      filters += ' AND s.department_code = :department';
      parameters['department'] = department;
    }
    if (region) {
      filters += ' AND s.region_code = :region';
      parameters['region'] = region;
    }
    const rows = await namedQuery<{ finess: string; name: string; x: number; y: number }>(
      this.dataSource,
      `SELECT s.finess, s.name, vx.value AS x, vy.value AS y
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
         JOIN indicator_values vx ON vx.campaign_year = :year AND vx.finess = s.finess AND vx.indicator_code = :x
         JOIN indicator_values vy ON vy.campaign_year = :year AND vy.finess = s.finess AND vy.indicator_code = :y
        WHERE ${condition.sql} AND s.category_code = :category${filters}
          AND sub.in_scope AND sub.status IN ${STATUSES_IN_PEERS}
          AND vx.value IS NOT NULL AND vy.value IS NOT NULL AND vx.details IS NULL AND vy.details IS NULL
        ORDER BY s.finess`,
      parameters,
    );
    const highlight = query.highlight?.trim().toUpperCase();
    const national = await this.distributionsOf(year, [x.code, y.code], [category], `level = 'NATION'`);
    const nationalMedian = (code: string) => {
      const d = national.find((n) => n.indicator_code === code);
      return d && !d.suppressed ? d.median : null;
    };
    return {
      campaignYear: year,
      categoryCode: category,
      x: describe(x),
      y: describe(y),
      points: rows.map((r) => ({
        finess: r.finess,
        name: r.name,
        x: r.x,
        y: r.y,
        highlighted: !!highlight && r.finess === highlight,
      })),
      medians: { x: medianOf(rows.map((r) => r.x)), y: medianOf(rows.map((r) => r.y)) },
      nationalMedians: { x: nationalMedian(x.code), y: nationalMedian(y.code) },
    };
  }

  // -------------------------------------------------------------------------------------------
  // 4. The consolidated view of an organisme gestionnaire.

  async organisation(
    actor: AuthenticatedActor,
    year: number,
    ogFiness: string,
  ): Promise<OrganisationRestitution> {
    const facts = await this.access.organisationFacts(ogFiness);
    if (!facts) throw new DomainError('NOT_FOUND', `Aucun organisme gestionnaire ${ogFiness}.`);
    this.access.check(actor, { type: 'organisation.read', organisation: facts });
    const definitions = await this.definitions(year);
    const condition = this.access.scopeCondition(this.access.scope(actor), 's');
    const heads = await namedQuery<{
      finess: string;
      name: string;
      category_code: string;
      department_code: string;
      status: string;
      og_name: string | null;
    }>(
      this.dataSource,
      `SELECT s.finess, s.name, s.category_code, s.department_code, sub.status, og.name AS og_name
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
         LEFT JOIN managing_organisations og ON og.finess = s.og_finess
        WHERE s.og_finess = :og AND sub.in_scope AND ${condition.sql}
        ORDER BY s.name, s.finess`,
      { ...condition.parameters, year, og: ogFiness },
    );
    const [ogRow]: { name: string | null }[] = await this.dataSource.query(
      `SELECT name FROM managing_organisations WHERE finess = $1`,
      [ogFiness],
    );
    const categories = [...new Set(heads.map((h) => h.category_code))];
    const relevant = definitions.filter((d) => categories.some((c) => appliesTo(d, c)));
    const codes = relevant.map((d) => d.code);
    const values: { finess: string; indicator_code: string; value: number | null }[] =
      heads.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT finess, indicator_code, value FROM indicator_values
              WHERE campaign_year = $1 AND finess = ANY ($2::text[]) AND indicator_code = ANY ($3::text[])
                AND details IS NULL`,
            [year, heads.map((h) => h.finess), codes],
          );
    const national = await this.distributionsOf(year, codes, categories, `level = 'NATION'`);
    const deciles = new Map(
      national
        .filter((d) => !d.suppressed && d.deciles)
        .map((d) => [`${d.category_code}/${d.indicator_code}`, d.deciles]),
    );
    const valueOf = new Map(values.map((v) => [`${v.finess}/${v.indicator_code}`, v.value]));
    const structures = heads.map((h) => ({
      finess: h.finess,
      name: h.name,
      categoryCode: h.category_code,
      departmentCode: h.department_code,
      submissionStatus: h.status,
      values: Object.fromEntries(
        relevant
          .filter((d) => appliesTo(d, h.category_code))
          .map((d) => {
            const value = valueOf.get(`${h.finess}/${d.code}`) ?? null;
            return [
              d.code,
              {
                value,
                nationalDecile: decilePosition(value, deciles.get(`${h.category_code}/${d.code}`) ?? null),
              },
            ];
          }),
      ),
    }));
    const peers = structures.filter(
      (s) => s.submissionStatus === 'VALIDATED' || s.submissionStatus === 'CONFIRMED',
    );
    const medians = Object.fromEntries(
      codes.map((code) => {
        const list = peers
          .map((s) => s.values[code]?.value)
          .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        return [code, { n: list.length, median: medianOf(list) }];
      }),
    );
    return {
      campaignYear: year,
      finess: ogFiness,
      name: ogRow?.name ?? null,
      indicators: relevant.map(describe),
      structures,
      medians,
    };
  }

  // -------------------------------------------------------------------------------------------
  // 5. The territorial report (data; the PDF is drawn by TerritoryReportPdfService).

  async report(
    actor: AuthenticatedActor,
    year: number,
    kindRaw: string | undefined,
    codeRaw: string | undefined,
  ): Promise<TerritoryReport> {
    const kind = kindRaw?.trim().toUpperCase();
    if (kind !== 'ARS' && kind !== 'CD') {
      throw new DomainError('VALIDATION_FAILED', 'Le paramètre « kind » vaut ARS ou CD.');
    }
    const code = (codeRaw ?? '').trim().toUpperCase();
    const territory = kind === 'ARS' ? findRegion(code) : findDepartment(code);
    if (!territory) {
      throw new DomainError(
        'VALIDATION_FAILED',
        kind === 'ARS'
          ? `« ${codeRaw ?? ''} » n’est pas un code de région (paramètre « code », par exemple 24).`
          : `« ${codeRaw ?? ''} » n’est pas un code de département (paramètre « code », par exemple 45).`,
      );
    }
    const scope = this.access.scope(actor);
    if (!scope.all && !scope.authorities.some((a) => a.kind === kind && a.code === territory.code)) {
      throw new DomainError(
        'FORBIDDEN',
        kind === 'ARS'
          ? `Le rapport territorial de la région ${territory.code} est réservé à son ARS et à l’administration nationale.`
          : `Le rapport territorial du département ${territory.code} est réservé à son Département et à l’administration nationale.`,
      );
    }
    const definitions = await this.definitions(year);
    // The authority's own territory and competence, whatever the caller's other grants.
    const own = this.access.scopeCondition(
      { all: false, authorities: [{ kind, code: territory.code, role: 'READER' }], ogs: [], structures: [] },
      's',
    );
    const present = await namedQuery<{ category_code: string }>(
      this.dataSource,
      `SELECT DISTINCT s.category_code
         FROM structures s
         JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
        WHERE ${own.sql} AND sub.in_scope AND sub.status IN ${STATUSES_IN_PEERS}`,
      { ...own.parameters, year },
    );
    const categories = present.map((p) => p.category_code).sort();
    const codes = definitions.map((d) => d.code);
    const level = kind === 'ARS' ? 'REGION' : 'DEPARTMENT';
    const stored = await this.distributionsOf(
      year,
      codes,
      categories,
      `level = 'NATION' OR (level = $4 AND territory_code = $5)`,
      [level, territory.code],
    );
    const outliers =
      categories.length === 0
        ? []
        : await namedQuery<{
            finess: string;
            name: string;
            category_code: string;
            indicator_code: string;
            value: number;
            d1: number;
            d9: number;
          }>(
            this.dataSource,
            `SELECT s.finess, s.name, s.category_code, iv.indicator_code, iv.value,
                    d.deciles[1] AS d1, d.deciles[9] AS d9
               FROM structures s
               JOIN submissions sub ON sub.campaign_year = :year AND sub.finess = s.finess
               JOIN indicator_values iv ON iv.campaign_year = :year AND iv.finess = s.finess
               JOIN distributions d ON d.campaign_year = :year AND d.level = 'NATION' AND d.territory_code = 'FR'
                                   AND d.category_code = s.category_code AND d.indicator_code = iv.indicator_code
              WHERE ${own.sql} AND sub.in_scope AND sub.status IN ${STATUSES_IN_PEERS}
                AND NOT d.suppressed AND iv.value IS NOT NULL AND iv.details IS NULL
                AND iv.indicator_code IN (:...codes)
                AND (iv.value < d.deciles[1] OR iv.value > d.deciles[9])
              ORDER BY s.category_code, iv.indicator_code, s.name, s.finess`,
            { ...own.parameters, year, codes },
          );
    let computedAt: string | null = null;
    for (const d of stored) {
      const at = d.computed_at ? new Date(d.computed_at).toISOString() : null;
      if (at && (computedAt === null || at > computedAt)) computedAt = at;
    }
    // The map of each category: departmental medians of its headline indicator (occupancy first).
    const territoryDepartments =
      kind === 'ARS' ? departmentsOfRegion(territory.code) : [findDepartment(territory.code)!];
    const departmental = await this.distributionsOf(
      year,
      codes,
      categories,
      `level = 'DEPARTMENT' AND territory_code = ANY ($4::text[])`,
      [territoryDepartments.map((d) => d.code)],
    );
    const headline = (category: string) => {
      const applicable = definitions.filter((d) => appliesTo(d, category) && d.kind !== 'distribution');
      return applicable.find((d) => d.code === 'P15') ?? applicable[0] ?? null;
    };
    const mapOf = (category: string) => {
      const indicator = headline(category);
      if (!indicator) return null;
      return {
        indicatorCode: indicator.code,
        indicatorLabel: indicator.label,
        unit: indicator.unit,
        departments: territoryDepartments.map((department) => {
          const d = departmental.find(
            (x) =>
              x.category_code === category &&
              x.indicator_code === indicator.code &&
              x.territory_code === department.code,
          );
          return {
            code: department.code,
            name: department.name,
            median: d && !d.suppressed ? d.median : null,
            suppressed: d?.suppressed ?? false,
          };
        }),
      };
    };
    const find = (category: string, lvl: string, indicator: string) =>
      stored.find((d) => d.category_code === category && d.level === lvl && d.indicator_code === indicator);
    return {
      campaignYear: year,
      kind,
      code: territory.code,
      territoryName: territory.name,
      computedAt,
      categories: categories.map((category) => {
        const applicable = definitions.filter((d) => appliesTo(d, category));
        return {
          categoryCode: category,
          categoryLabel: findCategory(category)?.label ?? category,
          indicators: applicable
            .map((d) => {
              const local = find(category, level, d.code);
              const nation = find(category, 'NATION', d.code);
              return {
                code: d.code,
                label: d.label,
                unit: d.unit,
                territory: local
                  ? local.suppressed
                    ? { suppressed: true, n: null, median: null, d1: null, d9: null }
                    : {
                        suppressed: false,
                        n: local.n,
                        median: local.median,
                        d1: local.deciles?.[0] ?? null,
                        d9: local.deciles?.[8] ?? null,
                      }
                  : null,
                nationalMedian: nation && !nation.suppressed ? nation.median : null,
              };
            })
            .filter((i) => i.territory !== null || i.nationalMedian !== null),
          map: mapOf(category),
          outliers: outliers
            .filter((o) => o.category_code === category)
            .map((o) => {
              const d = applicable.find((a) => a.code === o.indicator_code);
              return {
                finess: o.finess,
                name: o.name,
                code: o.indicator_code,
                label: d?.label ?? o.indicator_code,
                unit: d?.unit ?? '',
                value: o.value,
                d1: o.d1,
                d9: o.d9,
                side: o.value < o.d1 ? ('below' as const) : ('above' as const),
              };
            }),
        };
      }),
    };
  }
}
