import { formatCount, percent } from '@/lib/format';

/**
 * How many more expected data must be entered to reach the campaign's threshold: the smallest n
 * with (filled + n) / expected ≥ threshold, as the status machine judges it (0 once reached).
 */
export function missingForThreshold(filled: number, expected: number, threshold: number): number {
  if (expected <= 0) return 0;
  return Math.max(0, Math.ceil(threshold * expected - 1e-9) - filled);
}

/** Threshold as a whole percentage, rounded up (as the status machine words it). */
function thresholdPercent(threshold: number): string {
  return `${Math.ceil(threshold * 100 - 1e-9)}\u00a0%`;
}

/**
 * The completeness rule in one sentence: « 87 % saisi, 90 % requis pour valider : encore 8 données
 * à renseigner. », or that it is reached.
 */
export function completenessRuleText(filled: number, expected: number, threshold: number): string {
  const ratio = expected === 0 ? 1 : filled / expected;
  const missing = missingForThreshold(filled, expected, threshold);
  const required = thresholdPercent(threshold);
  if (missing === 0)
    return `${percent(ratio)} saisi : le seuil de ${required} requis pour valider est atteint.`;
  return `${percent(ratio)} saisi, ${required} requis pour valider : encore ${formatCount(missing, 'donnée', 'données')} à renseigner.`;
}
