import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DistributionLevel, DistributionsRecomputeResult } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService } from '../../common/auth/access.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DictionaryRegistry } from '../campaigns/dictionary-registry.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { DECILE_FRACTIONS, MIN_GROUP_SIZE } from './deciles';

/** The territory column of each level (a fixed list: never built from input). */
const TERRITORY: Record<DistributionLevel, string> = {
  NATION: `'FR'`,
  REGION: 's.region_code',
  DEPARTMENT: 's.department_code',
};

/**
 * Distributions of the indicators among peers (same category) per territory, computed in SQL from
 * the VALIDATED and CONFIRMED submissions of the campaign, one statement per level. Groups smaller
 * than MIN_GROUP_SIZE are stored suppressed, without any figure.
 */
@Injectable()
export class DistributionsService {
  private readonly logger = new Logger(DistributionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignsService,
    private readonly dictionaries: DictionaryRegistry,
    private readonly indicators: IndicatorsService,
  ) {}

  private generations = new Map<number, number>();

  /** Bumped at each recompute of a campaign: readers' caches of its distributions drop older entries. */
  generation(year: number): number {
    return this.generations.get(year) ?? 0;
  }

  /** The endpoint: checks campaign.manage, then recomputes. */
  async recomputeAs(actor: AuthenticatedActor, year: number): Promise<DistributionsRecomputeResult> {
    this.access.check(actor, { type: 'campaign.manage' });
    return this.recompute(year);
  }

  /**
   * Replaces the distributions of campaign `year` (idempotent). Pass a transaction's manager to run
   * inside it (e.g. right after a CONFIRM); otherwise it runs in its own transaction.
   */
  async recompute(year: number, manager?: EntityManager): Promise<DistributionsRecomputeResult> {
    const started = Date.now();
    const run = async (m: EntityManager): Promise<DistributionsRecomputeResult> => {
      const campaign = await this.campaigns.row(year, m);
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, m);
      // Only indicators with one value per structure: shares of a distribution have no decile.
      const codes = this.indicators
        .definitionsFor(dictionary)
        .indicators.filter((d) => d.kind !== 'distribution')
        .map((d) => d.code);
      await m.query(`DELETE FROM distributions WHERE campaign_year = $1`, [year]);
      let groups = 0;
      let suppressed = 0;
      for (const level of Object.keys(TERRITORY) as DistributionLevel[]) {
        const rows: { groups: number; suppressed: number }[] = await m.query(
          `WITH peers AS (
             SELECT iv.indicator_code, s.category_code, ${TERRITORY[level]} AS territory_code,
                    count(*)::int AS n, avg(iv.value) AS mean, min(iv.value) AS min, max(iv.value) AS max,
                    percentile_cont($3::float8[]) WITHIN GROUP (ORDER BY iv.value) AS deciles
               FROM indicator_values iv
               JOIN submissions sub ON sub.campaign_year = iv.campaign_year AND sub.finess = iv.finess
               JOIN structures s ON s.finess = iv.finess
              WHERE iv.campaign_year = $1 AND sub.in_scope AND sub.status IN ('VALIDATED', 'CONFIRMED')
                AND iv.reason_code IS NULL AND iv.value IS NOT NULL AND iv.indicator_code = ANY ($2::text[])
              GROUP BY 1, 2, 3),
           stored AS (
             INSERT INTO distributions (campaign_year, category_code, level, territory_code, indicator_code,
                                        suppressed, n, mean, median, deciles, min, max)
             SELECT $1, category_code, $4, territory_code, indicator_code, n < $5,
                    CASE WHEN n >= $5 THEN n END, CASE WHEN n >= $5 THEN mean END,
                    CASE WHEN n >= $5 THEN deciles[5] END, CASE WHEN n >= $5 THEN deciles END,
                    CASE WHEN n >= $5 THEN min END, CASE WHEN n >= $5 THEN max END
               FROM peers
             RETURNING suppressed)
           SELECT count(*)::int AS groups, count(*) FILTER (WHERE suppressed)::int AS suppressed FROM stored`,
          [year, codes, DECILE_FRACTIONS, level, MIN_GROUP_SIZE],
        );
        groups += rows[0]?.groups ?? 0;
        suppressed += rows[0]?.suppressed ?? 0;
      }
      this.generations.set(year, this.generation(year) + 1);
      return { campaignYear: year, groups, suppressed, durationMs: Date.now() - started };
    };
    const result = manager ? await run(manager) : await this.dataSource.transaction((m) => run(m));
    this.logger.log(
      `Distributions of ${year}: ${result.groups} groups (${result.suppressed} suppressed) in ${result.durationMs} ms`,
    );
    return result;
  }
}
