import fc from 'fast-check';
import type { Competence } from '@tdb/reference';
import {
  CAMPAIGN_PHASES,
  CampaignDates,
  SUBMISSION_STATUSES,
  WORKFLOW_ROLES,
  describeActions,
  extensionRefusal,
  transition,
  type SubmissionState,
} from './index';

const DATES: CampaignDates = {
  launch: '2026-01-15',
  accountsSetup: '2026-03-01',
  collectionStart: '2026-04-15',
  collectionEnd: '2026-05-31',
  fiabilisationStart: '2026-06-01',
  fiabilisationEnd: '2026-08-31',
  restitutionStart: '2026-09-01',
};
const inProgress: SubmissionState = {
  status: 'IN_PROGRESS',
  consultedByCd: false,
  reopenedByAuthority: false,
};
const reasonOf = (over: Partial<Parameters<typeof extensionRefusal>[0]> = {}) =>
  extensionRefusal(request(over))?.reason ?? null;
const request = (over: Partial<Parameters<typeof extensionRefusal>[0]> = {}) => ({
  role: 'ARS_CONTROLLER' as const,
  competence: 'SHARED' as Competence,
  phase: 'FIABILISATION' as const,
  today: '2026-06-10',
  dates: DATES,
  status: 'IN_PROGRESS' as const,
  until: '2026-06-30',
  ...over,
});

describe('extensions of the entry', () => {
  it('are granted by the competent authority or the national administrator only', () => {
    expect(reasonOf()).toBeNull();
    expect(reasonOf({ role: 'CD_CONTROLLER' })).toBeNull();
    expect(reasonOf({ role: 'NATIONAL_ADMIN', competence: 'CD' })).toBeNull();
    expect(reasonOf({ competence: 'CD' })).toMatch(/seul Département/);
    expect(reasonOf({ role: 'CD_CONTROLLER', competence: 'ARS' })).toMatch(/seule ARS/);
    expect(reasonOf({ role: 'READER' })).toMatch(/autorité compétente/);
    expect(reasonOf({ role: 'STRUCTURE_VALIDATION' })).toMatch(/autorité compétente/);
  });

  it('say why the calendar, the status or the date refuse them, with the dates', () => {
    expect(reasonOf({ phase: 'PREPARATION' })).toBe("la collecte n'ouvre que le 15 avril 2026");
    expect(reasonOf({ phase: 'RESTITUTION' })).toMatch(/close depuis le 31 août 2026/);
    expect(reasonOf({ status: 'VALIDATED' })).toMatch(/déjà validée/);
    expect(reasonOf({ until: '2026-05-31' })).toMatch(/au-delà de la fin de la collecte \(31 mai 2026\)/);
    expect(reasonOf({ until: '2026-06-05' })).toBe('le 5 juin 2026 est déjà passé');
    expect(reasonOf({ until: '2026-09-01' })).toMatch(
      /ne peut dépasser la fin de la fiabilisation \(31 août 2026\)/,
    );
    expect(reasonOf({ until: '30/06/2026' })).toMatch(/n'est pas une date/);
    // What kind of refusal each is, for its HTTP meaning; without a date, only whether one may be granted.
    expect(extensionRefusal(request({ role: 'READER' }))?.code).toBe('ROLE');
    expect(extensionRefusal(request({ status: 'CONFIRMED' }))?.code).toBe('CALENDAR');
    expect(extensionRefusal(request({ until: '2026-06-05' }))?.code).toBe('DATE');
    expect(extensionRefusal(request({ until: undefined }))).toBeNull();
  });

  it('let the structure enter, validate and reopen until their last day, and not after', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'FIABILISATION' | 'RESTITUTION'>('FIABILISATION', 'RESTITUTION'),
        fc.constantFrom(...SUBMISSION_STATUSES),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 10 }),
        (phase, status, day, late) => {
          const until = `2026-07-${String(day).padStart(2, '0')}`;
          const today = `2026-07-${String(Math.min(28, day + late)).padStart(2, '0')}`;
          const state: SubmissionState = { status, consultedByCd: false, reopenedByAuthority: false };
          const facts = { completeness: 1, threshold: 0.9, blockingErrors: 0 };
          for (const action of ['SAVE', 'VALIDATE', 'REOPEN'] as const) {
            const role = action === 'SAVE' ? 'STRUCTURE_ENTRY' : 'STRUCTURE_VALIDATION';
            const base = { action, role, competence: 'ARS' as const, phase, dates: DATES, facts } as const;
            const within = transition(state, { ...base, today: until, extendedUntil: until });
            const without = transition(state, { ...base, today: until, extendedUntil: null });
            const after = transition(state, { ...base, today, extendedUntil: until });
            // Within the extension the phase never refuses; the status may.
            expect(within.ok || within.code !== 'PHASE').toBe(true);
            if (today > until) {
              expect(after.ok).toBe(false);
              if (!after.ok && after.code === 'PHASE')
                expect(after.reason).toMatch(/délai accordé .* a pris fin/);
            }
            // An extension never takes a right away.
            if (without.ok) expect(within.ok).toBe(true);
          }
        },
      ),
    );
  });

  it('describes every action with the machine’s reason as a sentence', () => {
    for (const phase of CAMPAIGN_PHASES)
      for (const role of WORKFLOW_ROLES) {
        const options = describeActions({
          state: inProgress,
          role,
          competence: 'SHARED',
          phase,
          today: '2026-06-10',
          dates: DATES,
        });
        expect(options).toHaveLength(7);
        for (const o of options) {
          if (o.allowed) expect(o.reason).toBeNull();
          else expect(o.reason).toMatch(/^[A-ZÀ-Ý].*\.$/);
        }
      }
    const controller = describeActions({
      state: { ...inProgress, status: 'VALIDATED' },
      role: 'ARS_CONTROLLER',
      competence: 'SHARED',
      phase: 'COLLECTION',
      today: '2026-05-02',
      dates: DATES,
    });
    expect(controller.find((o) => o.action === 'INVALIDATE')).toEqual({
      action: 'INVALIDATE',
      allowed: true,
      reason: null,
    });
    expect(controller.find((o) => o.action === 'CONFIRM')).toEqual({
      action: 'CONFIRM',
      allowed: false,
      reason: "La fiabilisation n'ouvre que le 1er juin 2026.",
    });
    const cd = describeActions({
      state: { ...inProgress, status: 'VALIDATED' },
      role: 'CD_CONTROLLER',
      competence: 'SHARED',
      phase: 'FIABILISATION',
      today: '2026-06-10',
      dates: DATES,
    });
    expect(cd.find((o) => o.action === 'CONFIRM')?.reason).toBe(
      "Seule l'ARS confirme une structure de compétence conjointe ; le Département peut la marquer consultée.",
    );
  });
});
