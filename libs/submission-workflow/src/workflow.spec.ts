import fc from 'fast-check';
import type { Competence } from '@tdb/reference';
import {
  ACTION_LABELS,
  CampaignDates,
  CampaignPhase,
  INITIAL_STATE,
  STATUS_LABELS,
  SubmissionAction,
  SubmissionState,
  SubmissionStatus,
  TransitionRequest,
  WorkflowRole,
  actionsOfRole,
  availableActions,
  statusLabel,
  transition,
} from './index';

const DATES: CampaignDates = {
  launch: '2026-01-15',
  accountsSetup: '2026-03-01',
  collectionStart: '2026-04-15',
  collectionEnd: '2026-05-31',
  fiabilisationStart: '2026-06-01',
  fiabilisationEnd: '2026-08-31',
  restitutionStart: '2026-09-01',
  closedOn: '2026-12-15',
};
const TODAY: Record<CampaignPhase, string> = {
  PREPARATION: '2026-03-10',
  COLLECTION: '2026-05-02',
  FIABILISATION: '2026-07-01',
  RESTITUTION: '2026-10-01',
  CLOSED: '2026-12-20',
};
const GOOD_FACTS = { completeness: 0.95, threshold: 0.9, blockingErrors: 0 };

const STATUSES: SubmissionStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'VALIDATED', 'INVALIDATED', 'CONFIRMED'];
const ACTIONS: SubmissionAction[] = [
  'SAVE',
  'VALIDATE',
  'REOPEN',
  'INVALIDATE',
  'CONFIRM',
  'MARK_CONSULTED',
  'UNCONFIRM',
];
const ROLES: WorkflowRole[] = [
  'STRUCTURE_ENTRY',
  'STRUCTURE_VALIDATION',
  'ARS_CONTROLLER',
  'CD_CONTROLLER',
  'NATIONAL_ADMIN',
  'READER',
];
const PHASES: CampaignPhase[] = ['PREPARATION', 'COLLECTION', 'FIABILISATION', 'RESTITUTION', 'CLOSED'];
const COMPETENCES: Competence[] = ['ARS', 'CD', 'SHARED'];

const state = (
  status: SubmissionStatus,
  reopenedByAuthority = false,
  consultedByCd = false,
): SubmissionState => ({
  status,
  reopenedByAuthority,
  consultedByCd,
});

function request(
  action: SubmissionAction,
  role: WorkflowRole,
  competence: Competence,
  phase: CampaignPhase,
  extra: Partial<TransitionRequest> = {},
): TransitionRequest {
  return {
    action,
    role,
    competence,
    phase,
    today: TODAY[phase],
    dates: DATES,
    reason: 'valeur atypique',
    facts: GOOD_FACTS,
    ...extra,
  };
}

/** '→ STATUS' when accepted, the refusal code otherwise. */
function outcome(s: SubmissionState, req: TransitionRequest): string {
  const r = transition(s, req);
  return r.ok ? `→ ${r.next.status}` : r.code;
}

// ---------------------------------------------------------------------------------------------
// The expected rules, written independently of the implementation as three plain tables.

/** 1. Who may ever do each action, per competence of the structure. */
const WHO: Record<SubmissionAction, Record<Competence, WorkflowRole[]>> = {
  SAVE: {
    ARS: ['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION'],
    CD: ['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION'],
    SHARED: ['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION'],
  },
  VALIDATE: { ARS: ['STRUCTURE_VALIDATION'], CD: ['STRUCTURE_VALIDATION'], SHARED: ['STRUCTURE_VALIDATION'] },
  REOPEN: { ARS: ['STRUCTURE_VALIDATION'], CD: ['STRUCTURE_VALIDATION'], SHARED: ['STRUCTURE_VALIDATION'] },
  INVALIDATE: {
    ARS: ['ARS_CONTROLLER', 'NATIONAL_ADMIN'],
    CD: ['CD_CONTROLLER', 'NATIONAL_ADMIN'],
    SHARED: ['ARS_CONTROLLER', 'CD_CONTROLLER', 'NATIONAL_ADMIN'],
  },
  CONFIRM: {
    ARS: ['ARS_CONTROLLER', 'NATIONAL_ADMIN'],
    CD: ['CD_CONTROLLER', 'NATIONAL_ADMIN'],
    SHARED: ['ARS_CONTROLLER', 'NATIONAL_ADMIN'],
  },
  MARK_CONSULTED: { ARS: [], CD: [], SHARED: ['CD_CONTROLLER'] },
  UNCONFIRM: { ARS: ['NATIONAL_ADMIN'], CD: ['NATIONAL_ADMIN'], SHARED: ['NATIONAL_ADMIN'] },
};

