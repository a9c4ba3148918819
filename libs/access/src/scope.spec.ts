import {
  auditSubjectVisible,
  auditVisibility,
  coversAsAuthority,
  organisationInScope,
  scopeOf,
  structureInScope,
} from './index';
import {
  ACTORS,
  EANM_45,
  EHPAD_11,
  EHPAD_37,
  EHPAD_45,
  IME_45,
  OG_45,
  ORG_EANM,
  SAVS_45,
  TODAY,
} from './test-fixtures';

describe('scopeOf', () => {
  it.each([
    ['NATIONAL', { all: true, authorities: [], ogs: [], structures: [] }],
    [
      'ARS24 READER',
      { all: false, authorities: [{ kind: 'ARS', code: '24', role: 'READER' }], ogs: [], structures: [] },
    ],
    [
      'CD45 APR',
      { all: false, authorities: [{ kind: 'CD', code: '45', role: 'APR' }], ogs: [], structures: [] },
    ],
    ['OG45 USER', { all: false, authorities: [], ogs: [OG_45], structures: [] }],
    ['ESMS APE', { all: false, authorities: [], ogs: [], structures: [EHPAD_45.finess] }],
  ] as const)('%s → %j', (name, scope) => {
    expect(scopeOf(ACTORS[name], TODAY)).toEqual(scope);
  });

  it('is plain data (JSON round trip), for the API to turn into SQL', () => {
    const scope = scopeOf(ACTORS['ARS24 APR'], TODAY);
    expect(JSON.parse(JSON.stringify(scope))).toEqual(scope);
  });

  it('an ARS covers ARS-only and shared structures of its region; a CD, CD-only and shared ones of its department', () => {
    const ars = scopeOf(ACTORS['ARS24 APR'], TODAY);
    const cd = scopeOf(ACTORS['CD45 APR'], TODAY);
    expect(
      [EHPAD_45, SAVS_45, IME_45, EANM_45, EHPAD_37, EHPAD_11].map((s) => structureInScope(ars, s)),
    ).toEqual([true, false, true, false, true, false]);
    expect(
      [EHPAD_45, SAVS_45, IME_45, EANM_45, EHPAD_37, EHPAD_11].map((s) => structureInScope(cd, s)),
    ).toEqual([true, true, false, true, false, false]);
  });

  it('reaches a structure as an authority only through a competent ARS or CD, or national', () => {
    const covers = (who: keyof typeof ACTORS) =>
      [EHPAD_45, SAVS_45, IME_45, EHPAD_11].map((s) => coversAsAuthority(scopeOf(ACTORS[who], TODAY), s));
    expect(covers('NATIONAL')).toEqual([true, true, true, true]);
    expect(covers('ARS24 READER')).toEqual([true, false, true, false]);
    expect(covers('CD45 CONTROLLER')).toEqual([true, true, false, false]);
    // In scope, but as the structure itself or its OG: not an authority.
    expect(covers('ESMS APE')).toEqual([false, false, false, false]);
    expect(covers('OG45 APE')).toEqual([false, false, false, false]);
    expect(structureInScope(scopeOf(ACTORS['OG45 APE'], TODAY), EHPAD_45)).toBe(true);
  });

  it('an OG is in scope through its own grants or one of its ESMS', () => {
    expect(organisationInScope(scopeOf(ACTORS['CD45 READER'], TODAY), ORG_EANM)).toBe(true);
    expect(organisationInScope(scopeOf(ACTORS['ARS24 READER'], TODAY), ORG_EANM)).toBe(false);
    expect(
      organisationInScope({ all: false, authorities: [], ogs: [ORG_EANM.finess], structures: [] }, ORG_EANM),
    ).toBe(true);
  });
});

describe('auditVisibility', () => {
  it('the national administrator reads everything', () => {
    expect(auditVisibility(ACTORS.NATIONAL, TODAY)).toEqual({ all: true });
  });

  it('an APR reads entries about its organisation and its scope; other profiles read nothing', () => {
    const visibility = auditVisibility(ACTORS['CD45 APR'], TODAY);
    expect(visibility).toEqual({
      all: false,
      organisations: [{ kind: 'CD', code: '45' }],
      scope: { all: false, authorities: [{ kind: 'CD', code: '45', role: 'APR' }], ogs: [], structures: [] },
    });
    expect(
      auditSubjectVisible(visibility, {
        organisation: { kind: 'ESMS', code: SAVS_45.finess },
        structure: SAVS_45,
      }),
    ).toBe(true);
    expect(
      auditSubjectVisible(visibility, {
        organisation: { kind: 'ESMS', code: IME_45.finess },
        structure: IME_45,
      }),
    ).toBe(false);
    // Facts about another structure than the subject are not trusted.
    expect(
      auditSubjectVisible(visibility, {
        organisation: { kind: 'ESMS', code: IME_45.finess },
        structure: SAVS_45,
      }),
    ).toBe(false);
    expect(auditVisibility(ACTORS['CD45 CONTROLLER'], TODAY)).toEqual({
      all: false,
      organisations: [],
      scope: { all: false, authorities: [], ogs: [], structures: [] },
    });
  });
});
