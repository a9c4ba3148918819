import { describe, expect, it } from 'vitest';
import {
  categoriesLabel,
  formatIndicatorValue,
  formatShare,
  normalizeText,
  sheetMatches,
  trendOf,
} from './indicator-format';
import { buildIndicatorSheet } from '@/testing/indicator-fixtures';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('indicator formatting', () => {
  it('formats values in French, with one decimal for percentages', () => {
    expect(plain(formatIndicatorValue(87.54, '%'))).toBe('87,5 %');
    expect(plain(formatIndicatorValue(90, '%'))).toBe('90,0 %');
    expect(plain(formatIndicatorValue(1254300.4, '€'))).toBe('1 254 300 €');
    expect(plain(formatIndicatorValue(0.654, 'ETP par place'))).toBe('0,65 ETP par place');
    expect(plain(formatIndicatorValue(1.5, 'ratio'))).toBe('1,5');
    expect(formatIndicatorValue(null, '%')).toBe('—');
    expect(plain(formatShare(34.56))).toBe('34,6 %');
  });

  it('reads the trend with the direction of the sheet', () => {
    expect(trendOf({ value: 90, previousValue: 85, unit: '%' }, 'higher_is_better')?.text).toBe(
      'En hausse (favorable)',
    );
    expect(trendOf({ value: 80, previousValue: 85, unit: '%' }, 'higher_is_better')?.text).toBe(
      'En baisse (défavorable)',
    );
    expect(trendOf({ value: 12, previousValue: 15, unit: 'jours' }, 'lower_is_better')?.text).toBe(
      'En baisse (favorable)',
    );
    expect(trendOf({ value: 87.54, previousValue: 87.46, unit: '%' })?.text).toBe('Stable');
    expect(trendOf({ value: 3, previousValue: 2, unit: 'points' }, 'neutral')?.text).toBe('En hausse');
    expect(trendOf({ value: 3, previousValue: null, unit: '%' })).toBeNull();
  });

  it('names the categories and searches without accents', () => {
    expect(categoriesLabel('ALL')).toBe('Toutes les catégories');
    expect(categoriesLabel(['EHPAD', 'SSIAD'])).toBe('EHPAD, SSIAD');
    expect(normalizeText('  Taux  d’ÉVÉNEMENTS ')).toBe('taux d’evenements');
    const sheet = buildIndicatorSheet({
      code: 'P01',
      label: "Taux d'occupation",
      meaning: 'Part des journées réalisées',
    });
    expect(sheetMatches(sheet, 'journees realisees')).toBe(true);
    expect(sheetMatches(sheet, 'p01')).toBe(true);
    expect(sheetMatches(sheet, 'OCCUPATION')).toBe(true);
    expect(sheetMatches(sheet, 'absentéisme')).toBe(false);
    expect(sheetMatches(sheet, '  ')).toBe(true);
  });
});
