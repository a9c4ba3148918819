import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { coversAsAuthority } from '@tdb/access';
import type { RestitutionStage, StructureRestitution } from '@tdb/contracts';
import { findCategory } from '@tdb/reference';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { AccessService, parisToday } from '../../common/auth/access.service';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { restitutionStageOf } from '../campaign-core/campaign-row';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { DerivedRules } from '../computation/derived-rules.service';
import { PeerStatisticsService } from '../computation/peer-statistics.service';
import {
  type IndicatorOpening,
  type TerritoryDistributions,
  groupsComputedAt,
  indicatorOpenings,
  indicatorsJson,
  prepareDistributions,
  territoryKey,
} from './restitution-json';
import { StampedLruCache } from './restitution-cache';
import { RestitutionRepository, type HeadRow } from './restitution.repository';

const CACHE_MS = 60_000;

/** A structure's restitution as sent: JSON bytes and their entity tag. */
export interface RestitutionBody {
  json: Buffer;
  etag: string;
}

/**
 * A structure's restitution: its own values placed in the precomputed distributions of its
 * category (national, regional, departmental). No other structure's value is ever read: min and
 * max, which are some structure's value, stay in the database.
 *
 * Before the campaign's restitution (ADR 0013) the structure's own readers (its users, its OG) get
 * its own values only, marked provisional, with why the peers are missing; its authorities and
 * national get the peers' provisional distributions.
 *
 * Every request reads the structure (for the access decision) with a stamp of what its answer is
 * made of; the answer itself is kept in memory and made again only when the stamp changed (its
 * values, status, name or territory, the campaign's distributions, or what the day's stage of the
 * campaign shows this kind of reader) — or after a minute, for a recompute made by another replica.
 * Answers with and without peers are kept under different keys: one never stands for the other.
 */