/** 2. In which phases (structure edits in fiabilisation only on a submission sent back; no extension here). */
function phaseAllows(action: SubmissionAction, role: WorkflowRole, phase: CampaignPhase, s: SubmissionState) {
  if (phase === 'PREPARATION' || phase === 'CLOSED') return false;
  if (action === 'SAVE' || action === 'VALIDATE') {
    if (phase === 'COLLECTION') return true;
    const sentBack = s.status === 'INVALIDATED' || (s.status === 'IN_PROGRESS' && s.reopenedByAuthority);
    return phase === 'FIABILISATION' && sentBack;
  }
  if (action === 'REOPEN') return phase === 'COLLECTION';
  if (role === 'NATIONAL_ADMIN') return true;
  // ADR 0011: an authority may send a validated submission back during the collection already.
  return phase === 'FIABILISATION' || (phase === 'COLLECTION' && action === 'INVALIDATE');
}

/** 3. The edges: from status → to status. */
const MOVES: Record<SubmissionAction, Partial<Record<SubmissionStatus, SubmissionStatus>>> = {
  SAVE: { NOT_STARTED: 'IN_PROGRESS', IN_PROGRESS: 'IN_PROGRESS', INVALIDATED: 'IN_PROGRESS' },
  VALIDATE: { IN_PROGRESS: 'VALIDATED', INVALIDATED: 'VALIDATED' },
  REOPEN: { VALIDATED: 'IN_PROGRESS' },
  INVALIDATE: { VALIDATED: 'INVALIDATED' },
  CONFIRM: { VALIDATED: 'CONFIRMED' },
  MARK_CONSULTED: { VALIDATED: 'VALIDATED', CONFIRMED: 'CONFIRMED' },
  UNCONFIRM: { CONFIRMED: 'VALIDATED' },
};

function expected(
  s: SubmissionState,
  action: SubmissionAction,
  role: WorkflowRole,
  phase: CampaignPhase,
  competence: Competence,
): string {
  if (!WHO[action][competence].includes(role)) return 'ROLE';
  if (!phaseAllows(action, role, phase, s)) return 'PHASE';
  const to = MOVES[action][s.status];
  if (to === undefined) return 'STATUS';
  if (action === 'MARK_CONSULTED' && s.consultedByCd) return 'STATUS';
  return `→ ${to}`;
}

// ---------------------------------------------------------------------------------------------

describe('every (status, action, role, phase, competence) combination, with and without a reopening', () => {
  const cases: [SubmissionStatus, SubmissionAction, WorkflowRole, CampaignPhase, Competence, boolean][] = [];
  for (const st of STATUSES)
    for (const action of ACTIONS)
      for (const role of ROLES)
        for (const phase of PHASES)
          for (const competence of COMPETENCES)
            for (const reopened of [false, true]) cases.push([st, action, role, phase, competence, reopened]);

  it('covers 5 × 7 × 6 × 5 × 3 × 2 cases', () => expect(cases).toHaveLength(6300));

  it.each(cases)('%s %s by %s in %s (%s, reopened=%s)', (st, action, role, phase, competence, reopened) => {
    const s = state(st, reopened);
    const req = request(action, role, competence, phase);
    const want = expected(s, action, role, phase, competence);
    const r = transition(s, req);
    expect(r.ok ? `→ ${r.next.status}` : r.code).toBe(want);
    if (r.ok) {
      expect(r.event).toEqual({ action, from: st, to: r.next.status, reason: 'valeur atypique' });
      expect(r.next.reopenedByAuthority).toBe(
        action === 'INVALIDATE' ? true : action === 'VALIDATE' || action === 'REOPEN' ? false : reopened,
      );
      expect(r.next.consultedByCd).toBe(action === 'MARK_CONSULTED');
    } else {
      expect(r.reason.length).toBeGreaterThan(10);
    }
    // Without reason and facts, an accepted INVALIDATE/UNCONFIRM needs a reason, VALIDATE its facts.
    const bare = outcome(s, { ...req, reason: undefined, facts: undefined });
    if (!want.startsWith('→')) expect(bare).toBe(want);
    else if (action === 'INVALIDATE' || action === 'UNCONFIRM') expect(bare).toBe('REASON_REQUIRED');
    else if (action === 'VALIDATE') expect(bare).toBe('INCOMPLETE');
    else expect(bare).toBe(want);
    // The UI list agrees with the machine.
    expect(availableActions(s, role, competence, phase).includes(action)).toBe(want.startsWith('→'));
  });
});

