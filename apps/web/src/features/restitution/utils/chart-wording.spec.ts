import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { niceTicks, ofIndicator } from './chart-wording';

describe('niceTicks', () => {
  it('gives round ticks around a single point', () => {
    expect(niceTicks(0.95, 0.95)).toEqual([0.85, 0.9, 0.95, 1, 1.05]);
    expect(niceTicks(27740, 27740)).toEqual([24000, 26000, 28000, 30000, 32000]);
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it('covers the range with multiples of one round step', () => {
    expect(niceTicks(12.3, 87.9)).toEqual([0, 20, 40, 60, 80, 100]);
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (lo, width) => {
          const ticks = niceTicks(lo, lo + width);
          const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(12);
          // Up to rounding: the ticks are multiples of the step written with its decimals.
          const slack = 1e-9 * Math.max(1, Math.abs(lo) + width);
          expect(ticks[0]).toBeLessThanOrEqual(lo + slack);
          expect(ticks.at(-1)).toBeGreaterThanOrEqual(lo + width - slack);
          const mantissa = step / 10 ** Math.floor(Math.log10(step));
          expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
        },
      ),
    );
  });
});

describe('ofIndicator', () => {
  it('writes the label inside a French sentence', () => {
    expect(ofIndicator('Taux d’occupation des lits')).toBe('du taux d’occupation des lits');
    expect(ofIndicator('Part des personnes de plus de 80 ans')).toBe(
      'de la part des personnes de plus de 80 ans',
    );
    expect(ofIndicator('Durée moyenne de séjour')).toBe('de la durée moyenne de séjour');
    expect(ofIndicator('ETP par place')).toBe('de l’ETP par place');
    expect(ofIndicator('Nombre de places')).toBe('du nombre de places');
  });
});
