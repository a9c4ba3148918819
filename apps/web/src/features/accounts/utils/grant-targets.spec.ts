import { describe, expect, it } from 'vitest';
import { buildGrant } from '@/testing/fixtures';
import { checkGrantDraft, EMPTY_GRANT_DRAFT, grantTargetOptions, toGrantInput } from './grant-targets';

const today = '2026-11-23';
const summary = (grants: Parameters<typeof grantTargetOptions>[0]['grants']) =>
  grantTargetOptions({ grants }, today).map((o) => ({
    kind: o.kind,
    roles: o.roles,
    any: o.any,
    fixed: o.fixed.map((f) => f.ref.code),
    ofOgs: o.ofOgs,
  }));

describe('what an account may grant', () => {
  it('national administrator: every kind, every role', () => {
    expect(summary([buildGrant()])).toEqual([
      { kind: 'NATIONAL', roles: ['NATIONAL_ADMIN'], any: false, fixed: ['FR'], ofOgs: [] },
      { kind: 'ARS', roles: ['APR', 'CONTROLLER', 'READER'], any: true, fixed: [], ofOgs: [] },
      { kind: 'CD', roles: ['APR', 'CONTROLLER', 'READER'], any: true, fixed: [], ofOgs: [] },
      { kind: 'OG', roles: ['APE', 'USER'], any: true, fixed: [], ofOgs: [] },
      { kind: 'ESMS', roles: ['APE', 'USER'], any: true, fixed: [], ofOgs: [] },
    ]);
  });

  it('APR: its own authority (controllers, readers) and the APE of ESMS and OG', () => {
    const apr = buildGrant({
      role: 'APR',
      organisation: { kind: 'ARS', code: '24' },
      organisationLabel: 'ARS Centre-Val de Loire',
    });
    expect(summary([apr])).toEqual([
      { kind: 'ARS', roles: ['CONTROLLER', 'READER'], any: false, fixed: ['24'], ofOgs: [] },
      { kind: 'OG', roles: ['APE', 'USER'], any: true, fixed: [], ofOgs: [] },
      { kind: 'ESMS', roles: ['APE', 'USER'], any: true, fixed: [], ofOgs: [] },
    ]);
  });

  it('APE of an OG: its ESMS (APE, USER) and the OG itself (USER); APE of an ESMS: that ESMS (USER)', () => {
    const ogApe = buildGrant({ role: 'APE', organisation: { kind: 'OG', code: '450000010' } });
    expect(summary([ogApe])).toEqual([
      { kind: 'OG', roles: ['USER'], any: false, fixed: ['450000010'], ofOgs: [] },
      { kind: 'ESMS', roles: ['APE', 'USER'], any: false, fixed: [], ofOgs: ['450000010'] },
    ]);
    const esmsApe = buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '450000018' } });
    expect(summary([esmsApe])).toEqual([
      { kind: 'ESMS', roles: ['USER'], any: false, fixed: ['450000018'], ofOgs: [] },
    ]);
  });

  it('nothing for controllers, readers and users, nor for grants outside their dates', () => {
    expect(summary([buildGrant({ role: 'READER', organisation: { kind: 'CD', code: '45' } })])).toEqual([]);
    expect(
      summary([
        buildGrant({ role: 'USER', organisation: { kind: 'ESMS', code: '450000018' }, rights: ['ENTRY'] }),
      ]),
    ).toEqual([]);
    expect(summary([buildGrant({ validUntil: '2026-11-22' })])).toEqual([]);
    expect(summary([buildGrant({ validFrom: '2026-11-24' })])).toEqual([]);
  });
});

describe('the grant draft', () => {
  it('becomes the GrantInput of the API, leaving empty options out', () => {
    expect(
      toGrantInput({
        ...EMPTY_GRANT_DRAFT,
        kind: 'ESMS',
        code: '450000018',
        role: 'USER',
        rights: ['READ', 'ENTRY'],
        entryDomains: ['FINANCES', 'CARACTERISATION'],
        validUntil: '2027-06-30',
      }),
    ).toEqual({
      organisation: { kind: 'ESMS', code: '450000018' },
      role: 'USER',
      rights: ['ENTRY', 'READ'],
      entryDomains: ['CARACTERISATION', 'FINANCES'],
      validUntil: '2027-06-30',
    });
    expect(
      toGrantInput({
        ...EMPTY_GRANT_DRAFT,
        kind: 'ESMS',
        code: '450000018',
        role: 'USER',
        rights: ['ENTRY'],
      }),
    ).toMatchObject({
      entryDomains: null,
    });
    expect(
      toGrantInput({ ...EMPTY_GRANT_DRAFT, kind: 'CD', code: '45', role: 'READER', rights: ['READ'] }),
    ).toEqual({
      organisation: { kind: 'CD', code: '45' },
      role: 'READER',
    });
  });

  it('is checked before sending', () => {
    expect(checkGrantDraft(EMPTY_GRANT_DRAFT)).toMatchObject({
      kind: expect.any(String),
      role: expect.any(String),
    });
    expect(checkGrantDraft({ ...EMPTY_GRANT_DRAFT, kind: 'OG', code: '12345', role: 'APE' })).toEqual({
      code: 'Le numéro FINESS compte 9 caractères (chiffres, ou 2A / 2B pour la Corse).',
    });
    expect(checkGrantDraft({ ...EMPTY_GRANT_DRAFT, kind: 'ESMS', code: '450000018', role: 'USER' })).toEqual({
      rights: 'Cochez au moins un droit.',
    });
    expect(
      checkGrantDraft({
        ...EMPTY_GRANT_DRAFT,
        kind: 'ARS',
        code: '24',
        role: 'READER',
        validFrom: '2027-01-01',
        validUntil: '2026-12-31',
      }),
    ).toEqual({ validUntil: 'La date de fin doit suivre la date de début.' });
  });
});
