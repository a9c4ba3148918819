import type { DistributionDto, DistributionLevel, IndicatorAxisCode } from '@tdb/contracts';
import { type IndicatorDefinition, provisionalNotice } from '@tdb/indicators';
import { decilePosition } from './deciles';

/**
 * A structure's restitution written as JSON text from pieces prepared once per peer group: every
 * structure of a category in a department shares the same indicator descriptions and the same
 * three distributions, so only its own values, positions and trend are written per request. This
 * is the hot path of the restitution page (the benchmark's target); the PDF and XLSX parse it back.
 */

/** A distribution as stored (short keys keep the group query light). */
export interface StoredDistribution {
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

/** One of the structure's own values: [campaign year, indicator code, value, reason]. */
export type OwnValue = [number, string, number | null, string | null];

interface IndicatorPiece {
  code: string;
  /** `{"code":…,"provisionalNotice":…,` — the indicator's description, up to its values. */
  opening: string;
  levels: Record<DistributionLevel, { dto: DistributionDto | null; json: string }>;
}

export interface GroupPieces {
  indicators: IndicatorPiece[];
  computedAt: string | null;
}

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

const LEVELS: DistributionLevel[] = ['NATION', 'REGION', 'DEPARTMENT'];

/** The pieces of one peer group: its category's indicators and their three distributions. */
export function groupPieces(
  definitions: readonly IndicatorDefinition[],
  stored: StoredDistribution[],
): GroupPieces {
  const byKey = new Map<string, DistributionDto>();
  let computedAt: string | null = null;
  for (const d of stored) {
    if (computedAt === null || d.at > computedAt) computedAt = d.at;
    byKey.set(`${d.c}/${d.l}`, toDto(d));
  }
  const indicators = definitions.map((def): IndicatorPiece => {
    const description = JSON.stringify({
      code: def.code,
      label: def.label,
      axis: def.axis as IndicatorAxisCode,
      unit: def.unit,
      direction: def.direction,
      provisional: def.status === 'provisional',
      provisionalNotice: provisionalNotice(def) ?? null,
    });
    const level = (l: DistributionLevel) => {
      const dto = byKey.get(`${def.code}/${l}`) ?? null;
      return { dto, json: JSON.stringify(dto) };
    };
    return {
      code: def.code,
      opening: `${description.slice(0, -1)},`,
      levels: { NATION: level('NATION'), REGION: level('REGION'), DEPARTMENT: level('DEPARTMENT') },
    };
  });
  return { indicators, computedAt };
}

/** The `indicators` array of a structure's restitution, as JSON text. */
export function indicatorsJson(pieces: GroupPieces, year: number, own: readonly OwnValue[]): string {
  const current = new Map<string, OwnValue>();
  const trends = new Map<string, string[]>();
  for (const o of own) {
    if (o[0] === year) current.set(o[1], o);
    const points = trends.get(o[1]) ?? [];
    points.push(`{"campaignYear":${o[0]},"value":${JSON.stringify(o[2])}}`);
    trends.set(o[1], points);
  }
  const parts = pieces.indicators.map((piece) => {
    const mine = current.get(piece.code);
    const value = mine?.[2] ?? null;
    const reason = value === null ? (mine?.[3] ?? 'Non renseigné.') : null;
    const positions = LEVELS.map((l) => {
      const dto = piece.levels[l].dto;
      return `"${l}":${JSON.stringify(dto && !dto.suppressed ? decilePosition(value, dto.deciles) : null)}`;
    });
    return (
      `${piece.opening}"value":${JSON.stringify(value)},"reason":${JSON.stringify(reason)},` +
      `"decile":{${positions.join(',')}},` +
      `"national":${piece.levels.NATION.json},"regional":${piece.levels.REGION.json},` +
      `"departmental":${piece.levels.DEPARTMENT.json},"trend":[${(trends.get(piece.code) ?? []).join(',')}]}`
    );
  });
  return `[${parts.join(',')}]`;
}
