import { describe, expect, it } from 'vitest';
import { campaignLabel, withFieldLabel } from './labels';

describe('labels', () => {
  it('names a past campaign with the year of its data', () => {
    expect(campaignLabel(2025)).toBe('Campagne 2025 (données 2024)');
  });

  it('puts the field before a message once', () => {
    expect(withFieldLabel("Taux d'occupation", 'Donnée obligatoire.')).toBe(
      "Taux d'occupation : Donnée obligatoire.",
    );
    expect(withFieldLabel("Taux d'occupation", "Taux d'occupation : Donnée obligatoire.")).toBe(
      "Taux d'occupation : Donnée obligatoire.",
    );
  });
});
