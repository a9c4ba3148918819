import type { DistributionDto, DistributionLevel, RestitutionIndicator } from '@tdb/contracts';

export const LEVELS: readonly DistributionLevel[] = ['NATION', 'REGION', 'DEPARTMENT'];

export const LEVEL_LABELS: Readonly<Record<DistributionLevel, string>> = {
  NATION: 'National',
  REGION: 'Région',
  DEPARTMENT: 'Département',
};

/** "la médiane nationale", for sentences. */
export const LEVEL_ADJECTIVES: Readonly<Record<DistributionLevel, string>> = {
  NATION: 'nationale',
  REGION: 'régionale',
  DEPARTMENT: 'départementale',
};

/** Short mark of a level's median on the band chart. */
export const LEVEL_MARKS: Readonly<Record<DistributionLevel, string>> = {
  NATION: 'N',
  REGION: 'R',
  DEPARTMENT: 'D',
};

export const SUPPRESSED_TEXT = 'effectif insuffisant (moins de 5)';
export const NOT_COMPUTED_TEXT = 'distribution non calculée';

export function distributionOf(
  indicator: Pick<RestitutionIndicator, 'national' | 'regional' | 'departmental'>,
  level: DistributionLevel,
): DistributionDto | null {
  if (level === 'NATION') return indicator.national;
  if (level === 'REGION') return indicator.regional;
  return indicator.departmental;
}

/** Whether a distribution can be shown (computed, not suppressed, with its deciles). */
export function isUsable(
  distribution: DistributionDto | null | undefined,
): distribution is DistributionDto & {
  deciles: number[];
} {
  return (
    !!distribution &&
    !distribution.suppressed &&
    Array.isArray(distribution.deciles) &&
    distribution.deciles.length === 9
  );
}

/** Why a level cannot be shown, or null when it can. */
export function unavailableReason(distribution: DistributionDto | null | undefined): string | null {
  if (!distribution) return NOT_COMPUTED_TEXT;
  if (distribution.suppressed) return SUPPRESSED_TEXT;
  if (!isUsable(distribution)) return NOT_COMPUTED_TEXT;
  return null;
}

/** "1er décile", "7e décile". */
export function decileOrdinal(decile: number): string {
  return decile === 1 ? '1er décile' : `${decile}e décile`;
}

/**
 * A sequential 10-step palette (DSFR blue "France", light to dark): neutral, since a high value is
 * not always good. The text colour keeps a contrast of at least 4.5:1 on each step.
 */
export const DECILE_PALETTE: readonly { background: string; text: string }[] = [
  { background: '#f3f6fe', text: '#161616' },
  { background: '#e3e9fb', text: '#161616' },
  { background: '#cad5f6', text: '#161616' },
  { background: '#aebff1', text: '#161616' },
  { background: '#8fa5ea', text: '#161616' },
  { background: '#6f88e0', text: '#000000' },
  { background: '#4f68cf', text: '#ffffff' },
  { background: '#3549b6', text: '#ffffff' },
  { background: '#1f2f99', text: '#ffffff' },
  { background: '#000091', text: '#ffffff' },
];

export function decileColours(
  decile: number | null | undefined,
): { background: string; text: string } | null {
  if (decile === null || decile === undefined || decile < 1 || decile > 10) return null;
  return DECILE_PALETTE[decile - 1] ?? null;
}

/** The decile (1…10) of a value among D1…D9, as the API computes it (value ≤ Dk → k). */
export function decileOfValue(value: number, deciles: readonly number[]): number {
  for (let k = 0; k < deciles.length; k++) {
    const bound = deciles[k];
    if (bound !== undefined && value <= bound) return k + 1;
  }
  return 10;
}

/** Classes of a map legend: `count` equal-width classes between min and max. */
export function equalClasses(values: readonly number[], count = 5): { from: number; to: number }[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ from: min, to: max }];
  const step = (max - min) / count;
  return Array.from({ length: count }, (_, i) => ({
    from: min + i * step,
    to: i === count - 1 ? max : min + (i + 1) * step,
  }));
}

/** The index of the class holding `value` (the last class includes its upper bound). */
export function classIndexOf(value: number, classes: readonly { from: number; to: number }[]): number {
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (c && value <= c.to) return i;
  }
  return Math.max(0, classes.length - 1);
}
