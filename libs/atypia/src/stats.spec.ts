import { percentile, quartiles, sortedValues, tukeyFences } from './stats';

// Every expected figure below was worked out by hand (type 7: h = (n − 1)·p/100).
describe('percentile (linear interpolation between order statistics)', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it.each([
    [0, 1],
    [5, 1.45], // h = 0.45 → 1 + 0.45 × (2 − 1)
    [25, 3.25], // h = 2.25 → 3 + 0.25 × (4 − 3)
    [50, 5.5], // h = 4.5
    [75, 7.75], // h = 6.75
    [95, 9.55], // h = 8.55
    [100, 10],
  ])('P%d of 1..10 is %d', (p, expected) => {
    expect(percentile(ten, p)).toBeCloseTo(expected, 10);
  });

  it('handles ties: [2, 2, 2, 2, 10]', () => {
    const ties = [2, 2, 2, 2, 10];
    expect(percentile(ties, 25)).toBe(2);
    expect(percentile(ties, 75)).toBe(2); // h = 3
    expect(percentile(ties, 95)).toBeCloseTo(8.4, 10); // h = 3.8 → 2 + 0.8 × 8
  });

  it('gives the only value for n = 1 and nothing for n = 0', () => {
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([7], 37.5)).toBe(7);
    expect(percentile([7], 100)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
    expect(quartiles([])).toBeUndefined();
    expect(tukeyFences([], 1.5)).toBeUndefined();
  });

  it('clamps p to 0..100 and refuses a non-finite p', () => {
    expect(percentile(ten, -5)).toBe(1);
    expect(percentile(ten, 250)).toBe(10);
    expect(percentile(ten, NaN)).toBeUndefined();
  });

  it('never overflows between extreme values', () => {
    const v = percentile([-Number.MAX_VALUE, Number.MAX_VALUE], 50);
    expect(Number.isFinite(v)).toBe(true);
  });
});

describe('quartiles and Tukey fences', () => {
  it('1..10: Q1 3.25, median 5.5, Q3 7.75, fences −3.5 and 14.5 (k = 1.5)', () => {
    expect(quartiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      min: 1,
      q1: 3.25,
      median: 5.5,
      q3: 7.75,
      max: 10,
    });
    // IQR = 4.5 → 3.25 − 6.75 and 7.75 + 6.75
    expect(tukeyFences([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.5)).toEqual({ lower: -3.5, upper: 14.5 });
  });

  it('with IQR = 0 the fences are Q1 and Q3', () => {
    expect(tukeyFences([2, 2, 2, 2, 10], 1.5)).toEqual({ lower: 2, upper: 2 });
  });

  it('n = 1: every fence is the value itself', () => {
    expect(tukeyFences([7], 3)).toEqual({ lower: 7, upper: 7 });
  });

  it('clamps fences beyond the finite range', () => {
    const f = tukeyFences([-Number.MAX_VALUE, 0, 0, Number.MAX_VALUE], 3);
    expect(Number.isFinite(f?.lower)).toBe(true);
    expect(Number.isFinite(f?.upper)).toBe(true);
  });

  it('sortedValues sorts numerically, not as text', () => {
    expect([...sortedValues([10, 9, 100, -1, 2.5])]).toEqual([-1, 2.5, 9, 10, 100]);
  });
});
