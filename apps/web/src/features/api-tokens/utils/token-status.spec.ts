import { describe, expect, it } from 'vitest';
import { buildGrant } from '@/testing/fixtures';
import { apiTokenStatus, dayAfter, tokenOrganisationChoices } from './token-status';

const now = new Date('2026-11-23T10:00:00.000Z');

describe('API token helpers', () => {
  it('say whether a token is active, expired or revoked', () => {
    expect(apiTokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('ACTIVE');
    expect(apiTokenStatus({ revokedAt: null, expiresAt: '2027-01-01T00:00:00.000Z' }, now)).toBe('ACTIVE');
    expect(apiTokenStatus({ revokedAt: null, expiresAt: '2026-11-01T00:00:00.000Z' }, now)).toBe('EXPIRED');
    expect(
      apiTokenStatus({ revokedAt: '2026-11-20T00:00:00.000Z', expiresAt: '2026-11-01T00:00:00.000Z' }, now),
    ).toBe('REVOKED');
  });

  it('offer the national administrator any authority, an APR its own', () => {
    expect(tokenOrganisationChoices({ grants: [buildGrant()] }, '2026-11-23')).toEqual({
      any: true,
      own: [],
    });
    const apr = buildGrant({
      role: 'APR',
      organisation: { kind: 'CD', code: '45' },
      organisationLabel: 'Département 45 (Loiret)',
    });
    const ape = buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '450000018' } });
    expect(tokenOrganisationChoices({ grants: [apr, ape] }, '2026-11-23')).toEqual({
      any: false,
      own: [{ ref: { kind: 'CD', code: '45' }, label: 'Département 45 (Loiret)' }],
    });
  });

  it('gives the day after', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });
});
