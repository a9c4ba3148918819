import type { DistributionDefinition, DistributionShare } from './schema';

/**
 * A computed distribution as stored with its indicator row: its base and each part's value by key.
 * Labels come from the definition and shares are `value / base × 100`, exactly as `compute` takes
 * them, so they are derived on read instead of being written a million times (ADR 0008): the
 * labelled form was 80 % of the bytes a national recompute wrote.
 */
export interface StoredDistribution {
  readonly base: number;
  readonly values: Readonly<Record<string, number>>;
}

/** The stored form of a computed distribution. */
export function storedDistribution(result: {
  readonly base: number;
  readonly parts: readonly { readonly key: string; readonly value: number }[];
}): StoredDistribution {
  const values: Record<string, number> = {};
  for (const part of result.parts) values[part.key] = part.value;
  return { base: result.base, values };
}

/** A part's value and share, or null when the stored distribution has no such part. */
export function storedPart(stored: StoredDistribution, key: string): { value: number; share: number } | null {
  const value = stored.values[key];
  if (value === undefined) return null;
  return { value, share: shareOf(value, stored.base) };
}

/** The labelled shares of a stored distribution, in the definition's order of parts. */
export function distributionShares(
  definition: Pick<DistributionDefinition, 'parts'>,
  stored: StoredDistribution,
): DistributionShare[] {
  return definition.parts.flatMap((part) => {
    const value = stored.values[part.key];
    if (value === undefined) return [];
    return [{ key: part.key, label: part.label, value, share: shareOf(value, stored.base) }];
  });
}

// `+ 0` as in compute: no negative zero in what is shown.
const shareOf = (value: number, base: number) => (value / base) * 100 + 0;
