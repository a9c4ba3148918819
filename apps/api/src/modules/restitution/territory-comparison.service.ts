import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationRestitution, TerritoryScatter } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { namedQuery } from '../../database/named-query';
import { decilePosition } from './deciles';

import {
  TerritoryInputs,
  appliesTo,
  describe,
  isAuthorityOrNational,
  medianOf,
  type ScatterQuery,
} from './territory-inputs';
import { PEER_POPULATION } from '../computation/peer-statistics';

/** Two indicators side by side (scatter plot), and an organisme gestionnaire against its peers. */
@Injectable()
export class TerritoryComparisonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly inputs: TerritoryInputs,
  ) {}

  async scatter(actor: AuthenticatedActor, year: number, query: ScatterQuery): Promise<TerritoryScatter> {
    this.access.check(actor, { type: 'campaign.read' });
    const scope = this.access.scope(actor);
    if (!isAuthorityOrNational(scope)) {
      throw new DomainError(
        'FORBIDDEN',
        'Le nuage de points est réservé aux ARS, aux Départements et à l’administration nationale.',
      );
    }
    const definitions = await this.inputs.definitions(year);
    const x = this.inputs.pick(definitions, query.x, 'x');
    const y = this.inputs.pick(definitions, query.y, 'y');
    const category = this.inputs.category(query.category, true)!;
    for (const d of [x, y]) {
      if (!appliesTo(d, category)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `L’indicateur ${d.code} ne concerne pas la catégorie ${category}.`,
        );
      }
    }
    const department = this.inputs.department(query.department);
    const region = this.inputs.region(query.region);
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
          AND ${PEER_POPULATION}
          AND vx.value IS NOT NULL AND vy.value IS NOT NULL AND vx.details IS NULL AND vy.details IS NULL
        ORDER BY s.finess`,
      parameters,
    );
    const highlight = query.highlight?.trim().toUpperCase();
    const national = await this.inputs.distributionsOf(
      year,
      [x.code, y.code],
      [category],
      `level = 'NATION'`,
    );
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
    const definitions = await this.inputs.definitions(year);
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
    const national = await this.inputs.distributionsOf(year, codes, categories, `level = 'NATION'`);
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
}
