import type { DistributionDto, DistributionLevel, IndicatorAxisCode } from '@tdb/contracts';
import { type IndicatorDefinition, provisionalNotice } from '@tdb/indicators';
import { decilePosition } from './deciles';

/**
 * A structure's restitution written as JSON text from pieces prepared once: each distribution of
 * the campaign (one indicator, category and territory) and each category's indicator
 * descriptions are written when they are read, and a structure's answer is its own values,
 * positions and trend written between them. This is the hot path of the restitution page (the
 * benchmark's target); the PDF and XLSX parse the same text back.
 */

/** A distribution as stored (short keys keep the campaign query light). */
export interface StoredDistribution {
  /** Category. */
  k: string;
  /** Indicator. */
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

/** The distributions of one category in one territory, by indicator, with their JSON text. */
export interface TerritoryDistributions {
  byIndicator: Map<string, { dto: DistributionDto; json: string }>;
  computedAt: string | null;
}

/** An indicator's description, `{"code":…,"provisionalNotice":…,` — up to its values. */
export interface IndicatorOpening {
  code: string;
  opening: string;
}

/** One of the structure's own values: [campaign year, indicator code, value, reason]. */
export type OwnValue = [number, string, number | null, string | null];

const LEVELS: DistributionLevel[] = ['NATION', 'REGION', 'DEPARTMENT'];

/** Figures to a thousandth: what a reader sees, and a lighter answer. */
const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);

function toDto(d: StoredDistribution): DistributionDto {
  return {
    level: d.l,
    territoryCode: d.t,
    suppressed: d.s,
    // Belt and braces: a suppressed group never carries a figure, whatever is stored.
    n: d.s ? null : d.n,
    mean: d.s ? null : round(d.mean),
    median: d.s ? null : round(d.median),
    deciles: d.s || !d.d ? null : d.d.map((x) => round(x) ?? x),
  };
}

export const territoryKey = (category: string, level: DistributionLevel, territory: string) =>
  `${category}|${level}|${territory}`;

/** A campaign's distributions by category and territory (see `territoryKey`). */
export function prepareDistributions(
  rows: readonly StoredDistribution[],
): Map<string, TerritoryDistributions> {
  const byTerritory = new Map<string, TerritoryDistributions>();
  for (const row of rows) {
    const key = territoryKey(row.k, row.l, row.t);
    let territory = byTerritory.get(key);
    if (!territory) {
      territory = { byIndicator: new Map(), computedAt: null };
      byTerritory.set(key, territory);
    }
    const dto = toDto(row);
    territory.byIndicator.set(row.c, { dto, json: JSON.stringify(dto) });
    if (territory.computedAt === null || row.at > territory.computedAt) territory.computedAt = row.at;
  }
  return byTerritory;
}

/** The descriptions of a category's indicators, in the restitution's order. */
export function indicatorOpenings(definitions: readonly IndicatorDefinition[]): IndicatorOpening[] {
  return definitions.map((def) => {
    const description = JSON.stringify({
      code: def.code,
      label: def.label,
      axis: def.axis as IndicatorAxisCode,
      unit: def.unit,
      direction: def.direction,
      provisional: def.status === 'provisional',
      provisionalNotice: provisionalNotice(def) ?? null,
    });
    return { code: def.code, opening: `${description.slice(0, -1)},` };
  });
}

/** The `indicators` array of a structure's restitution, as JSON text. */
export function indicatorsJson(
  openings: readonly IndicatorOpening[],
  groups: Record<DistributionLevel, TerritoryDistributions | undefined>,
  year: number,
  own: readonly OwnValue[],
): string {
  const current = new Map<string, OwnValue>();
  const trends = new Map<string, string[]>();
  for (const o of own) {
    if (o[0] === year) current.set(o[1], o);
    const points = trends.get(o[1]) ?? [];
    points.push(`{"campaignYear":${o[0]},"value":${JSON.stringify(o[2])}}`);
    trends.set(o[1], points);
  }
  const parts = openings.map(({ code, opening }) => {
    const mine = current.get(code);
    const value = mine?.[2] ?? null;
    const reason = value === null ? (mine?.[3] ?? 'Non renseigné.') : null;
    const national = groups.NATION?.byIndicator.get(code);
    const regional = groups.REGION?.byIndicator.get(code);
    const departmental = groups.DEPARTMENT?.byIndicator.get(code);
    const position = (d: { dto: DistributionDto } | undefined) =>
      JSON.stringify(d && !d.dto.suppressed ? decilePosition(value, d.dto.deciles) : null);
    return (
      `${opening}"value":${JSON.stringify(value)},"reason":${JSON.stringify(reason)},` +
      `"decile":{"NATION":${position(national)},"REGION":${position(regional)},"DEPARTMENT":${position(departmental)}},` +
      `"national":${national?.json ?? 'null'},"regional":${regional?.json ?? 'null'},` +
      `"departmental":${departmental?.json ?? 'null'},"trend":[${(trends.get(code) ?? []).join(',')}]}`
    );
  });
  return `[${parts.join(',')}]`;
}

/** When the distributions of a structure's groups were last computed (null: never). */
export function groupsComputedAt(
  groups: Record<DistributionLevel, TerritoryDistributions | undefined>,
): string | null {
  let latest: string | null = null;
  for (const l of LEVELS) {
    const at = groups[l]?.computedAt ?? null;
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}
