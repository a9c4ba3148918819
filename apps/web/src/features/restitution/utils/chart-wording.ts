/**
 * Small pieces of the territory charts: round axis ticks, and an indicator's label inside a French
 * sentence (« médiane du taux d'occupation », « médiane de la part… »).
 */

/** The round step (1, 2 or 5 × 10^k) closest above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * About `count` round ticks covering [lo, hi]: multiples of one step (1, 2 or 5 × 10^k), the first
 * at or below `lo` and the last at or above `hi`, so that the axis can take them as its bounds. A
 * single value (lo = hi) gets a range of ±10 % around it.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  // One value (or values too close to draw apart): a small range around it.
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(lo))) {
    const half = Math.abs(lo) > 1e-9 ? Math.abs(lo) / 10 : 1;
    lo -= half;
    hi += half;
  }
  const step = niceStep((hi - lo) / count);
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  // Multiples of the step, rounded to its decimals (no 0.30000000000000004).
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
}

/** Feminine first words of the indicators' labels (the others are masculine). */
const FEMININE = new Set(['part', 'durée', 'répartition', 'file', 'structure', 'consommation', 'pyramide']);

/** « du taux d’occupation », « de la part… », « de l’activité » — for « Médiane … ». */
export function ofIndicator(label: string): string {
  // An acronym keeps its capitals (« ETP par place »).
  const acronym = /^\p{Lu}{2}/u.test(label);
  const text = acronym ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const first = text.split(/[\s’']/)[0] ?? '';
  if (/^[aeiouyéèêh]/i.test(text)) return `de l’${text}`;
  return FEMININE.has(first) ? `de la ${text}` : `du ${text}`;
}
