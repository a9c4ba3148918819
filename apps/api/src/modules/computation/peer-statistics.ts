import { percentile, type PeerGroupValues } from '@tdb/atypia';
import type { DistributionLevel } from '@tdb/contracts';
import type { TimeSlicer } from '../../common/concurrency/time-slicer';

/** Statistical secrecy: a group of fewer structures is never shown. */
export const MIN_GROUP_SIZE = 5;

/** The quantiles stored for each group: D1…D9. */
export const DECILE_FRACTIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * The peers of one campaign, in SQL: in scope, and VALIDATED or CONFIRMED. Written once; the
 * distributions of the restitution and the references of the atypia rules both read it.
 */
export const PEER_POPULATION = `sub.in_scope AND sub.status IN ('VALIDATED', 'CONFIRMED')`;

/** The finest groups as read from the database: one indicator, one category, one department. */
export interface DepartmentGroup {
  code: string;
  categoryCode: string;
  regionCode: string | null;
  departmentCode: string | null;
  sorted: ArrayLike<number>;
}

/** A distribution row of the restitution (figures only when the group is large enough). */
export interface DistributionRow {
  indicatorCode: string;
  categoryCode: string;
  level: DistributionLevel;
  territoryCode: string;
  n: number;
  mean: number;
  min: number;
  max: number;
  deciles: number[];
}

const LEVELS: readonly { peer: PeerGroupValues['level']; distribution: DistributionLevel }[] = [
  { peer: 'national', distribution: 'NATION' },
  { peer: 'region', distribution: 'REGION' },
  { peer: 'department', distribution: 'DEPARTMENT' },
];

const present = (code: string | null): code is string => typeof code === 'string' && code.trim() !== '';

/**
 * The groups of every indicator at every level (department, region, nation), each sorted once,
 * from the department groups (merged upwards, never read twice); in `slicer`'s slices.
 */
export async function groupsByIndicator(
  finest: readonly DepartmentGroup[],
  slicer: TimeSlicer,
): Promise<Map<string, PeerGroupValues[]>> {
  const buckets = new Map<
    string,
    { code: string; group: Omit<PeerGroupValues, 'sorted'>; parts: ArrayLike<number>[] }
  >();
  const add = (
    code: string,
    categoryCode: string,
    level: PeerGroupValues['level'],
    territoryCode: string,
    values: ArrayLike<number>,
  ) => {
    const key = `${code}|${categoryCode}|${level}|${territoryCode}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { code, group: { categoryCode, level, territoryCode }, parts: [] };
      buckets.set(key, bucket);
    }
    bucket.parts.push(values);
  };
  for (const g of finest) {
    add(g.code, g.categoryCode, 'national', 'FR', g.sorted);
    if (present(g.regionCode)) add(g.code, g.categoryCode, 'region', g.regionCode, g.sorted);
    if (present(g.departmentCode)) add(g.code, g.categoryCode, 'department', g.departmentCode, g.sorted);
    if (slicer.due()) await slicer.yield();
  }
  const out = new Map<string, PeerGroupValues[]>();
  for (const { code, group, parts } of buckets.values()) {
    const sorted = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      sorted.set(part, offset);
      offset += part.length;
    }
    // Parts come sorted: one part needs no sort (a department group), several are merged by sort.
    if (parts.length > 1) sorted.sort();
    const list = out.get(code) ?? [];
    list.push({ ...group, sorted });
    out.set(code, list);
    if (slicer.due()) await slicer.yield();
  }
  return out;
}

/** The distribution of one group: size, mean, extremes and deciles (percentile type 7, as SQL's percentile_cont). */
export function distributionOf(code: string, group: PeerGroupValues): DistributionRow {
  const { sorted } = group;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] as number;
  return {
    indicatorCode: code,
    categoryCode: group.categoryCode,
    level: LEVELS.find((l) => l.peer === group.level)!.distribution,
    territoryCode: group.territoryCode,
    n: sorted.length,
    mean: sum / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    deciles: DECILE_FRACTIONS.map((f) => percentile(sorted, f * 100) as number),
  };
}
