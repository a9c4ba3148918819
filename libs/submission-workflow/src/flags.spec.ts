import { describeFlagActions, type FlagContext } from './index';

const base: FlagContext = {
  flagStatus: 'OPEN',
  campaignOpen: true,
  role: 'ARS_CONTROLLER',
  competence: 'SHARED',
  submission: { status: 'VALIDATED', consultedByCd: false, reopenedByAuthority: false },
  phase: 'FIABILISATION',
  today: '2026-06-10',
  dates: {
    launch: '2026-01-15',
    accountsSetup: '2026-03-01',
    collectionStart: '2026-04-15',
    collectionEnd: '2026-05-31',
    fiabilisationStart: '2026-06-01',
    fiabilisationEnd: '2026-08-31',
    restitutionStart: '2026-09-01',
  },
};
const allowed = (c: FlagContext) =>
  describeFlagActions(c)
    .filter((o) => o.allowed)
    .map((o) => o.action);
const reasonOf = (c: FlagContext, action: string) =>
  describeFlagActions(c).find((o) => o.action === action)?.reason;

describe('atypia flag actions', () => {
  it('lets the authority comment and decide, the structure justify', () => {
    expect(allowed(base)).toEqual(['COMMENT', 'ACCEPT', 'TO_CORRECT']);
    expect(allowed({ ...base, role: 'STRUCTURE_ENTRY' })).toEqual(['JUSTIFY']);
    expect(allowed({ ...base, role: 'READER' })).toEqual([]);
    expect(allowed({ ...base, role: null })).toEqual([]);
  });

  it('refuses "Faire corriger" upfront when the submission cannot go back, with the machine’s reason', () => {
    // Not validated (here confirmed): the flag is marked, the submission stays as it is.
    const confirmed = { ...base, submission: { ...base.submission, status: 'CONFIRMED' as const } };
    expect(allowed(confirmed)).toEqual(['COMMENT', 'ACCEPT', 'TO_CORRECT']);
    // The fiabilisation is over: the ARS can no longer invalidate.
    const after = { ...base, phase: 'RESTITUTION' as const, today: '2026-10-01' };
    expect(reasonOf(after, 'TO_CORRECT')).toBe(
      'La saisie ne peut pas être renvoyée à la structure : la fiabilisation est close depuis le 31 août 2026.',
    );
    // A Département on an ARS-only structure.
    expect(reasonOf({ ...base, role: 'CD_CONTROLLER', competence: 'ARS' }, 'TO_CORRECT')).toMatch(
      /seule ARS/,
    );
  });

  it('says the thread is read-only when the campaign is closed or the flag resolved', () => {
    expect(reasonOf({ ...base, campaignOpen: false }, 'COMMENT')).toBe(
      "La campagne n'est pas ouverte : le fil est en lecture seule.",
    );
    expect(reasonOf({ ...base, flagStatus: 'RESOLVED', role: 'STRUCTURE_ENTRY' }, 'JUSTIFY')).toMatch(
      /résolu/,
    );
  });
});
