import { Injectable } from '@nestjs/common';
import { departmentsOfRegion, findCategory, findDepartment, findRegion } from '@tdb/reference';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { TerritoryInputs, appliesTo, type TerritoryReport } from './territory-inputs';
import { TerritoryRepository } from './territory.repository';

/** The territorial report of an ARS or a Département: each category's medians against the nation. */
@Injectable()
export class TerritoryReportService {
  constructor(
    private readonly access: AccessService,
    private readonly inputs: TerritoryInputs,
    private readonly territories: TerritoryRepository,
  ) {}

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
    const { calendar, definitions } = await this.inputs.campaign(year);
    const { stage } = this.inputs.stageOf(calendar, scope);
    // The authority's own territory and competence, whatever the caller's other grants.
    const own = this.access.scopeCondition(
      { all: false, authorities: [{ kind, code: territory.code, role: 'READER' }], ogs: [], structures: [] },
      's',
    );
    const present = await this.territories.presentCategories(year, own);
    const categories = present.map((p) => p.category_code).sort();
    const codes = definitions.map((d) => d.code);
    const level = kind === 'ARS' ? 'REGION' : 'DEPARTMENT';
    const stored = await this.inputs.distributionsOf(
      year,
      codes,
      categories,
      `level = 'NATION' OR (level = $4 AND territory_code = $5)`,
      [level, territory.code],
    );
    const outliers = categories.length === 0 ? [] : await this.territories.outliers(year, own, codes);
    let computedAt: string | null = null;
    for (const d of stored) {
      const at = d.computed_at ? new Date(d.computed_at).toISOString() : null;
      if (at && (computedAt === null || at > computedAt)) computedAt = at;
    }
    // The map of each category: departmental medians of its headline indicator (occupancy first).
    const territoryDepartments =
      kind === 'ARS' ? departmentsOfRegion(territory.code) : [findDepartment(territory.code)!];
    const departmental = await this.inputs.distributionsOf(
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
      stage,
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
