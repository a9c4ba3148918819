import { describe, expect, it } from 'vitest';
import { medianLabels } from './decile-band';

describe('medianLabels', () => {
  it('gives each median its own label when they stand apart', () => {
    expect(
      medianLabels([
        { level: 'NATION', x: 100 },
        { level: 'DEPARTMENT', x: 300 },
      ]),
    ).toEqual([
      { x: 100, text: 'Méd. N' },
      { x: 300, text: 'Méd. D' },
    ]);
  });

  it('shares one label between close medians, in the order of the bar', () => {
    expect(
      medianLabels([
        { level: 'DEPARTMENT', x: 210 },
        { level: 'NATION', x: 200 },
        { level: 'REGION', x: 200 },
        { level: 'REGION', x: 500 },
      ]).map((l) => l.text),
    ).toEqual(['Méd. N·R·D', 'Méd. R']);
  });

  it('keeps a label inside the chart near its edges', () => {
    const [left] = medianLabels([{ level: 'NATION', x: 16 }]);
    expect(left!.x).toBeGreaterThan(16);
  });
});
