import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  DistributionDto,
  DistributionLevel,
  IndicatorAxisCode,
  RestitutionIndicator,
  StructureRestitution,
} from '@tdb/contracts';
import { provisionalNotice } from '@tdb/indicators';
import { findCategory } from '@tdb/reference';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { DictionaryRegistry } from '../campaigns/dictionary-registry.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { decilePosition } from './deciles';
import { DistributionsService } from './distributions.service';

const CACHE_MS = 60_000;

/** Figures to a thousandth: what a reader sees, and a lighter answer (distributions are repeated per indicator). */
const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);

interface HeadRow {
  finess: string;
  name: string;
  og_finess: string;
  department_code: string;
  region_code: string;
  competence: 'ARS' | 'CD' | 'SHARED';
  category_code: string;
  dictionary_version: string;
  status: string | null;
}

interface OwnValue {
  y: number;
  c: string;
  v: number | null;
  r: string | null;
}

interface StoredDistribution {
  c: string;
  l: DistributionLevel;
  t: string;
  s: boolean;
  n: number | null;
  mean: number | null;
  median: number | null;
  d: number[] | null;
  at: string;
}

/**
 * A structure's restitution: its own values placed in the precomputed distributions of its
 * category (national, regional, departmental). Two queries: the structure with its campaign (for
 * the access decision), then its own values and its groups' distributions. No other structure's
 * value is ever read: min and max, which are some structure's value, stay in the database.
 */
@Injectable()
export class RestitutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly dictionaries: DictionaryRegistry,
    private readonly indicators: IndicatorsService,
    private readonly distributions: DistributionsService,
  ) {}

  private readonly cache = new Map<string, { generation: number; at: number; rows: StoredDistribution[] }>();

  /**
   * The three groups of a structure (nation, its region, its department) for its category. Every
   * structure of a group asks for the same rows: they are kept in memory until the campaign's
   * distributions are recomputed here, or for a minute (a recompute by another replica).
   */
  private async groupsOf(
    year: number,
    category: string,
    region: string,
    department: string,
  ): Promise<StoredDistribution[]> {
    const key = `${year}|${category}|${region}|${department}`;
    const generation = this.distributions.generation(year);
    const cached = this.cache.get(key);
    if (cached && cached.generation === generation && Date.now() - cached.at < CACHE_MS) return cached.rows;
    const rows: StoredDistribution[] = await this.dataSource.query(
      `SELECT d.indicator_code AS c, d.level AS l, d.territory_code AS t, d.suppressed AS s, d.n, d.mean, d.median,
              d.deciles AS d, to_char(d.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM distributions d
        WHERE d.campaign_year = $1 AND d.category_code = $2
          AND ((d.level = 'NATION' AND d.territory_code = 'FR')
            OR (d.level = 'REGION' AND d.territory_code = $3)
            OR (d.level = 'DEPARTMENT' AND d.territory_code = $4))`,
      [year, category, region, department],
    );
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, { generation, at: Date.now(), rows });
    return rows;
  }

  async ofStructure(actor: AuthenticatedActor, year: number, finess: string): Promise<StructureRestitution> {
    const heads: HeadRow[] = await this.dataSource.query(
      `SELECT s.finess, s.name, s.og_finess, s.department_code, s.region_code, s.competence, s.category_code,
              c.dictionary_version, sub.status
         FROM campaigns c
         LEFT JOIN structures s ON s.finess = $2
         LEFT JOIN submissions sub ON sub.campaign_year = c.year AND sub.finess = s.finess
        WHERE c.year = $1`,
      [year, finess],
    );
    const head = heads[0];
    if (!head) throw new DomainError('NOT_FOUND', `Aucune campagne ${year}.`);
    if (!head.finess) throw new DomainError('NOT_FOUND', `Aucune structure ${finess}.`);
    this.access.check(actor, {
      type: 'submission.read',
      structure: {
        finess: head.finess,
        ogFiness: head.og_finess,
        departmentCode: head.department_code,
        regionCode: head.region_code,
        competence: head.competence,
        categoryCode: head.category_code,
      },
    });
    if (!head.status) {
      throw new DomainError(
        'NOT_FOUND',
        `La structure ${finess} n’a pas de saisie dans la campagne ${year}.`,
      );
    }
    const [data]: { own: OwnValue[] }[] = await this.dataSource.query(
      `SELECT coalesce(json_agg(json_build_object('y', iv.campaign_year, 'c', iv.indicator_code, 'v', iv.value,
                                                  'r', iv.reason_message) ORDER BY iv.campaign_year), '[]'::json) AS own
         FROM indicator_values iv
        WHERE iv.campaign_year IN (SELECT year FROM campaigns WHERE year <= $1) -- primary key seeks, one per year
          AND iv.finess = $2 AND iv.details IS NULL`,
      [year, finess],
    );
    const dist = await this.groupsOf(year, head.category_code, head.region_code, head.department_code);
    const dictionary = await this.dictionaries.byVersion(head.dictionary_version);
    const definitions = this.indicators
      .definitionsFor(dictionary)
      .indicators.filter(
        (d) =>
          d.kind !== 'distribution' && (d.categories === 'ALL' || d.categories.includes(head.category_code)),
      );
    const distributions = new Map<string, DistributionDto>();
    let computedAt: string | null = null;
    for (const d of dist) {
      if (computedAt === null || d.at > computedAt) computedAt = d.at;
      distributions.set(`${d.c}/${d.l}`, {
        level: d.l,
        territoryCode: d.t,
        suppressed: d.s,
        // Belt and braces: a suppressed group never carries a figure, whatever is stored.
        n: d.s ? null : d.n,
        mean: d.s ? null : round(d.mean),
        median: d.s ? null : round(d.median),
        deciles: d.s || !d.d ? null : d.d.map((x) => round(x) ?? x),
      });
    }
    const own = data?.own ?? [];
    const indicators: RestitutionIndicator[] = definitions.map((def) => {
      const current = own.find((o) => o.c === def.code && o.y === year);
      const value = current?.v ?? null;
      const national = distributions.get(`${def.code}/NATION`) ?? null;
      const regional = distributions.get(`${def.code}/REGION`) ?? null;
      const departmental = distributions.get(`${def.code}/DEPARTMENT`) ?? null;
      const position = (d: DistributionDto | null) =>
        d && !d.suppressed ? decilePosition(value, d.deciles) : null;
      return {
        code: def.code,
        label: def.label,
        axis: def.axis as IndicatorAxisCode,
        unit: def.unit,
        direction: def.direction,
        provisional: def.status === 'provisional',
        provisionalNotice: provisionalNotice(def) ?? null,
        value,
        reason: value === null ? (current?.r ?? 'Non renseigné.') : null,
        decile: {
          NATION: position(national),
          REGION: position(regional),
          DEPARTMENT: position(departmental),
        },
        national,
        regional,
        departmental,
        trend: own.filter((o) => o.c === def.code).map((o) => ({ campaignYear: o.y, value: o.v })),
      };
    });
    return {
      campaignYear: year,
      finess: head.finess,
      name: head.name,
      categoryCode: head.category_code,
      categoryLabel: findCategory(head.category_code)?.label ?? head.category_code,
      regionCode: head.region_code,
      departmentCode: head.department_code,
      submissionStatus: head.status,
      computedAt,
      indicators,
    };
  }
}
