import {
  formatAbsoluteChange,
  formatNumber,
  formatRatio,
  formatRelativeChange,
  formatValue,
  ordinalPercentile,
  placeholdersOf,
  renderTemplate,
} from './format';

describe('French number formatting', () => {
  it('groups thousands with a plain space and uses a decimal comma', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1 234 567,89');
    expect(formatValue(4520000, '€')).toBe('4 520 000 €');
    expect(formatValue(98.66, '%')).toBe('98,7 %');
    expect(formatValue(142, '%')).toBe('142 %');
    expect(formatValue(0.634, 'ETP par place')).toBe('0,63 ETP par place');
    expect(formatValue(12.5, 'ETP')).toBe('12,5 ETP');
  });

  it('never prints NaN, Infinity or -0', () => {
    expect(formatNumber(NaN)).toBe('–');
    expect(formatNumber(Infinity)).toBe('–');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0.0001, 1)).toBe('0');
  });

  it('writes plural units in the singular below 2', () => {
    expect(formatValue(1, 'personnes')).toBe('1 personne');
    expect(formatValue(1.5, 'lits/places')).toBe('1,5 lit/place');
    expect(formatValue(2, 'personnes')).toBe('2 personnes');
    expect(formatValue(1, 'ETP')).toBe('1 ETP');
  });

  it('formats changes and ratios', () => {
    expect(formatRelativeChange(0.4)).toBe('+40 %');
    expect(formatRelativeChange(-0.125)).toBe('-12,5 %');
    expect(formatRelativeChange(0)).toBe('0 %');
    expect(formatRelativeChange(9.99)).toBe('+999 %');
    expect(formatAbsoluteChange(12, '%')).toBe('+12 pts');
    expect(formatAbsoluteChange(-1, '%')).toBe('-1 pt');
    expect(formatAbsoluteChange(5, 'lits/places')).toBe('+5 lits/places');
    expect(formatRatio(1000)).toBe('× 1 000');
    expect(formatRatio(0.001)).toBe('÷ 1 000');
    expect(formatRatio(12.5)).toBe('× 12,5');
  });

  it('writes percentile ordinals', () => {
    expect(ordinalPercentile(95)).toBe('95e centile');
    expect(ordinalPercentile(1)).toBe('1er centile');
    expect(ordinalPercentile(2.5)).toBe('2,5e centile');
  });

  it('renders templates and lists their placeholders', () => {
    expect(renderTemplate('{a} et {b} ; {c}', { a: '1', b: '2' })).toBe('1 et 2 ; {c}');
    expect(renderTemplate('{constructor}', {})).toBe('{constructor}');
    expect(placeholdersOf('x {value} : {reason}{value} { bad }')).toEqual(['value', 'reason', ' bad ']);
  });
});
