import { describe, expect, it } from 'vitest';
import { groupSecret, normaliseTotpCode, TOTP_CODE } from './totp';

describe('second factor helpers', () => {
  it('groups the secret by 4 characters', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('jbswy3dpehpk3pxpab')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret('')).toBe('');
  });

  it('accepts 6 digits, spaces left out', () => {
    expect(TOTP_CODE.test(normaliseTotpCode(' 123 456 '))).toBe(true);
    expect(TOTP_CODE.test(normaliseTotpCode('12345'))).toBe(false);
    expect(TOTP_CODE.test(normaliseTotpCode('12345a'))).toBe(false);
  });
});
