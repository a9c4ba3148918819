/**
 * How many decimals a published figure keeps, by the indicator's unit (ADR 0013). A percentile of
 * a few dozen structures is not known to fifteen digits: the open data print what is meaningful.
 *
 * - rates and shares (%): 1 decimal (86.3 %);
 * - money (€): whole euros;
 * - days, scores (points) and energy (kWh/m²): 1 decimal (184.8 days);
 * - counts (people, contracts, ETP) and ratios (rotation, staff per place): 2 decimals — a
 *   quartile of counts interpolates between structures (12.25), and ratios live around 0.1–2.
 *
 * Any other unit keeps 2 decimals.
 */
export const PUBLISHED_DECIMALS: Readonly<Record<string, number>> = {
  '%': 1,
  '€': 0,
  jours: 1,
  points: 1,
  'kWh/m²': 1,
  personnes: 2,
  contrats: 2,
  ETP: 2,
  ratio: 2,
  'ETP par place': 2,
};

/** The decimals kept for `unit` (2 for a unit not listed). */
export function publishedDecimals(unit: string): number {
  return PUBLISHED_DECIMALS[unit] ?? 2;
}

/**
 * `value` rounded to the decimals of `unit`, half away from zero, as the nearest double of the
 * decimal number (so that it prints as such: 184.81886501589747 % → 184.8). Null stays null.
 */
export function roundForUnit(value: number | null, unit: string): number | null {
  if (value === null || !Number.isFinite(value)) return value;
  const scale = 10 ** publishedDecimals(unit);
  // toPrecision(15) first: 1.005 × 100 is 100.49999999999999 in binary, 100.5 in decimal.
  const scaled = Number((Math.abs(value) * scale).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / scale;
  return rounded === 0 ? 0 : rounded;
}