type Row = [SubmissionStatus, SubmissionAction, WorkflowRole, CampaignPhase, string];

describe('structure path (ARS competence, not reopened unless stated)', () => {
  it.each<Row>([
    ['NOT_STARTED', 'SAVE', 'STRUCTURE_ENTRY', 'COLLECTION', '→ IN_PROGRESS'],
    ['NOT_STARTED', 'SAVE', 'STRUCTURE_VALIDATION', 'COLLECTION', '→ IN_PROGRESS'],
    ['NOT_STARTED', 'SAVE', 'STRUCTURE_ENTRY', 'PREPARATION', 'PHASE'],
    ['NOT_STARTED', 'SAVE', 'READER', 'COLLECTION', 'ROLE'],
    ['NOT_STARTED', 'VALIDATE', 'STRUCTURE_VALIDATION', 'COLLECTION', 'STATUS'],
    ['IN_PROGRESS', 'SAVE', 'STRUCTURE_ENTRY', 'COLLECTION', '→ IN_PROGRESS'],
    ['IN_PROGRESS', 'VALIDATE', 'STRUCTURE_ENTRY', 'COLLECTION', 'ROLE'],
    ['IN_PROGRESS', 'VALIDATE', 'STRUCTURE_VALIDATION', 'COLLECTION', '→ VALIDATED'],
    ['IN_PROGRESS', 'VALIDATE', 'STRUCTURE_VALIDATION', 'FIABILISATION', 'PHASE'],
    ['IN_PROGRESS', 'SAVE', 'STRUCTURE_ENTRY', 'FIABILISATION', 'PHASE'],
    ['VALIDATED', 'SAVE', 'STRUCTURE_VALIDATION', 'COLLECTION', 'STATUS'],
    ['VALIDATED', 'REOPEN', 'STRUCTURE_VALIDATION', 'COLLECTION', '→ IN_PROGRESS'],
    ['VALIDATED', 'REOPEN', 'STRUCTURE_ENTRY', 'COLLECTION', 'ROLE'],
    ['VALIDATED', 'REOPEN', 'STRUCTURE_VALIDATION', 'FIABILISATION', 'PHASE'],
    ['CONFIRMED', 'REOPEN', 'STRUCTURE_VALIDATION', 'COLLECTION', 'STATUS'],
    ['INVALIDATED', 'SAVE', 'STRUCTURE_ENTRY', 'FIABILISATION', '→ IN_PROGRESS'],
    ['INVALIDATED', 'VALIDATE', 'STRUCTURE_VALIDATION', 'FIABILISATION', '→ VALIDATED'],
    ['INVALIDATED', 'VALIDATE', 'STRUCTURE_VALIDATION', 'COLLECTION', '→ VALIDATED'],
    ['INVALIDATED', 'VALIDATE', 'STRUCTURE_ENTRY', 'FIABILISATION', 'ROLE'],
    ['INVALIDATED', 'VALIDATE', 'STRUCTURE_VALIDATION', 'RESTITUTION', 'PHASE'],
    ['INVALIDATED', 'SAVE', 'STRUCTURE_ENTRY', 'RESTITUTION', 'PHASE'],
    ['INVALIDATED', 'SAVE', 'STRUCTURE_ENTRY', 'CLOSED', 'PHASE'],
    ['VALIDATED', 'CONFIRM', 'STRUCTURE_VALIDATION', 'FIABILISATION', 'ROLE'],
  ])('%s %s by %s in %s → %s', (st, action, role, phase, want) => {
    expect(outcome(state(st), request(action, role, 'ARS', phase))).toBe(want);
  });

  it('revalidates a sent-back submission without a change when nothing blocks, never when something does', () => {
    const sentBack = state('INVALIDATED', true);
    const validate = (facts: { completeness: number; threshold: number; blockingErrors: number }) =>
      transition(sentBack, request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'FIABILISATION', { facts }));
    const ok = validate({ completeness: 0.95, threshold: 0.9, blockingErrors: 0 });
    expect(ok).toMatchObject({
      ok: true,
      next: { status: 'VALIDATED', reopenedByAuthority: false },
      event: { action: 'VALIDATE', from: 'INVALIDATED', to: 'VALIDATED' },
    });
    expect(validate({ completeness: 0.85, threshold: 0.9, blockingErrors: 0 })).toEqual({
      ok: false,
      code: 'INCOMPLETE',
      reason: 'complétude 85 % : il faut au moins 90 % pour valider',
    });
    expect(validate({ completeness: 1, threshold: 0.9, blockingErrors: 1 })).toMatchObject({
      ok: false,
      code: 'INCOMPLETE',
    });
  });

  it('revalidates in fiabilisation after an invalidation (reopenedByAuthority)', () => {
    const s = state('IN_PROGRESS', true);
    expect(outcome(s, request('SAVE', 'STRUCTURE_ENTRY', 'ARS', 'FIABILISATION'))).toBe('→ IN_PROGRESS');
    expect(outcome(s, request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'FIABILISATION'))).toBe(
      '→ VALIDATED',
    );
  });
});