@Injectable()
export class RestitutionService {
  private readonly answers: StampedLruCache<RestitutionBody>;
  private readonly campaigns = new Map<
    number,
    { generation: number; at: number; loading: Promise<Map<string, TerritoryDistributions>> }
  >();
  private readonly openings = new Map<string, IndicatorOpening[]>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly restitutions: RestitutionRepository,
    private readonly access: AccessService,
    private readonly dictionaries: DictionaryRegistry,
    private readonly indicators: DerivedRules,
    private readonly distributions: PeerStatisticsService,
  ) {
    this.answers = new StampedLruCache(
      config.restitutionCacheMb * 1024 * 1024,
      CACHE_MS,
      (body) => body.json.length,
    );
  }

  /** The restitution as JSON bytes: what GET …/restitution sends. */
  async ofStructureJson(actor: AuthenticatedActor, year: number, finess: string): Promise<RestitutionBody> {
    const { head, stage } = await this.readable(actor, year, finess);
    const key = `${year}|${head.finess}|${stage.peers.available ? 'peers' : 'own'}`;
    const stamp = [
      JSON.stringify(stage),
      this.distributions.generation(year),
      head.dictionary_version,
      head.name,
      head.category_code,
      head.region_code,
      head.department_code,
      head.status,
      head.values_at,
    ].join('|');
    const kept = this.answers.get(key, stamp);
    if (kept) return kept;
    const body = await this.build(year, head.finess, head, stage);
    this.answers.set(key, stamp, body);
    return body;
  }

  /**
   * A structure's restitution head once the caller may read it, with what the campaign shows this
   * reader today (ADR 0013): every restitution answer of a structure starts here.
   */
  async readable(
    actor: AuthenticatedActor,
    year: number,
    finess: string,
  ): Promise<{ head: HeadRow & { finess: string }; stage: RestitutionStage }> {
    const head = await this.restitutions.head(year, finess);
    if (!head) throw new DomainError('NOT_FOUND', `Aucune campagne ${year}.`);
    if (!head.finess) throw new DomainError('NOT_FOUND', `Aucune structure ${finess}.`);
    const facts = structureFactsOf({ ...head, finess: head.finess });
    this.access.check(actor, { type: 'submission.read', structure: facts });
    if (!head.status) {
      throw new DomainError(
        'NOT_FOUND',
        `La structure ${finess} n’a pas de saisie dans la campagne ${year}.`,
      );
    }
    // What the campaign shows today, decided before the kept answers are looked at.
    const stage = restitutionStageOf(
      head,
      parisToday(),
      coversAsAuthority(this.access.scope(actor), facts) ? 'AUTHORITY' : 'STRUCTURE',
    );
    return { head: { ...head, finess: head.finess }, stage };
  }

  /** The restitution as an object, for the PDF and XLSX exports. */
  async ofStructure(actor: AuthenticatedActor, year: number, finess: string): Promise<StructureRestitution> {
    const body = await this.ofStructureJson(actor, year, finess);
    return JSON.parse(body.json.toString('utf8')) as StructureRestitution;
  }

  private async build(
    year: number,
    finess: string,
    head: HeadRow,
    stage: RestitutionStage,
  ): Promise<RestitutionBody> {
    const own = await this.restitutions.ownValues(year, finess);
    const category = head.category_code;
    // Without peers, no distribution is even read: the answer cannot hold one.
    const distributions = stage.peers.available ? await this.distributionsOf(year) : null;
    const groups = {
      NATION: distributions?.get(territoryKey(category, 'NATION', 'FR')),
      REGION: distributions?.get(territoryKey(category, 'REGION', head.region_code)),
      DEPARTMENT: distributions?.get(territoryKey(category, 'DEPARTMENT', head.department_code)),
    };
    const identity = JSON.stringify({
      campaignYear: year,
      finess,
      name: head.name,
      categoryCode: category,
      categoryLabel: findCategory(category)?.label ?? category,
      regionCode: head.region_code,
      departmentCode: head.department_code,
      submissionStatus: head.status,
      computedAt: groupsComputedAt(groups),
      stage,
    });
    const openings = await this.openingsOf(head.dictionary_version, category);
    const json = Buffer.from(
      `${identity.slice(0, -1)},"indicators":${indicatorsJson(openings, groups, year, own)}}`,
      'utf8',
    );
    const hash = createHash('sha1').update(json).digest('base64url').slice(0, 27);
    return { json, etag: `W/"${json.length.toString(16)}-${hash}"` };
  }

  /** The descriptions of a category's indicators (distribution indicators have no decile: left out). */
  private async openingsOf(dictionaryVersion: string, category: string): Promise<IndicatorOpening[]> {
    const key = `${dictionaryVersion}|${category}`;
    const kept = this.openings.get(key);
    if (kept) return kept;
    const dictionary = await this.dictionaries.byVersion(dictionaryVersion);
    const openings = indicatorOpenings(
      this.indicators
        .definitionsFor(dictionary)
        .indicators.filter(
          (d) => d.kind !== 'distribution' && (d.categories === 'ALL' || d.categories.includes(category)),
        ),
    );
    this.openings.set(key, openings);
    return openings;
  }

  /**
   * Every distribution of a campaign, read at once (a few tens of thousands of rows, written as JSON
   * once) and kept until they are recomputed in this process, or for a minute (a recompute by
   * another replica). Requests arriving while they are read share the same read.
   */
  private distributionsOf(year: number): Promise<Map<string, TerritoryDistributions>> {
    const generation = this.distributions.generation(year);
    const kept = this.campaigns.get(year);
    if (kept && kept.generation === generation && Date.now() - kept.at < CACHE_MS) return kept.loading;
    const loading = this.restitutions.distributions(year).then((rows) => prepareDistributions(rows));
    this.campaigns.set(year, { generation, at: Date.now(), loading });
    // A failed read is not kept: the next request tries again.
    loading.catch(() => {
      if (this.campaigns.get(year)?.loading === loading) this.campaigns.delete(year);
    });
    return loading;
  }
}
