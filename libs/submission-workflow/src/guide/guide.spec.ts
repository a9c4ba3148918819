import type { GuideRole } from '@tdb/contracts';
import { CAMPAIGN_PHASES, type CampaignDates } from '../dates';
import {
  GUIDE,
  GUIDE_COUNTERS,
  guideAudiencesOf,
  stepsFor,
  type GuideAudience,
  type GuideCounters,
} from './index';

const dates: CampaignDates = {
  launch: '2026-01-15',
  accountsSetup: '2026-03-01',
  collectionStart: '2026-04-15',
  collectionEnd: '2026-05-31',
  fiabilisationStart: '2026-06-01',
  fiabilisationEnd: '2026-08-31',
  restitutionStart: '2026-10-01',
};

const zero = Object.fromEntries(GUIDE_COUNTERS.map((c) => [c, 0])) as Record<
  (typeof GUIDE_COUNTERS)[number],
  number
>;
const counters = (over: Partial<GuideCounters>): GuideCounters => ({ ...zero, ...over });

const cdController: GuideAudience = { role: 'CONTROLLER', authorityKind: 'CD', rights: [] };
const arsController: GuideAudience = { role: 'CONTROLLER', authorityKind: 'ARS', rights: [] };

describe('stepsFor', () => {
  it('gives the Département the "consultée" step and the ARS not', () => {
    const request = {
      phase: 'FIABILISATION' as const,
      dates,
      today: '2026-06-10',
      counters: counters({ sharedToConsult: 3 }),
    };
    const cd = stepsFor({ ...request, audience: cdController }).find(
      (s) => s.id === 'authority.mark-consulted',
    );
    expect(cd).toMatchObject({
      state: 'TODO',
      deadline: '2026-08-31',
      progress: '3 saisies de compétence partagée à consulter.',
      link: { page: 'submissions' },
    });
    expect(stepsFor({ ...request, audience: arsController }).map((s) => s.id)).not.toContain(
      'authority.mark-consulted',
    );
  });

  it('lists a controller’s fiabilisation in order, each linked to the table it is done in', () => {
    const steps = stepsFor({
      audience: arsController,
      phase: 'FIABILISATION',
      dates,
      today: '2026-06-10',
      counters: counters({ openFlags: 1, justifiedFlags: 0, awaitingDecision: 12, invalidated: 2 }),
    });
    expect(steps.map((s) => [s.id, s.state, s.progress])).toEqual([
      ['authority.open-flags', 'TODO', '1 atypie ouverte.'],
      ['authority.justified-flags', 'DONE', 'Aucune justification en attente.'],
      ['authority.decide', 'TODO', '12 saisies validées attendent votre décision.'],
      [
        'authority.follow-invalidated',
        'TODO',
        '2 saisies invalidées attendent la correction des structures.',
      ],
    ]);
    expect(steps[0]?.link).toEqual({
      page: 'atypia',
      label: 'Ouvrir le tableau des atypies',
      query: { status: 'OPEN', vue: 'toutes' },
    });
  });

  it('says LATE once the deadline is past with something left, and DONE when nothing is', () => {
    const apr: GuideAudience = { role: 'APR', authorityKind: 'ARS', rights: [] };
    const on = (today: string, structuresWithoutApe: number) =>
      stepsFor({
        audience: apr,
        phase: 'COLLECTION',
        dates,
        today,
        counters: counters({ structuresWithoutApe }),
      }).find((s) => s.id === 'authority.name-apes');
    expect(on('2026-04-15', 2)).toMatchObject({
      state: 'TODO',
      progress: '2 structures n’ont pas encore d’APE.',
    });
    expect(on('2026-04-16', 1)).toMatchObject({
      state: 'LATE',
      progress: '1 structure n’a pas encore d’APE.',
    });
    expect(on('2026-04-16', 0)?.state).toBe('DONE');
  });

  it('counts progress against its total, and a total of nothing is nothing to do', () => {
    const ape: GuideAudience = { role: 'APE', authorityKind: null, rights: ['ENTRY', 'VALIDATION', 'READ'] };
    const validate = (validated: number, submissions: number) =>
      stepsFor({
        audience: ape,
        phase: 'COLLECTION',
        dates,
        today: '2026-05-01',
        counters: counters({ validated, submissions }),
      }).find((s) => s.id === 'structure.validate');
    expect(validate(1, 3)).toMatchObject({
      state: 'TODO',
      progress: '1 structure sur 3 a validé sa saisie.',
    });
    expect(validate(2, 3)).toMatchObject({
      state: 'TODO',
      progress: '2 structures sur 3 ont validé leur saisie.',
    });
    expect(validate(1, 1)).toMatchObject({
      state: 'DONE',
      progress: '1 structure sur 1 a validé sa saisie.',
    });
    expect(validate(0, 0)).toMatchObject({
      state: 'DONE',
      progress: 'Aucune structure dans votre périmètre.',
    });
  });

  it('gives a user its own domains to enter, and a reader only what it reads', () => {
    const entry: GuideAudience = { role: 'USER', authorityKind: null, rights: ['ENTRY'] };
    const reader: GuideAudience = { role: 'USER', authorityKind: null, rights: ['READ'] };
    const request = { phase: 'COLLECTION' as const, dates, today: '2026-05-01', counters: counters({}) };
    const steps = stepsFor({ ...request, audience: entry, domains: 'Ressources humaines' });
    expect(steps.map((s) => s.id)).toEqual([
      'structure.enter',
      'structure.answer-flags',
      'structure.revalidate',
    ]);
    expect(steps[0]?.text).toContain('Domaines à saisir : Ressources humaines.');
    expect(steps[0]?.state).toBe('ONGOING');
    expect(stepsFor({ ...request, audience: reader }).map((s) => s.id)).toEqual(['structure.read']);
  });
});