describe('ARS path (ARS competence)', () => {
  it.each<Row>([
    ['VALIDATED', 'INVALIDATE', 'ARS_CONTROLLER', 'FIABILISATION', '→ INVALIDATED'],
    ['VALIDATED', 'CONFIRM', 'ARS_CONTROLLER', 'FIABILISATION', '→ CONFIRMED'],
    ['VALIDATED', 'CONFIRM', 'ARS_CONTROLLER', 'COLLECTION', 'PHASE'],
    ['VALIDATED', 'CONFIRM', 'ARS_CONTROLLER', 'RESTITUTION', 'PHASE'],
    ['VALIDATED', 'INVALIDATE', 'ARS_CONTROLLER', 'RESTITUTION', 'PHASE'],
    ['IN_PROGRESS', 'INVALIDATE', 'ARS_CONTROLLER', 'FIABILISATION', 'STATUS'],
    ['CONFIRMED', 'INVALIDATE', 'ARS_CONTROLLER', 'FIABILISATION', 'STATUS'],
    ['CONFIRMED', 'CONFIRM', 'ARS_CONTROLLER', 'FIABILISATION', 'STATUS'],
    ['CONFIRMED', 'UNCONFIRM', 'ARS_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'CONFIRM', 'CD_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'INVALIDATE', 'CD_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'MARK_CONSULTED', 'CD_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['IN_PROGRESS', 'SAVE', 'ARS_CONTROLLER', 'COLLECTION', 'ROLE'],
  ])('%s %s by %s in %s → %s', (st, action, role, phase, want) => {
    expect(outcome(state(st), request(action, role, 'ARS', phase))).toBe(want);
  });
});

describe('CD path (CD-exclusive competence)', () => {
  it.each<Row>([
    ['VALIDATED', 'INVALIDATE', 'CD_CONTROLLER', 'FIABILISATION', '→ INVALIDATED'],
    ['VALIDATED', 'CONFIRM', 'CD_CONTROLLER', 'FIABILISATION', '→ CONFIRMED'],
    ['VALIDATED', 'MARK_CONSULTED', 'CD_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'CONFIRM', 'ARS_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'INVALIDATE', 'ARS_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'CONFIRM', 'CD_CONTROLLER', 'CLOSED', 'PHASE'],
    ['CONFIRMED', 'CONFIRM', 'CD_CONTROLLER', 'FIABILISATION', 'STATUS'],
  ])('%s %s by %s in %s → %s', (st, action, role, phase, want) => {
    expect(outcome(state(st), request(action, role, 'CD', phase))).toBe(want);
  });
});

describe('shared path (shared competence)', () => {
  it.each<Row>([
    ['VALIDATED', 'CONFIRM', 'ARS_CONTROLLER', 'FIABILISATION', '→ CONFIRMED'],
    ['VALIDATED', 'CONFIRM', 'CD_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'INVALIDATE', 'ARS_CONTROLLER', 'FIABILISATION', '→ INVALIDATED'],
    ['VALIDATED', 'INVALIDATE', 'CD_CONTROLLER', 'FIABILISATION', '→ INVALIDATED'],
    ['VALIDATED', 'MARK_CONSULTED', 'CD_CONTROLLER', 'FIABILISATION', '→ VALIDATED'],
    ['CONFIRMED', 'MARK_CONSULTED', 'CD_CONTROLLER', 'FIABILISATION', '→ CONFIRMED'],
    ['IN_PROGRESS', 'MARK_CONSULTED', 'CD_CONTROLLER', 'FIABILISATION', 'STATUS'],
    ['VALIDATED', 'MARK_CONSULTED', 'CD_CONTROLLER', 'COLLECTION', 'PHASE'],
    ['VALIDATED', 'MARK_CONSULTED', 'ARS_CONTROLLER', 'FIABILISATION', 'ROLE'],
    ['VALIDATED', 'MARK_CONSULTED', 'NATIONAL_ADMIN', 'FIABILISATION', 'ROLE'],
  ])('%s %s by %s in %s → %s', (st, action, role, phase, want) => {
    expect(outcome(state(st), request(action, role, 'SHARED', phase))).toBe(want);
  });
});

describe('national admin path (any competence)', () => {
  it.each<Row>([
    ['CONFIRMED', 'UNCONFIRM', 'NATIONAL_ADMIN', 'RESTITUTION', '→ VALIDATED'],
    ['CONFIRMED', 'UNCONFIRM', 'NATIONAL_ADMIN', 'FIABILISATION', '→ VALIDATED'],
    ['CONFIRMED', 'UNCONFIRM', 'NATIONAL_ADMIN', 'CLOSED', 'PHASE'],
    ['CONFIRMED', 'UNCONFIRM', 'NATIONAL_ADMIN', 'PREPARATION', 'PHASE'],
    ['VALIDATED', 'UNCONFIRM', 'NATIONAL_ADMIN', 'RESTITUTION', 'STATUS'],
    ['VALIDATED', 'CONFIRM', 'NATIONAL_ADMIN', 'RESTITUTION', '→ CONFIRMED'],
    ['VALIDATED', 'CONFIRM', 'NATIONAL_ADMIN', 'COLLECTION', '→ CONFIRMED'],
    ['VALIDATED', 'INVALIDATE', 'NATIONAL_ADMIN', 'RESTITUTION', '→ INVALIDATED'],
    ['VALIDATED', 'CONFIRM', 'NATIONAL_ADMIN', 'CLOSED', 'PHASE'],
    ['IN_PROGRESS', 'SAVE', 'NATIONAL_ADMIN', 'COLLECTION', 'ROLE'],
    ['IN_PROGRESS', 'VALIDATE', 'NATIONAL_ADMIN', 'COLLECTION', 'ROLE'],
  ])('%s %s by %s in %s → %s', (st, action, role, phase, want) => {
    for (const competence of COMPETENCES)
      expect(outcome(state(st), request(action, role, competence, phase))).toBe(want);
  });
});

describe('scenarios', () => {
  function run(s: SubmissionState, req: TransitionRequest): SubmissionState {
    const r = transition(s, req);
    if (!r.ok) throw new Error(`${req.action} refusé : ${r.reason}`);
    return r.next;
  }

  it('happy path: not started → in progress → validated → invalidated → in progress → validated → confirmed', () => {
    const seen: SubmissionStatus[] = [INITIAL_STATE.status];
    let s = INITIAL_STATE;
    const steps: TransitionRequest[] = [
      request('SAVE', 'STRUCTURE_ENTRY', 'CD', 'COLLECTION'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'CD', 'COLLECTION'),
      request('INVALIDATE', 'CD_CONTROLLER', 'CD', 'FIABILISATION', { reason: 'effectif incohérent' }),
      request('SAVE', 'STRUCTURE_ENTRY', 'CD', 'FIABILISATION'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'CD', 'FIABILISATION'),
      request('CONFIRM', 'CD_CONTROLLER', 'CD', 'FIABILISATION'),
    ];
    for (const step of steps) {
      s = run(s, step);
      seen.push(s.status);
    }
    expect(seen).toEqual([
      'NOT_STARTED',
      'IN_PROGRESS',
      'VALIDATED',
      'INVALIDATED',
      'IN_PROGRESS',
      'VALIDATED',
      'CONFIRMED',
    ]);
    expect(s).toEqual({ status: 'CONFIRMED', consultedByCd: false, reopenedByAuthority: false });
  });

  it('records the invalidation reason in the event', () => {
    const r = transition(
      state('VALIDATED'),
      request('INVALIDATE', 'ARS_CONTROLLER', 'ARS', 'FIABILISATION', { reason: '  taux aberrant ' }),
    );
    expect(r).toEqual({
      ok: true,
      next: { status: 'INVALIDATED', consultedByCd: false, reopenedByAuthority: true },
      event: { action: 'INVALIDATE', from: 'VALIDATED', to: 'INVALIDATED', reason: 'taux aberrant' },
    });
  });

  it('CD marks a shared structure consulted; the ARS confirms; the flag survives the confirmation', () => {
    let s = run(state('VALIDATED'), request('MARK_CONSULTED', 'CD_CONTROLLER', 'SHARED', 'FIABILISATION'));
    expect(s).toEqual({ status: 'VALIDATED', consultedByCd: true, reopenedByAuthority: false });
    expect(outcome(s, request('MARK_CONSULTED', 'CD_CONTROLLER', 'SHARED', 'FIABILISATION'))).toBe('STATUS');
    s = run(s, request('CONFIRM', 'ARS_CONTROLLER', 'SHARED', 'FIABILISATION'));
    expect(s).toEqual({ status: 'CONFIRMED', consultedByCd: true, reopenedByAuthority: false });
    expect(availableActions(s, 'CD_CONTROLLER', 'SHARED', 'FIABILISATION')).toEqual([]);
  });

  it('an invalidation clears the consultation (the data will change)', () => {
    const s = run(
      state('VALIDATED', false, true),
      request('INVALIDATE', 'ARS_CONTROLLER', 'SHARED', 'FIABILISATION'),
    );
    expect(s).toEqual({ status: 'INVALIDATED', consultedByCd: false, reopenedByAuthority: true });
  });

  it('availableActions lists what the UI should offer', () => {
    expect(availableActions(state('IN_PROGRESS'), 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION')).toEqual([
      'SAVE',
      'VALIDATE',
    ]);
    expect(availableActions(state('VALIDATED'), 'ARS_CONTROLLER', 'SHARED', 'FIABILISATION')).toEqual([
      'INVALIDATE',
      'CONFIRM',
    ]);
    expect(availableActions(state('VALIDATED'), 'CD_CONTROLLER', 'SHARED', 'FIABILISATION')).toEqual([
      'INVALIDATE',
      'MARK_CONSULTED',
    ]);
    expect(availableActions(state('CONFIRMED'), 'NATIONAL_ADMIN', 'CD', 'RESTITUTION')).toEqual([
      'UNCONFIRM',
    ]);
    expect(availableActions(state('VALIDATED'), 'READER', 'ARS', 'FIABILISATION')).toEqual([]);
  });
});

describe('refusal messages (French, with dates)', () => {
  const reason = (s: SubmissionState, req: TransitionRequest): string => {
    const r = transition(s, req);
    return r.ok ? 'accepté' : r.reason;
  };

  it.each<[string, SubmissionState, TransitionRequest, string]>([
    [
      'collection over',
      state('IN_PROGRESS'),
      request('SAVE', 'STRUCTURE_ENTRY', 'ARS', 'FIABILISATION'),
      'la collecte est close depuis le 31 mai 2026',
    ],
    [
      'collection not open',
      state('NOT_STARTED'),
      request('SAVE', 'STRUCTURE_ENTRY', 'ARS', 'PREPARATION'),
      "la collecte n'ouvre que le 15 avril 2026",
    ],
    [
      'fiabilisation not open',
      state('VALIDATED'),
      request('CONFIRM', 'ARS_CONTROLLER', 'ARS', 'COLLECTION'),
      "la fiabilisation n'ouvre que le 1er juin 2026",
    ],
    [
      'fiabilisation over',
      state('VALIDATED'),
      request('CONFIRM', 'ARS_CONTROLLER', 'ARS', 'RESTITUTION'),
      'la fiabilisation est close depuis le 31 août 2026',
    ],
    [
      'campaign closed',
      state('CONFIRMED'),
      request('UNCONFIRM', 'NATIONAL_ADMIN', 'ARS', 'CLOSED'),
      'la campagne est close depuis le 15 décembre 2026',
    ],
    [
      'already confirmed by the ARS',
      state('CONFIRMED'),
      request('CONFIRM', 'ARS_CONTROLLER', 'SHARED', 'FIABILISATION'),
      "déjà confirmée par l'ARS",
    ],
    [
      'already confirmed by the CD',
      state('CONFIRMED'),
      request('INVALIDATE', 'CD_CONTROLLER', 'CD', 'FIABILISATION'),
      'déjà confirmée par le Département',
    ],
    [
      'CD cannot confirm a shared structure',
      state('VALIDATED'),
      request('CONFIRM', 'CD_CONTROLLER', 'SHARED', 'FIABILISATION'),
      "seule l'ARS confirme une structure de compétence conjointe ; le Département peut la marquer consultée",
    ],
    [
      'invalidation reason',
      state('VALIDATED'),
      request('INVALIDATE', 'CD_CONTROLLER', 'CD', 'FIABILISATION', { reason: '   ' }),
      "le motif de l'invalidation est obligatoire",
    ],
    [
      'unconfirm reason',
      state('CONFIRMED'),
      request('UNCONFIRM', 'NATIONAL_ADMIN', 'CD', 'RESTITUTION', { reason: '' }),
      "le motif de l'annulation de la confirmation est obligatoire",
    ],
    [
      'completeness',
      state('IN_PROGRESS'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION', {
        facts: { completeness: 0.72, threshold: 0.9, blockingErrors: 0 },
      }),
      'complétude 72 % : il faut au moins 90 % pour valider',
    ],
    [
      'blocking errors',
      state('IN_PROGRESS'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION', {
        facts: { completeness: 1, threshold: 0.9, blockingErrors: 3 },
      }),
      '3 erreurs bloquantes restent à corriger',
    ],
    [
      'one blocking error',
      state('IN_PROGRESS'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION', {
        facts: { completeness: 1, threshold: 0.9, blockingErrors: 1 },
      }),
      '1 erreur bloquante reste à corriger',
    ],
    [
      'never rounds up to the threshold',
      state('IN_PROGRESS'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION', {
        facts: { completeness: 0.899, threshold: 0.9, blockingErrors: 0 },
      }),
      'complétude 89 % : il faut au moins 90 % pour valider',
    ],
  ])('%s', (_label, s, req, text) => {
    expect(reason(s, req)).toContain(text);
  });

  it('joins both validation problems', () => {
    const r = transition(
      state('IN_PROGRESS'),
      request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION', {
        facts: { completeness: 0.29, threshold: 0.8, blockingErrors: 2 },
      }),
    );
    expect(r).toEqual({
      ok: false,
      code: 'INCOMPLETE',
      reason:
        'complétude 29 % : il faut au moins 80 % pour valider ; 2 erreurs bloquantes restent à corriger',
    });
  });

  it('accepts exactly the threshold', () => {
    const facts = { completeness: 0.9, threshold: 0.9, blockingErrors: 0 };
    expect(
      outcome(
        state('IN_PROGRESS'),
        request('VALIDATE', 'STRUCTURE_VALIDATION', 'ARS', 'COLLECTION', { facts }),
      ),
    ).toBe('→ VALIDATED');
  });
});

