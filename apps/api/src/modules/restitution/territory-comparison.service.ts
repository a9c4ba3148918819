import { Injectable } from '@nestjs/common';
import type { OrganisationRestitution, TerritoryScatter } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { decilePosition } from './deciles';

import { TerritoryInputs, appliesTo, describe, medianOf, type ScatterQuery } from './territory-inputs';
import { TerritoryRepository, valueKey } from './territory.repository';

/** Two indicators side by side (scatter plot), and an organisme gestionnaire against its peers. */
@Injectable()
export class TerritoryComparisonService {
  constructor(
    private readonly access: AccessService,
    private readonly inputs: TerritoryInputs,
    private readonly territory: TerritoryRepository,
  ) {}

  async scatter(actor: AuthenticatedActor, year: number, query: ScatterQuery): Promise<TerritoryScatter> {
    const scope = this.inputs.aggregatedScope(
      actor,
      'Le nuage de points est réservé aux ARS, aux Départements et à l’administration nationale.',
    );
    const { calendar, definitions } = await this.inputs.campaign(year);
    const { stage } = this.inputs.stageOf(calendar, scope);
    const x = this.inputs.pick(definitions, query.x, 'x');
    const y = this.inputs.pick(definitions, query.y, 'y');
    const category = this.inputs.categoryFor([x, y], query.category);
    const department = this.inputs.department(query.department);
    const region = this.inputs.region(query.region);
    const rows = await this.territory.scatterPoints(year, this.access.scopeCondition(scope, 's'), {
      category,
      x: x.code,
      y: y.code,
      department,
      region,
    });
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
      stage,
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
    const { calendar, definitions } = await this.inputs.campaign(year);
    const scope = this.access.scope(actor);
    const { stage, withPeers } = this.inputs.stageOf(calendar, scope);
    const heads = await this.territory.organisationStructures(
      year,
      ogFiness,
      this.access.scopeCondition(scope, 's'),
    );
    // Before the restitution, the national deciles of the ESMS the caller checks as an authority only.
    const compared = new Set(heads.filter((h) => withPeers(structureFactsOf(h))).map((h) => h.finess));
    const name = await this.territory.organisationName(ogFiness);
    const categories = [...new Set(heads.map((h) => h.category_code))];
    const relevant = definitions.filter((d) => categories.some((c) => appliesTo(d, c)));
    const codes = relevant.map((d) => d.code);
    const valueOf = await this.territory.values(
      year,
      heads.map((h) => h.finess),
      codes,
    );
    const national = await this.inputs.distributionsOf(
      year,
      codes,
      [...new Set(heads.filter((h) => compared.has(h.finess)).map((h) => h.category_code))],
      `level = 'NATION'`,
    );
    const deciles = new Map(
      national
        .filter((d) => !d.suppressed && d.deciles)
        .map((d) => [`${d.category_code}/${d.indicator_code}`, d.deciles]),
    );
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
            const value = valueOf.get(valueKey(h.finess, d.code)) ?? null;
            return [
              d.code,
              {
                value,
                nationalDecile: compared.has(h.finess)
                  ? decilePosition(value, deciles.get(`${h.category_code}/${d.code}`) ?? null)
                  : null,
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
      name,
      indicators: relevant.map(describe),
      structures,
      medians,
      stage,
    };
  }

  // -------------------------------------------------------------------------------------------
  // 5. The territorial report (data; the PDF is drawn by TerritoryReportPdfService).
}
