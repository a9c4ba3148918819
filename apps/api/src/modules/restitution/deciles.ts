/**
 * Decile position 1…10 of `value` among the deciles D1…D9 of its group: 1 when value ≤ D1,
 * k when D(k-1) < value ≤ D(k), 10 when value > D9.
 */
export function decilePosition(value: number | null, deciles: readonly number[] | null): number | null {
  if (value === null || !Number.isFinite(value) || !deciles || deciles.length !== 9) return null;
  return 1 + deciles.filter((d) => value > d).length;
}
