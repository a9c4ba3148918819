/**
 * Order statistics on an ascending sorted array. Percentiles use linear interpolation between
 * order statistics (Hyndman & Fan type 7: R's default, numpy's "linear", Excel's PERCENTILE.INC):
 * P(p) = x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)·p/100. Hence P(0) is the minimum
 * and P(100) the maximum. An empty array has no percentile (undefined), never NaN.
 */

export type SortedValues = ArrayLike<number>;

/** Percentile p (0..100, clamped) of sorted values; undefined when there is none. */
export function percentile(sorted: SortedValues, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0 || !Number.isFinite(p)) return undefined;
  const clamped = Math.min(100, Math.max(0, p));
  const h = ((n - 1) * clamped) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const frac = h - lo;
  // a + frac·(b − a) could overflow for extreme values of opposite signs: interpolate safely.
  const value = frac === 0 || a === b ? a : a * (1 - frac) + b * frac;
  if (!Number.isFinite(value)) return a;
  return Math.min(Math.max(value, a), b) + 0;
}

export interface Quartiles {
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

/** Minimum, quartiles (type 7) and maximum; undefined for an empty array. */
export function quartiles(sorted: SortedValues): Quartiles | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  return {
    min: sorted[0] as number,
    q1: percentile(sorted, 25) as number,
    median: percentile(sorted, 50) as number,
    q3: percentile(sorted, 75) as number,
    max: sorted[n - 1] as number,
  };
}

/**
 * Tukey fences [Q1 − k·IQR, Q3 + k·IQR]; undefined for an empty array. With IQR = 0 (many ties)
 * the fences are Q1 and Q3 themselves. A fence beyond the range of finite numbers is clamped.
 */
export function tukeyFences(sorted: SortedValues, k: number): { lower: number; upper: number } | undefined {
  const q = quartiles(sorted);
  if (!q || !Number.isFinite(k) || k < 0) return undefined;
  const iqr = q.q3 - q.q1;
  const spread = Number.isFinite(iqr) ? k * iqr : Number.MAX_VALUE;
  const clamp = (x: number): number =>
    Number.isFinite(x) ? x : x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
  return { lower: clamp(q.q1 - spread), upper: clamp(q.q3 + spread) };
}

/** Sorts finite numbers ascending into a Float64Array (numeric sort, no comparator calls). */
export function sortedValues(values: readonly number[]): Float64Array {
  const array = Float64Array.from(values);
  array.sort();
  return array;
}
