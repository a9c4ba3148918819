import { describe, expect, it } from 'vitest';
import { formatHours, pageLabel } from './labels';

describe('support labels', () => {
  it('writes a delay in hours, then days', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(2.5)).toBe('2,5 h');
    expect(formatHours(72)).toBe('3 j');
  });

  it('names the page a question was asked from', () => {
    expect(pageLabel('/campagnes/2026/structures/450000123')).toBe('Formulaire de saisie');
    expect(pageLabel('/campagnes/2026/structures/450000123/indicateurs')).toBe('Indicateurs de la structure');
    expect(pageLabel('/')).toBe('Accueil (Mes étapes)');
    expect(pageLabel('/ailleurs')).toBe('/ailleurs');
    expect(pageLabel(null)).toBeNull();
  });
});
