import { Injectable } from '@nestjs/common';
import type { TerritoryMap, TerritoryMedian, TerritoryTable, TerritoryTableRow } from '@tdb/contracts';
import { DEPARTMENTS, REGIONS, departmentsOfRegion, findDepartment, findRegion } from '@tdb/reference';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { decilePosition } from './deciles';

import {
  MAX_PAGE_SIZE,
  MAX_TABLE_INDICATORS,
  MAX_XLSX_ROWS,
  TerritoryInputs,
  describe,
  type TableQuery,
} from './territory-inputs';
import {
  TerritoryRepository,
  valueKey,
  type StoredDistribution,
  type TableSort,
} from './territory.repository';

/**
 * Territorial restitutions for ARS, Départements and organismes gestionnaires (issue 7 §3): the
 * table of the structures in scope and the map. Raw values of structures are read only within the
 * caller's scope (SQL condition of AccessService); aggregated figures come from the stored
 * distributions, suppressed groups never carrying a figure.
 */
@Injectable()
export class TerritoryRestitutionService {
  constructor(
    private readonly access: AccessService,
    private readonly inputs: TerritoryInputs,
    private readonly territory: TerritoryRepository,
  ) {}

  async table(
    actor: AuthenticatedActor,
    year: number,
    query: TableQuery,
    options: { all?: boolean } = {},
  ): Promise<TerritoryTable> {
    this.access.check(actor, { type: 'campaign.read' });
    const { calendar, definitions } = await this.inputs.campaign(year);
    const scope = this.access.scope(actor);
    const { stage, withPeers } = this.inputs.stageOf(calendar, scope);
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
    const chosen = [
      ...new Map(requested.map((c) => [c, this.inputs.pick(definitions, c, 'indicators')])).values(),
    ];
    const codes = [...new Set(chosen.map((d) => d.code))];
    const category = this.inputs.category(query.category, false);
    const department = this.inputs.department(query.department);
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const pageSize = options.all
      ? MAX_XLSX_ROWS
      : Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(query.pageSize ?? '50', 10) || 50));
    const sortRaw = (query.sort ?? '').trim();
    const descending = sortRaw.startsWith('-');
    const sortKey = (descending ? sortRaw.slice(1) : sortRaw).toUpperCase();
    let sort: TableSort;
    if (sortKey === '' || sortKey === 'NAME') {
      sort = { by: 'name', descending };
    } else if (sortKey === 'FINESS') {
      sort = { by: 'finess', descending };
    } else if (codes.includes(sortKey)) {
      sort = { by: 'indicator', code: sortKey, descending };
    } else {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Tri impossible sur « ${sortRaw} » : un des indicateurs choisis (« -» devant pour l’ordre décroissant), « name » ou « finess ».`,
      );
    }
    const heads = await this.territory.tablePage(
      year,
      this.access.scopeCondition(scope, 's'),
      { category, department },
      sort,
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    const total = heads[0] ? Number(heads[0].total) : 0;
    const valueOf = await this.territory.values(
      year,
      heads.map((h) => h.finess),
      codes,
    );
    // Before the restitution, the peers of the rows the caller checks as an authority only.
    const compared = heads.filter((h) => withPeers(structureFactsOf(h)));
    const distributions = await this.inputs.distributionsOf(
      year,
      codes,
      [...new Set(compared.map((h) => h.category_code))],
      `level = 'NATION' OR (level = 'REGION' AND territory_code = ANY ($4::text[]))`,
      [[...new Set(compared.map((h) => h.region_code))]],
    );
    const comparedFiness = new Set(compared.map((h) => h.finess));
    const deciles = new Map(
      distributions
        .filter((d) => !d.suppressed && d.deciles)
        .map((d) => [`${d.category_code}/${d.level}/${d.territory_code}/${d.indicator_code}`, d.deciles]),
    );
    const rows: TerritoryTableRow[] = heads.map((h) => {
      const decileOf = (key: string) => (comparedFiness.has(h.finess) ? (deciles.get(key) ?? null) : null);
      return {
        finess: h.finess,
        name: h.name,
        categoryCode: h.category_code,
        departmentCode: h.department_code,
        regionCode: h.region_code,
        submissionStatus: h.status,
        values: Object.fromEntries(
          codes.map((code) => {
            const value = valueOf.get(valueKey(h.finess, code)) ?? null;
            return [
              code,
              {
                value,
                nationalDecile: decilePosition(value, decileOf(`${h.category_code}/NATION/FR/${code}`)),
                regionalDecile: decilePosition(
                  value,
                  decileOf(`${h.category_code}/REGION/${h.region_code}/${code}`),
                ),
              },
            ];
          }),
        ),
      };
    });
    return {
      campaignYear: year,
      indicators: codes.map((c) => describe(chosen.find((d) => d.code === c)!)),
      total,
      page,
      pageSize,
      sort: sortRaw || 'name',
      stage,
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
    const scope = this.inputs.aggregatedScope(
      actor,
      'La carte des médianes départementales est réservée aux ARS, aux Départements et à l’administration nationale.',
    );
    const { calendar, definitions } = await this.inputs.campaign(year);
    const { stage } = this.inputs.stageOf(calendar, scope);
    const indicator = this.inputs.pick(definitions, indicatorCode, 'indicator');
    const category = this.inputs.categoryFor([indicator], categoryCode);
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
    const stored = await this.inputs.distributionsOf(year, [indicator.code], [category], 'TRUE');
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
      stage,
    };
  }

  // -------------------------------------------------------------------------------------------
  // 3. The scatter plot of two indicators.
}