describe('labels', () => {
  it('has French labels for every status and action', () => {
    expect(STATUS_LABELS).toEqual({
      NOT_STARTED: 'Non commencé',
      IN_PROGRESS: 'En cours de saisie',
      VALIDATED: 'Validé par la structure',
      INVALIDATED: 'Invalidé',
      CONFIRMED: 'Confirmé',
    });
    for (const a of ACTIONS) expect(ACTION_LABELS[a]).toMatch(/\S/);
  });

  it('labels a status read as a string, and leaves an unknown code as it is', () => {
    expect(statusLabel('CONFIRMED')).toBe('Confirmé');
    expect(statusLabel('IN_PROGRESS')).toBe('En cours de saisie');
    expect(statusLabel('ARCHIVED')).toBe('ARCHIVED');
    expect(statusLabel('toString')).toBe('toString');
  });
});

describe('actionsOfRole', () => {
  it("lists each role's part of the work, the actions worth explaining when refused", () => {
    expect(actionsOfRole('STRUCTURE_ENTRY')).toEqual(['SAVE', 'VALIDATE', 'REOPEN']);
    expect(actionsOfRole('STRUCTURE_VALIDATION')).toEqual(['SAVE', 'VALIDATE', 'REOPEN']);
    expect(actionsOfRole('ARS_CONTROLLER')).toEqual(['INVALIDATE', 'CONFIRM']);
    expect(actionsOfRole('CD_CONTROLLER')).toEqual(['INVALIDATE', 'CONFIRM', 'MARK_CONSULTED']);
    expect(actionsOfRole('NATIONAL_ADMIN')).toEqual(['INVALIDATE', 'CONFIRM', 'UNCONFIRM']);
    expect(actionsOfRole('READER')).toEqual([]);
  });
});

