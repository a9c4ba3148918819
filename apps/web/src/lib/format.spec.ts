import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatPhone, formatSiret } from './format';

const normalise = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

describe('French formatting', () => {
  it('groups thousands and agrees in number (0 and 1 are singular in French)', () => {
    expect(normalise(formatCount(1254, 'structure', 'structures'))).toBe('1 254 structures');
    expect(formatCount(1, 'structure', 'structures')).toBe('1 structure');
    expect(formatCount(0, 'structure', 'structures')).toBe('0 structure');
  });

  it('writes dates the French way, in Paris time', () => {
    expect(formatDate('1998-03-01')).toBe('1 mars 1998');
    expect(formatDate(null)).toBeNull();
    expect(formatDateTime('2026-11-23T23:30:00.000Z')).toBe('24 novembre 2026 à 00:30');
  });

  it('spaces phone numbers and SIRET', () => {
    expect(formatPhone('0143434343')).toBe('01 43 43 43 43');
    expect(formatPhone('+33 1 43')).toBe('+33 1 43');
    expect(formatSiret('12345678900012')).toBe('123 456 789 00012');
  });
});
