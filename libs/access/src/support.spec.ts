import { faqEntryVisible, faqReach, regionOfAuthority, scopeOf, supportAuthorities } from './index';
import { ACTORS, EHPAD_45, IME_45, SAVS_45, TODAY } from './test-fixtures';

describe('regional support', () => {
  it('sends a question to the authorities competent for the structure', () => {
    expect(supportAuthorities(EHPAD_45)).toEqual([
      { kind: 'ARS', code: '24' },
      { kind: 'CD', code: '45' },
    ]);
    expect(supportAuthorities(IME_45)).toEqual([{ kind: 'ARS', code: '24' }]);
    expect(supportAuthorities(SAVS_45)).toEqual([{ kind: 'CD', code: '45' }]);
  });

  it('finds the region of an authority', () => {
    expect(regionOfAuthority({ kind: 'ARS', code: '24' })).toBe('24');
    expect(regionOfAuthority({ kind: 'CD', code: '45' })).toBe('24');
    expect(regionOfAuthority({ kind: 'CD', code: '75' })).toBe('11');
    expect(regionOfAuthority({ kind: 'CD', code: 'ZZ' })).toBeNull();
  });

  it('reads the FAQ of its region and the national one', () => {
    const cd37 = faqReach(scopeOf(ACTORS['CD37 APR'], TODAY));
    expect(cd37).toEqual({ all: false, regions: ['24'], structures: [], ogs: [] });
    expect(faqEntryVisible(cd37, '24', [])).toBe(true);
    expect(faqEntryVisible(cd37, '11', [])).toBe(false);
    expect(faqEntryVisible(cd37, null, [])).toBe(true);
    const national = faqReach(scopeOf(ACTORS.NATIONAL, TODAY));
    expect(faqEntryVisible(national, '11', [])).toBe(true);
    const esms = faqReach(scopeOf(ACTORS['ESMS APE'], TODAY));
    expect(esms.structures).toEqual([EHPAD_45.finess]);
    expect(faqEntryVisible(esms, '24', ['24'])).toBe(true);
    expect(faqEntryVisible(esms, '11', ['24'])).toBe(false);
  });
});
