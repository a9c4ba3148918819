import { PUBLISHED_DECIMALS, getIndicatorDefinitions, publishedDecimals, roundForUnit } from './index';

describe('roundForUnit', () => {
  it.each([
    [184.81886501589747, '%', 184.8],
    [86.25, '%', 86.3],
    [98.25, '%', 98.3],
    [93, '%', 93],
    [1.005, 'personnes', 1.01],
    [12.345, 'personnes', 12.35],
    [0.123456, 'ratio', 0.12],
    [0.875, 'ETP par place', 0.88],
    [184.81886501589747, 'jours', 184.8],
    [754.5, '€', 755],
    [1234.4999, '€', 1234],
    [-2.25, '%', -2.3],
    [-0.04, '%', 0],
    [3.14159, 'unité inconnue', 3.14],
  ])('%s %s → %s', (value, unit, rounded) => {
    expect(roundForUnit(value, unit)).toBe(rounded);
  });

  it('prints as the decimal number (no binary tail)', () => {
    expect(String(roundForUnit(0.1 + 0.2, '%'))).toBe('0.3');
    expect(String(roundForUnit(184.81886501589747, '%'))).toBe('184.8');
  });

  it('keeps null and non-finite values as they are', () => {
    expect(roundForUnit(null, '%')).toBeNull();
    expect(roundForUnit(Number.NaN, '%')).toBeNaN();
  });

  it('has a rule for every unit of the 2026 indicators', () => {
    const units = new Set(getIndicatorDefinitions(2026).indicators.map((d) => d.unit));
    for (const unit of units) expect(Object.keys(PUBLISHED_DECIMALS)).toContain(unit);
    expect(publishedDecimals('%')).toBe(1);
  });
});
