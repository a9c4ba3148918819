import { Injectable } from '@nestjs/common';
import { ownTerritory, territoryInScope, type Scope, type TerritoryRef } from '@tdb/access';
import {
  MAX_BENCHMARK_STRUCTURES,
  type BenchmarkTerritory,
  type ItemBenchmark,
  type ItemBenchmarkGroup,
} from '@tdb/contracts';
import { DOMAIN_LABELS, type Dictionary, type Item } from '@tdb/dictionary';
import { CATEGORIES, findCategory, findDepartment, findRegion } from '@tdb/reference';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { DomainError } from '../../common/errors/domain-error';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { DictionaryRegistry } from '../campaign-core/dictionary-registry.service';
import { MIN_GROUP_SIZE, distributionOf } from '../computation/peer-statistics';
import { decilePosition } from './deciles';
import { ItemBenchmarkRepository, type ItemBenchmarkFilter } from './item-benchmark.repository';

export interface ItemBenchmarkQuery {
  item?: string;
  department?: string;
  region?: string;
  structures?: string;
}

/** The item types a benchmark reads: numbers. */
const NUMERIC_TYPES = ['integer', 'decimal', 'percentage'] as const;
type NumericItem = Item & { type: (typeof NUMERIC_TYPES)[number] };

const TYPE_LABELS: Readonly<Record<Item['type'], string>> = {
  integer: 'nombre entier',
  decimal: 'nombre décimal',
  percentage: 'pourcentage',
  boolean: 'oui / non',
  choice: 'liste de choix',
  date: 'date',
  text: 'texte',
};

const CATEGORY_ORDER = new Map(CATEGORIES.map((c, i) => [c.code, i]));

/**
 * The benchmark of a data item (issue 14 §5): for one numeric item of the campaign's dictionary
 * and one territory the caller covers (its département for a Département; its region or one of
 * its départements for an ARS; any for national), the distribution per category of the values
 * entered by the peers (PEER_POPULATION: in the campaign's scope, VALIDATED or CONFIRMED).
 *
 * Computed on demand: PostgreSQL reads and sorts the values (array_agg ORDER BY) per category;
 * the API only takes the mean and the percentiles (type 7, as the indicators' distributions) of
 * each sorted list. The peers are those of the caller's scope in the territory — the structures
 * whose data it may read — so that the extremes and the optional list of structures show nothing
 * it could not read one by one; a group under MIN_GROUP_SIZE is still shown without any figure.
 */
@Injectable()
export class ItemBenchmarkService {
  constructor(
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly dictionaries: DictionaryRegistry,
    private readonly repository: ItemBenchmarkRepository,
  ) {}

  async benchmark(
    actor: AuthenticatedActor,
    year: number,
    query: ItemBenchmarkQuery,
  ): Promise<ItemBenchmark> {
    const scope = this.access.listScope(actor, 'submission.read');
    if (!scope.all && scope.authorities.length === 0) {
      throw new DomainError(
        'FORBIDDEN',
        'Le benchmark des données saisies est réservé aux ARS, aux Départements et à l’administration nationale.',
      );
    }
    const territory = this.territory(scope, query);
    const withStructures = this.flag(query.structures);
    const campaign = await this.campaigns.row(year);
    const dictionary = await this.dictionaries.byVersion(campaign.dictionary_version);
    const item = this.item(dictionary, query.item);
    const filter: ItemBenchmarkFilter = {
      year,
      itemCode: item.code,
      ogLevel: item.ogLevel,
      categories: item.categories,
      territory,
      scope: this.access.scopeCondition(scope, 's'),
    };
    const rows = await this.repository.groups(filter);
    const level =
      territory.level === 'NATION' ? 'national' : territory.level === 'REGION' ? 'region' : 'department';
    const groups: ItemBenchmarkGroup[] = rows
      .filter((r) => r.sorted.length > 0)
      .sort(
        (a, b) => (CATEGORY_ORDER.get(a.category_code) ?? 99) - (CATEGORY_ORDER.get(b.category_code) ?? 99),
      )
      .map((r) => {
        const categoryLabel = findCategory(r.category_code)?.shortLabel ?? r.category_code;
        if (r.sorted.length < MIN_GROUP_SIZE) {
          return {
            categoryCode: r.category_code,
            categoryLabel,
            suppressed: true,
            n: null,
            mean: null,
            min: null,
            deciles: null,
            max: null,
          };
        }
        const d = distributionOf(item.code, {
          categoryCode: r.category_code,
          level,
          territoryCode: territory.code,
          sorted: r.sorted,
        });
        return {
          categoryCode: r.category_code,
          categoryLabel,
          suppressed: false,
          n: d.n,
          mean: d.mean,
          min: d.min,
          deciles: d.deciles,
          max: d.max,
        };
      });
    let structures: ItemBenchmark['structures'] = null;
    let structuresTotal = rows.reduce((n, r) => n + r.sorted.length, 0);
    if (withStructures) {
      const listed = await this.repository.structures(filter, MAX_BENCHMARK_STRUCTURES);
      const deciles = new Map(groups.map((g) => [g.categoryCode, g.deciles]));
      structuresTotal = listed[0] ? Number(listed[0].total) : 0;
      structures = listed.map((s) => ({
        finess: s.finess,
        name: s.name,
        categoryCode: s.category_code,
        departmentCode: s.department_code,
        value: s.value,
        decile: decilePosition(s.value, deciles.get(s.category_code) ?? null),
      }));
    }
    return {
      campaignYear: year,
      item: {
        code: item.code,
        label: item.label,
        unit: item.unit ?? '',
        type: item.type,
        domain: DOMAIN_LABELS[item.domain],
        ogLevel: item.ogLevel,
      },
      territory: this.describe(territory),
      minimumGroupSize: MIN_GROUP_SIZE,
      groups,
      structures,
      structuresTotal,
    };
  }

