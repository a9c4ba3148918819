import { Injectable } from '@nestjs/common';
import {
  coversAsAuthority,
  readsTerritories,
  type AuthorityKind,
  type Scope,
  type StructureFacts,
} from '@tdb/access';
import type { RestitutionStage, TerritoryTableIndicator } from '@tdb/contracts';
import type { IndicatorDefinition } from '@tdb/indicators';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { restitutionStageOf, type CampaignCalendarRow } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { DerivedRules } from '../computation/derived-rules.service';
import { TerritoryRepository, type StoredDistribution } from './territory.repository';

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
  /** Provisional before the restitution (an authority's report: the peers are always there). */
  stage: RestitutionStage;
  kind: AuthorityKind;
  code: string;
  territoryName: string;
  computedAt: string | null;
  categories: TerritoryReportCategory[];
}

export type Definition = IndicatorDefinition;

/** The median of a list of numbers (linear interpolation, as percentile_cont(0.5)). */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)]!;
  const high = sorted[Math.ceil(middle)]!;
  return low + (high - low) * (middle - Math.floor(middle));
}

export const describe = (d: Definition): TerritoryTableIndicator => ({
  code: d.code,
  label: d.label,
  unit: d.unit,
  direction: d.direction,
});

export const appliesTo = (d: Definition, category: string) =>
  d.categories === 'ALL' || d.categories.includes(category);

/**
 * What a territorial view shows today, and which of its structures come with their deciles: all
 * of them once the restitution is open; before, only those the caller checks as an authority (its
 * ARS or CD, or national) — never those it reads as the structure itself or its OG (ADR 0013).
 */
export interface TerritoryStage {
  stage: RestitutionStage;
  withPeers: (structure: StructureFacts) => boolean;
}

/** The campaign's calendar and its indicators with one value per structure. */
export interface TerritoryCampaign {
  calendar: CampaignCalendarRow;
  definitions: Definition[];
}

/**
 * What every territorial restitution starts from: the campaign's indicators with one value per
 * structure, the checked query parameters, and the stored distributions.
 */
@Injectable()
export class TerritoryInputs {
  constructor(
    private readonly territory: TerritoryRepository,
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly indicators: DerivedRules,
  ) {}

  /** The campaign's calendar and indicators with one value per structure (shares have no decile). */
  async campaign(year: number): Promise<TerritoryCampaign> {
    const calendar = await this.campaigns.row(year);
    const dictionary = await this.dictionaries.byVersion(calendar.dictionary_version);
    return {
      calendar,
      definitions: this.indicators
        .definitionsFor(dictionary)
        .indicators.filter((d) => d.kind !== 'distribution'),
    };
  }

  /** What `scope` sees today of a campaign's territorial views (see TerritoryStage). */
  stageOf(calendar: CampaignCalendarRow, scope: Scope): TerritoryStage {
    const stage = restitutionStageOf(
      calendar,
      parisToday(),
      readsTerritories(scope) ? 'AUTHORITY' : 'STRUCTURE',
    );
    return {
      stage,
      withPeers: stage.provisional ? (structure) => coversAsAuthority(scope, structure) : () => true,
    };
  }

  /**
   * The caller's scope for an aggregated view (map, scatter plot), which only authorities and the
   * national administration see; `refusal` tells the others which view is not theirs.
   */
  aggregatedScope(actor: AuthenticatedActor, refusal: string): Scope {
    this.access.check(actor, { type: 'campaign.read' });
    const scope = this.access.scope(actor);
    if (!readsTerritories(scope)) throw new DomainError('FORBIDDEN', refusal);
    return scope;
  }

  /** The category a view of `indicators` requires (parameter « category »), each checked to concern it. */
  categoryFor(indicators: readonly Definition[], code: string | undefined): string {
    const category = this.category(code, true)!;
    for (const d of indicators) {
      if (!appliesTo(d, category)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `L’indicateur ${d.code} ne concerne pas la catégorie ${category}.`,
        );
      }
    }
    return category;
  }

  pick(definitions: Definition[], code: string | undefined, parameter: string): Definition {
    // Case-insensitive, codes such as « P08a » included.
    const wanted = code?.trim().toUpperCase();
    const found = wanted ? definitions.find((d) => d.code.toUpperCase() === wanted) : undefined;
    if (!found) {
      throw new DomainError(
        'VALIDATION_FAILED',
        wanted
          ? `« ${code?.trim()} » n’est pas un indicateur restituable de la campagne (paramètre « ${parameter} », par exemple P15).`
          : `Indiquez l’indicateur à restituer (paramètre « ${parameter} », par exemple P15).`,
      );
    }
    return found;
  }

  category(code: string | undefined, required: boolean): string | undefined {
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

  department(code: string | undefined): string | undefined {
    if (!code) return undefined;
    const department = findDepartment(code.trim().toUpperCase());
    if (!department)
      throw new DomainError('VALIDATION_FAILED', `« ${code} » n’est pas un code de département.`);
    return department.code;
  }

  region(code: string | undefined): string | undefined {
    if (!code) return undefined;
    const region = findRegion(code.trim());
    if (!region) throw new DomainError('VALIDATION_FAILED', `« ${code} » n’est pas un code de région.`);
    return region.code;
  }

  /** The stored distributions that meet `where` (see TerritoryRepository.distributions). */
  distributionsOf(
    year: number,
    codes: string[],
    categories: string[],
    where: string,
    extra: unknown[] = [],
  ): Promise<StoredDistribution[]> {
    return this.territory.distributions(year, codes, categories, where, extra);
  }

  // -------------------------------------------------------------------------------------------
  // 1. The table of the structures in scope.
}
