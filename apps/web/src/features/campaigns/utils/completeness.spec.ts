import { describe, expect, it } from 'vitest';
import { completenessRuleText, missingForThreshold } from './completeness';

describe('the completeness rule', () => {
  it('counts what is missing to reach the threshold, never rounding up', () => {
    // 87 of 100 expected, 90 % required: 3 more.
    expect(missingForThreshold(87, 100, 0.9)).toBe(3);
    // 200 of 230 (86.96 %): 90 % of 230 is 207, so 7 more.
    expect(missingForThreshold(200, 230, 0.9)).toBe(7);
    expect(missingForThreshold(207, 230, 0.9)).toBe(0);
    expect(missingForThreshold(90, 100, 0.9)).toBe(0);
    expect(missingForThreshold(0, 0, 0.9)).toBe(0);
  });

  it('says it in French, with the threshold of the campaign', () => {
    expect(completenessRuleText(200, 230, 0.9)).toBe(
      '86\u00a0% saisi, 90\u00a0% requis pour valider : encore 7 données à renseigner.',
    );
    expect(completenessRuleText(79, 100, 0.8)).toBe(
      '79\u00a0% saisi, 80\u00a0% requis pour valider : encore 1 donnée à renseigner.',
    );
    expect(completenessRuleText(95, 100, 0.9)).toBe(
      '95\u00a0% saisi : le seuil de 90\u00a0% requis pour valider est atteint.',
    );
  });
});