describe('guideAudiencesOf', () => {
  it('merges the rights of one role and keeps authorities apart', () => {
    const audiences = guideAudiencesOf([
      { organisation: { kind: 'ESMS' }, role: 'USER', rights: ['READ'] },
      { organisation: { kind: 'OG' }, role: 'USER', rights: ['ENTRY'] },
      { organisation: { kind: 'CD' }, role: 'CONTROLLER', rights: [] },
      { organisation: { kind: 'ARS' }, role: 'CONTROLLER', rights: [] },
      { organisation: { kind: 'OG' }, role: 'APE', rights: [] },
    ]);
    expect(audiences).toEqual([
      { role: 'CONTROLLER', authorityKind: 'CD', rights: [] },
      { role: 'CONTROLLER', authorityKind: 'ARS', rights: [] },
      { role: 'APE', authorityKind: null, rights: ['ENTRY', 'VALIDATION', 'READ'] },
      { role: 'USER', authorityKind: null, rights: ['ENTRY', 'READ'] },
    ]);
  });
});

describe('the guide’s data', () => {
  it('has unique ids, a link on every step and counters the API provides', () => {
    const ids = GUIDE.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const step of GUIDE.steps) {
      expect(step.link).toBeDefined();
      const measure = step.measure;
      if (measure) {
        const used = measure.kind === 'progress' ? [measure.done, measure.total] : [measure.counter];
        for (const c of used) expect(GUIDE_COUNTERS).toContain(c);
      }
    }
  });

  it('gives every role something to do in every phase of an open campaign', () => {
    const audiences: GuideAudience[] = (['NATIONAL_ADMIN', 'APR', 'CONTROLLER', 'READER'] as GuideRole[])
      .map((role): GuideAudience => ({
        role,
        authorityKind: role === 'NATIONAL_ADMIN' ? null : 'ARS',
        rights: [],
      }))
      .concat([
        { role: 'APE', authorityKind: null, rights: ['ENTRY', 'VALIDATION', 'READ'] },
        { role: 'USER', authorityKind: null, rights: ['ENTRY'] },
        { role: 'USER', authorityKind: null, rights: ['READ'] },
      ]);
    const missing = audiences.flatMap((audience) =>
      CAMPAIGN_PHASES.filter(
        (phase) =>
          // An authority reader has nothing to do before the collection; others always have.
          !(audience.role === 'READER' && phase === 'PREPARATION') &&
          stepsFor({ audience, phase, dates, today: '2026-05-01', counters: counters({}) }).length === 0,
      ).map((phase) => `${audience.role}/${audience.rights.join('+')}/${phase}`),
    );
    expect(missing).toEqual([]);
  });
});
