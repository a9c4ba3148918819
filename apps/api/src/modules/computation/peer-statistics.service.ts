import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { peerGroupsOf, peerReferencesFromGroups, type AtypiaTarget, type PeerReferences } from '@tdb/atypia';
import type { DistributionsRecomputeResult } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import { TimeSlicer } from '../../common/concurrency/time-slicer';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from './derived-rules.service';
import { distributionOf, groupsByIndicator, type DistributionRow } from './peer-statistics';
import { PeerStatisticsRepository } from './peer-statistics.repository';

/**
 * The peers' statistics of a campaign, computed once from the peers' indicators: each group of
 * peers (indicator × category × territory) is sorted once, and gives both the restitution's
 * distribution (deciles; groups under 5 stored without figures) and the references of the atypia
 * peer rules (quartiles, fences, percentiles; each rule's own minimum group size).
 */
@Injectable()
export class PeerStatisticsService {
  private readonly logger = new Logger(PeerStatisticsService.name);
  private readonly generations = new Map<number, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly rules: DerivedRules,
    private readonly repository: PeerStatisticsRepository,
  ) {}

  /** Bumped at each recompute of a campaign: readers' caches of its distributions drop older entries. */
  generation(year: number): number {
    return this.generations.get(year) ?? 0;
  }

  /** The job that last stored the campaign's peer references (undefined: none stored). */
  async referencesJob(year: number): Promise<string | null | undefined> {
    return this.repository.referencesJob(this.dataSource.manager, year);
  }

  /** The endpoint: checks campaign.manage, then recomputes. */
  async recomputeAs(actor: AuthenticatedActor, year: number): Promise<DistributionsRecomputeResult> {
    this.access.check(actor, { type: 'campaign.manage' });
    const { campaignYear, groups, suppressed, durationMs } = await this.recompute(year);
    return { campaignYear, groups, suppressed, durationMs };
  }

  /**
   * Replaces the distributions and the peer references of campaign `year` (idempotent). Pass a
   * transaction's manager to run inside it; otherwise it runs in its own transaction. `jobId`
   * stamps the references with the job that computed them. `onReferences` receives the references
   * as soon as they are computed, before they and the distributions are stored (the campaign job
   * evaluates the peer rules meanwhile).
   */
  async recompute(
    year: number,
    manager?: EntityManager,
    jobId: string | null = null,
    onReferences?: (references: PeerReferences) => void,
  ): Promise<DistributionsRecomputeResult & { references: PeerReferences }> {
    const started = Date.now();
    const run = async (m: EntityManager) => {
      const campaign = await this.campaigns.row(year, m);
      const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version, m);
      const ruleSet = this.rules.ruleSetFor(dictionary);
      // Only indicators with one value per structure: shares of a distribution have no decile.
      const definitions = this.rules.definitionsFor(dictionary).indicators;
      const distributed = definitions.filter((d) => d.kind !== 'distribution').map((d) => d.code);
      const targets = ruleSet.rules.flatMap((r) => (r.kind === 'peer_outlier' ? [r.target] : []));
      const indicatorTargets = targets.flatMap((t) => ('indicator' in t ? [t.indicator] : []));
      const itemTargets = targets.flatMap((t) => ('item' in t ? [t.item] : []));
      // A distribution indicator's value is its total, stored with its parts.
      const totals = new Set(definitions.filter((d) => d.kind === 'distribution').map((d) => d.code));
      const wanted = [...new Set([...distributed, ...indicatorTargets])];
      // Computed in slices: this runs in the API process, after validations, while it answers.
      const slicer = new TimeSlicer();
      const groups = await groupsByIndicator(
        await this.repository.departmentGroups(
          m,
          year,
          {
            scalars: wanted.filter((code) => !totals.has(code)),
            totals: wanted.filter((code) => totals.has(code)),
          },
          slicer,
        ),
        slicer,
      );
      const peersWithItems =
        itemTargets.length > 0
          ? await this.repository.peersWithItems(m, year, [...new Set(itemTargets)])
          : [];
      const groupsOf = (target: AtypiaTarget) =>
        'indicator' in target ? (groups.get(target.indicator) ?? []) : peerGroupsOf(peersWithItems, target);
      // Rule after rule, each one a slice at most.
      const references: PeerReferences = { groups: {} };
      for (const rule of ruleSet.rules) {
        Object.assign(
          references.groups,
          peerReferencesFromGroups({ ...ruleSet, rules: [rule] }, groupsOf).groups,
        );
        await slicer.pause();
      }
      onReferences?.(references);
      const rows: DistributionRow[] = [];
      for (const code of distributed) {
        for (const group of groups.get(code) ?? []) rows.push(distributionOf(code, group));
        await slicer.pause();
      }
      const stored = await this.repository.storeDistributions(m, year, rows, slicer);
      await this.repository.storeReferences(
        m,
        year,
        await this.repository.population(m, year),
        references,
        jobId,
      );
      this.generations.set(year, this.generation(year) + 1);
      return { campaignYear: year, ...stored, durationMs: Date.now() - started, references };
    };
    const result = manager ? await run(manager) : await this.dataSource.transaction((m) => run(m));
    this.logger.log(
      `Peer statistics of ${year}: ${result.groups} groups (${result.suppressed} suppressed) in ${result.durationMs} ms`,
    );
    return result;
  }
}