describe('properties (fast-check)', () => {
  /** The only edges an accepted transition may follow, written out literally. */
  const ALLOWED = new Set([
    'SAVE NOT_STARTED→IN_PROGRESS',
    'SAVE IN_PROGRESS→IN_PROGRESS',
    'SAVE INVALIDATED→IN_PROGRESS',
    'VALIDATE IN_PROGRESS→VALIDATED',
    'VALIDATE INVALIDATED→VALIDATED',
    'REOPEN VALIDATED→IN_PROGRESS',
    'INVALIDATE VALIDATED→INVALIDATED',
    'CONFIRM VALIDATED→CONFIRMED',
    'MARK_CONSULTED VALIDATED→VALIDATED',
    'MARK_CONSULTED CONFIRMED→CONFIRMED',
    'UNCONFIRM CONFIRMED→VALIDATED',
  ]);
  const anyOf = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
  const stateArb = fc.record({
    status: anyOf(STATUSES),
    consultedByCd: fc.boolean(),
    reopenedByAuthority: fc.boolean(),
  });
  const factsArb = fc.option(
    fc.record({
      completeness: fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true })),
      threshold: fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true })),
      blockingErrors: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double()),
    }),
    { nil: undefined },
  );
  const datesArb = fc.oneof(
    fc.constant(DATES),
    fc.record({
      launch: fc.string(),
      accountsSetup: fc.string(),
      collectionStart: fc.string(),
      collectionEnd: fc.string(),
      fiabilisationStart: fc.string(),
      fiabilisationEnd: fc.string(),
      restitutionStart: fc.string(),
      closedOn: fc.option(fc.string()),
    }),
  );
  const requestArb = fc.record({
    action: fc.oneof(anyOf(ACTIONS), fc.string() as fc.Arbitrary<SubmissionAction>),
    role: fc.oneof(anyOf(ROLES), fc.string() as fc.Arbitrary<WorkflowRole>),
    competence: anyOf(COMPETENCES),
    phase: fc.oneof(anyOf(PHASES), fc.string() as fc.Arbitrary<CampaignPhase>),
    today: fc.string(),
    dates: datesArb,
    reason: fc.option(fc.string(), { nil: undefined }),
    facts: factsArb,
  });

  it('transition never throws and accepted results only follow allowed edges', () => {
    fc.assert(
      fc.property(stateArb, requestArb, (s, req) => {
        const r = transition(s, req);
        if (r.ok) {
          expect(ALLOWED.has(`${req.action} ${s.status}→${r.next.status}`)).toBe(true);
          expect(r.event.from).toBe(s.status);
          expect(r.event.to).toBe(r.next.status);
        } else {
          expect(['PHASE', 'ROLE', 'STATUS', 'INCOMPLETE', 'REASON_REQUIRED']).toContain(r.code);
          expect(typeof r.reason).toBe('string');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on garbage input either', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (s, req) => {
        expect(() => transition(s as SubmissionState, req as TransitionRequest)).not.toThrow();
      }),
    );
  });

  it('random walks from NOT_STARTED keep the flags consistent', () => {
    const stepArb = fc.record({ action: anyOf(ACTIONS), role: anyOf(ROLES), phase: anyOf(PHASES) });
    fc.assert(
      fc.property(anyOf(COMPETENCES), fc.array(stepArb, { maxLength: 40 }), (competence, steps) => {
        let s: SubmissionState = INITIAL_STATE;
        for (const step of steps) {
          const r = transition(s, request(step.action, step.role, competence, step.phase));
          if (!r.ok) continue;
          s = r.next;
          if (s.consultedByCd) {
            expect(competence).toBe('SHARED');
            expect(['VALIDATED', 'CONFIRMED']).toContain(s.status);
          }
          if (s.reopenedByAuthority) expect(['INVALIDATED', 'IN_PROGRESS']).toContain(s.status);
        }
      }),
    );
  });
});