  /**
   * The territory asked for (« department » or « region »; none: the caller's own when it has
   * one, the nation for national), refused when the caller's scope does not cover it.
   */
  private territory(scope: Scope, query: ItemBenchmarkQuery): TerritoryRef {
    const department = query.department?.trim().toUpperCase() ?? '';
    const region = query.region?.trim() ?? '';
    if (department !== '' && region !== '') {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Choisissez un territoire : un département (paramètre « department ») ou une région (paramètre « region »), pas les deux.',
      );
    }
    let territory: TerritoryRef | null;
    if (department !== '') {
      const found = findDepartment(department);
      if (!found) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `« ${query.department ?? ''} » n’est pas un code de département (paramètre « department », par exemple 45).`,
        );
      }
      territory = { level: 'DEPARTMENT', code: found.code };
    } else if (region !== '') {
      const found = findRegion(region);
      if (!found) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `« ${query.region ?? ''} » n’est pas un code de région (paramètre « region », par exemple 24).`,
        );
      }
      territory = { level: 'REGION', code: found.code };
    } else {
      territory = ownTerritory(scope);
      if (!territory) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'Choisissez le territoire du benchmark : un département (paramètre « department ») ou une région (paramètre « region »).',
        );
      }
    }
    if (!territoryInScope(scope, territory)) {
      const who =
        territory.level === 'DEPARTMENT'
          ? 'à son Département, à l’ARS de sa région et à l’administration nationale'
          : territory.level === 'REGION'
            ? 'à son ARS et à l’administration nationale'
            : 'à l’administration nationale';
      throw new DomainError(
        'FORBIDDEN',
        `Le benchmark des données saisies ${this.of(territory)} est réservé ${who}.`,
      );
    }
    return territory;
  }

  private of(territory: TerritoryRef): string {
    const { name } = this.describe(territory);
    if (territory.level === 'NATION') return 'de la France entière';
    return territory.level === 'REGION'
      ? `de la région ${name}`
      : `du département ${territory.code} – ${name}`;
  }

  private describe(territory: TerritoryRef): BenchmarkTerritory {
    const name =
      territory.level === 'NATION'
        ? 'France'
        : territory.level === 'REGION'
          ? (findRegion(territory.code)?.name ?? territory.code)
          : (findDepartment(territory.code)?.name ?? territory.code);
    return { level: territory.level, code: territory.code, name };
  }

  /** The numeric item of the dictionary named `code`; a French 400 for any other. */
  private item(dictionary: Dictionary, code: string | undefined): NumericItem {
    const wanted = (code ?? '').trim();
    const item = wanted === '' ? undefined : dictionary.items.find((i) => i.code === wanted.toLowerCase());
    if (!item) {
      throw new DomainError(
        'VALIDATION_FAILED',
        wanted === ''
          ? 'Choisissez une donnée (paramètre « item », par exemple personnes_accompagnees_31_12).'
          : `« ${wanted} » n’est pas une donnée du dictionnaire de la campagne ${dictionary.campaignYear} (paramètre « item »).`,
      );
    }
    if (!(NUMERIC_TYPES as readonly string[]).includes(item.type)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `La donnée « ${item.label} » (${item.code}) n’est pas numérique (${TYPE_LABELS[item.type]}) : seules les données chiffrées ont un benchmark.`,
      );
    }
    return item as NumericItem;
  }

  /** « structures »: true / false (1 / 0, oui / non); absent: false. */
  private flag(raw: string | undefined): boolean {
    const value = (raw ?? '').trim().toLowerCase();
    if (value === '' || value === 'false' || value === '0' || value === 'non') return false;
    if (value === 'true' || value === '1' || value === 'oui') return true;
    throw new DomainError('VALIDATION_FAILED', 'Le paramètre « structures » vaut true ou false.');
  }
}
