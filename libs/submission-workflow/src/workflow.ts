/**
 * The submission status machine of a TDB campaign (issue 4 §3, domain README §7 and §11b).
 *
 * Pure: no clock, no I/O. The caller passes the phase (usually `phaseOn(dates, today)`), the
 * campaign dates (only used to word refusals) and, for VALIDATE, the completeness facts.
 *
 * Checks run in a fixed order and the first failure is returned:
 *   ROLE (may this role ever do this action on a structure of this competence?)
 *   → PHASE (is it allowed in this phase?) → STATUS (is the action an edge from this status?)
 *   → REASON_REQUIRED (INVALIDATE, UNCONFIRM) → INCOMPLETE (VALIDATE).
 */
import type { Competence } from '@tdb/reference';
import { CampaignDates, CampaignPhase, CAMPAIGN_PHASES, formatDateFr, isIsoDate } from './dates';

export type SubmissionStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'VALIDATED' | 'INVALIDATED' | 'CONFIRMED';

export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'VALIDATED',
  'INVALIDATED',
  'CONFIRMED',
];

export type SubmissionAction =
  'SAVE' | 'VALIDATE' | 'REOPEN' | 'INVALIDATE' | 'CONFIRM' | 'MARK_CONSULTED' | 'UNCONFIRM';

export const SUBMISSION_ACTIONS: readonly SubmissionAction[] = [
  'SAVE',
  'VALIDATE',
  'REOPEN',
  'INVALIDATE',
  'CONFIRM',
  'MARK_CONSULTED',
  'UNCONFIRM',
];

/**
 * Who acts. STRUCTURE_ENTRY: users with the entry right of the ESMS or its OG.
 * STRUCTURE_VALIDATION: holders of the validation right (APE, or USER with VALIDATION) of the ESMS
 * or its OG — they may enter data too. ARS_CONTROLLER / CD_CONTROLLER: APR or CONTROLLER of the
 * competent ARS / Département. NATIONAL_ADMIN: national administrator. READER: read only.
 */
export type WorkflowRole =
  | 'STRUCTURE_ENTRY'
  | 'STRUCTURE_VALIDATION'
  | 'ARS_CONTROLLER'
  | 'CD_CONTROLLER'
  | 'NATIONAL_ADMIN'
  | 'READER';

export const WORKFLOW_ROLES: readonly WorkflowRole[] = [
  'STRUCTURE_ENTRY',
  'STRUCTURE_VALIDATION',
  'ARS_CONTROLLER',
  'CD_CONTROLLER',
  'NATIONAL_ADMIN',
  'READER',
];

export interface SubmissionState {
  readonly status: SubmissionStatus;
  /** Shared competence only: the Département recorded that it consulted the submission. */
  readonly consultedByCd: boolean;
  /** The submission was sent back by an authority (INVALIDATE) and not yet revalidated. */
  readonly reopenedByAuthority: boolean;
}

export const INITIAL_STATE: SubmissionState = {
  status: 'NOT_STARTED',
  consultedByCd: false,
  reopenedByAuthority: false,
};

/** Facts needed by VALIDATE: completeness and threshold in 0..1, count of blocking errors. */
export interface ValidationFacts {
  readonly completeness: number;
  readonly threshold: number;
  readonly blockingErrors: number;
}

export interface TransitionRequest {
  readonly action: SubmissionAction;
  readonly role: WorkflowRole;
  readonly competence: Competence;
  /** Authoritative phase (normally `phaseOn(dates, today)`). */
  readonly phase: CampaignPhase;
  readonly today: string;
  /** Used only to word refusals with dates. */
  readonly dates: CampaignDates;
  /** Mandatory for INVALIDATE and UNCONFIRM; an optional comment otherwise. */
  readonly reason?: string;
  /** Mandatory for VALIDATE. */
  readonly facts?: ValidationFacts;
  /**
   * Last day of an extension granted to this structure by its authority (inclusive), if any: the
   * structure enters, validates and reopens as during the collection until then.
   */
  readonly extendedUntil?: string | null;
}

export interface TransitionEvent {
  readonly action: SubmissionAction;
  readonly from: SubmissionStatus;
  readonly to: SubmissionStatus;
  readonly reason: string | null;
}

export type RefusalCode = 'PHASE' | 'ROLE' | 'STATUS' | 'INCOMPLETE' | 'REASON_REQUIRED';

export type TransitionResult =
  | { readonly ok: true; readonly next: SubmissionState; readonly event: TransitionEvent }
  | { readonly ok: false; readonly code: RefusalCode; readonly reason: string };

/**
 * The edges of the machine: from which statuses each action starts and where it leads
 * (`to: null` = status unchanged, MARK_CONSULTED only sets the flag).
 */
export const EDGES: Readonly<
  Record<
    SubmissionAction,
    { readonly from: readonly SubmissionStatus[]; readonly to: SubmissionStatus | null }
  >
> = {
  SAVE: { from: ['NOT_STARTED', 'IN_PROGRESS', 'INVALIDATED'], to: 'IN_PROGRESS' },
  // Sent back (INVALIDATED), the structure may validate again at once when nothing blocks: the
  // authority's point may be answered without changing a value (a justified atypia, for instance).
  VALIDATE: { from: ['IN_PROGRESS', 'INVALIDATED'], to: 'VALIDATED' },
  REOPEN: { from: ['VALIDATED'], to: 'IN_PROGRESS' },
  INVALIDATE: { from: ['VALIDATED'], to: 'INVALIDATED' },
  CONFIRM: { from: ['VALIDATED'], to: 'CONFIRMED' },
  MARK_CONSULTED: { from: ['VALIDATED', 'CONFIRMED'], to: null },
  UNCONFIRM: { from: ['CONFIRMED'], to: 'VALIDATED' },
};

export const STATUS_LABELS: Readonly<Record<SubmissionStatus, string>> = {
  NOT_STARTED: 'Non commencé',
  IN_PROGRESS: 'En cours de saisie',
  VALIDATED: 'Validé par la structure',
  INVALIDATED: 'Invalidé',
  CONFIRMED: 'Confirmé',
};

/** The French label of a status as a row or a contract carries it (a string); an unknown code as is. */
export function statusLabel(status: string): string {
  return Object.prototype.hasOwnProperty.call(STATUS_LABELS, status)
    ? STATUS_LABELS[status as SubmissionStatus]
    : status;
}

export const ACTION_LABELS: Readonly<Record<SubmissionAction, string>> = {
  SAVE: 'Enregistrer la saisie',
  VALIDATE: 'Valider la saisie',
  REOPEN: 'Reprendre la saisie',
  INVALIDATE: 'Invalider',
  CONFIRM: 'Confirmer',
  MARK_CONSULTED: 'Marquer consultée',
  UNCONFIRM: 'Annuler la confirmation',
};

export const PHASE_LABELS: Readonly<Record<CampaignPhase, string>> = {
  PREPARATION: 'Préparation',
  COLLECTION: 'Collecte',
  FIABILISATION: 'Fiabilisation',
  RESTITUTION: 'Restitution',
  CLOSED: 'Campagne close',
};

export const ROLE_LABELS: Readonly<Record<WorkflowRole, string>> = {
  STRUCTURE_ENTRY: 'Saisie (structure)',
  STRUCTURE_VALIDATION: 'Validation (structure)',
  ARS_CONTROLLER: 'Contrôle ARS',
  CD_CONTROLLER: 'Contrôle Département',
  NATIONAL_ADMIN: 'Administration nationale',
  READER: 'Lecture',
};

// ---------------------------------------------------------------------------------------------

const COMPETENCES: readonly Competence[] = ['ARS', 'CD', 'SHARED'];

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

const isStructure = (role: WorkflowRole): boolean =>
  role === 'STRUCTURE_ENTRY' || role === 'STRUCTURE_VALIDATION';

/** « l'ARS » or « le Département »: the authority that confirms a structure of this competence. */
const confirmer = (competence: Competence): string => (competence === 'CD' ? 'le Département' : "l'ARS");

const NOT_COMPETENT_ARS = "l'ARS n'est pas compétente : la structure relève du seul Département";
const NOT_COMPETENT_CD = "le Département n'est pas compétent : la structure relève de la seule ARS";

function checkRole(action: SubmissionAction, role: WorkflowRole, competence: Competence): string | null {
  if (role === 'READER') return 'un profil en lecture seule ne peut rien modifier';
  switch (action) {
    case 'SAVE':
      return isStructure(role)
        ? null
        : 'seuls les utilisateurs de la structure (ou de son organisme gestionnaire) saisissent les données';
    case 'VALIDATE':
      if (role === 'STRUCTURE_VALIDATION') return null;
      return role === 'STRUCTURE_ENTRY'
        ? 'il faut le droit de validation (APE ou utilisateur habilité) pour valider la saisie'
        : "seule la structure valide sa saisie ; l'autorité la confirme ou l'invalide";
    case 'REOPEN':
      if (role === 'STRUCTURE_VALIDATION') return null;
      return role === 'STRUCTURE_ENTRY'
        ? 'il faut le droit de validation (APE ou utilisateur habilité) pour reprendre une saisie validée'
        : 'seule la structure peut reprendre sa saisie validée';
    case 'INVALIDATE':
      if (role === 'NATIONAL_ADMIN') return null;
      if (role === 'ARS_CONTROLLER') return competence === 'CD' ? NOT_COMPETENT_ARS : null;
      if (role === 'CD_CONTROLLER') return competence === 'ARS' ? NOT_COMPETENT_CD : null;
      return "seules l'autorité compétente (ARS ou Département) et l'administrateur national invalident une saisie";
    case 'CONFIRM':
      if (role === 'NATIONAL_ADMIN') return null;
      if (role === 'ARS_CONTROLLER') {
        return competence === 'CD'
          ? 'seul le Département confirme une structure relevant de sa compétence exclusive'
          : null;
      }
      if (role === 'CD_CONTROLLER') {
        if (competence === 'CD') return null;
        return competence === 'SHARED'
          ? "seule l'ARS confirme une structure de compétence conjointe ; le Département peut la marquer consultée"
          : "seule l'ARS confirme une structure relevant de sa compétence exclusive";
      }
      return "seule l'autorité compétente confirme une saisie";
    case 'MARK_CONSULTED':
      if (role === 'CD_CONTROLLER') {
        if (competence === 'SHARED') return null;
        return competence === 'CD'
          ? 'le marquage « consultée » ne concerne que les structures de compétence conjointe ; le Département confirme directement celles de sa compétence exclusive'
          : NOT_COMPETENT_CD;
      }
      return role === 'ARS_CONTROLLER' && competence === 'SHARED'
        ? "seul le Département marque consultée une structure de compétence conjointe ; l'ARS la confirme"
        : 'seul le Département marque consultée une structure de compétence conjointe';
    case 'UNCONFIRM':
      return role === 'NATIONAL_ADMIN' ? null : "seul l'administrateur national annule une confirmation";
  }
}

function checkPhase(
  action: SubmissionAction,
  role: WorkflowRole,
  phase: CampaignPhase,
  state: SubmissionState,
  dates: CampaignDates,
  today: string,
  extendedUntil: string | null,
): string | null {
  const d = (value: string | null | undefined): string => formatDateFr(String(value ?? ''));
  if (phase === 'CLOSED') {
    return dates.closedOn ? `la campagne est close depuis le ${d(dates.closedOn)}` : 'la campagne est close';
  }
  if (phase === 'PREPARATION') {
    return `la campagne est en préparation : la collecte n'ouvre que le ${d(dates.collectionStart)}`;
  }
  const collectionClosed = `la collecte est close depuis le ${d(dates.collectionEnd)}`;
  const structureAction = action === 'SAVE' || action === 'VALIDATE' || action === 'REOPEN';
  if (structureAction && phase !== 'COLLECTION' && extendedUntil) {
    // An extension granted by the authority: the structure works as during the collection.
    if (today <= extendedUntil) return null;
    return `le délai accordé à la structure a pris fin le ${d(extendedUntil)}`;
  }
  if (action === 'SAVE' || action === 'VALIDATE') {
    if (phase === 'COLLECTION') return null;
    if (phase === 'FIABILISATION') {
      const sentBack =
        state.status === 'INVALIDATED' || (state.status === 'IN_PROGRESS' && state.reopenedByAuthority);
      return sentBack
        ? null
        : `${collectionClosed} ; seule une saisie invalidée par l'autorité, ou une structure à qui elle a accordé un délai, peut encore la modifier, jusqu'au ${d(dates.fiabilisationEnd)}`;
    }
    return `${collectionClosed} et la fiabilisation depuis le ${d(dates.fiabilisationEnd)}`;
  }
  if (action === 'REOPEN') {
    return phase === 'COLLECTION'
      ? null
      : `${collectionClosed} : la structure ne peut plus reprendre une saisie validée`;
  }
  // Authority actions: INVALIDATE, CONFIRM, MARK_CONSULTED, UNCONFIRM.
  if (role === 'NATIONAL_ADMIN') return null; // COLLECTION, FIABILISATION or RESTITUTION
  if (phase === 'FIABILISATION') return null;
  // ADR 0011: a validated submission may be sent back as soon as it is validated, so that the
  // structure corrects it before the collection closes; confirming waits for the fiabilisation.
  if (phase === 'COLLECTION' && action === 'INVALIDATE') return null;
  return phase === 'COLLECTION'
    ? `la fiabilisation n'ouvre que le ${d(dates.fiabilisationStart)}`
    : `la fiabilisation est close depuis le ${d(dates.fiabilisationEnd)}`;
}

function checkStatus(
  action: SubmissionAction,
  state: SubmissionState,
  competence: Competence,
): string | null {
  const s = state.status;
  const confirmed = `déjà confirmée par ${confirmer(competence)}`;
  const current = `(statut : ${STATUS_LABELS[s]})`;
  switch (action) {
    case 'SAVE':
      if (EDGES.SAVE.from.includes(s)) return null;
      return s === 'CONFIRMED'
        ? `${confirmed} : la saisie ne peut plus être modifiée`
        : 'la saisie est validée : la structure doit la reprendre avant de la modifier';
    case 'VALIDATE':
      if (EDGES.VALIDATE.from.includes(s)) return null;
      if (s === 'NOT_STARTED') return "rien n'a encore été saisi";
      if (s === 'VALIDATED') return 'déjà validée par la structure';
      return confirmed;
    case 'REOPEN':
      if (s === 'VALIDATED') return null;
      return s === 'CONFIRMED'
        ? `${confirmed} : la structure ne peut plus la reprendre`
        : `seule une saisie validée peut être reprise ${current}`;
    case 'INVALIDATE':
      if (s === 'VALIDATED') return null;
      if (s === 'CONFIRMED')
        return `${confirmed} : seul l'administrateur national peut annuler la confirmation`;
      if (s === 'INVALIDATED') return 'déjà invalidée';
      return `seule une saisie validée par la structure peut être invalidée ${current}`;
    case 'CONFIRM':
      if (s === 'VALIDATED') return null;
      if (s === 'CONFIRMED') return confirmed;
      return `seule une saisie validée par la structure peut être confirmée ${current}`;
    case 'MARK_CONSULTED':
      if (s !== 'VALIDATED' && s !== 'CONFIRMED') {
        return `seule une saisie validée ou confirmée peut être marquée consultée ${current}`;
      }
      return state.consultedByCd ? 'déjà marquée consultée par le Département' : null;
    case 'UNCONFIRM':
      return s === 'CONFIRMED'
        ? null
        : `seule une saisie confirmée peut voir sa confirmation annulée ${current}`;
  }
}

/** Completeness as a whole percentage, rounded down (never claims 90 % for 89.9 %). */
const percentDown = (x: number): number => Math.floor(x * 100 + 1e-9);
/** Threshold as a whole percentage, rounded up. */
const percentUp = (x: number): number => Math.ceil(x * 100 - 1e-9);

function checkFacts(facts: ValidationFacts | undefined): string | null {
  if (!facts || typeof facts !== 'object') {
    return 'la complétude et les erreurs bloquantes de la saisie sont inconnues : validation impossible';
  }
  const { completeness, threshold, blockingErrors } = facts;
  const valid =
    Number.isFinite(completeness) &&
    Number.isFinite(threshold) &&
    Number.isFinite(blockingErrors) &&
    completeness >= 0 &&
    completeness <= 1 &&
    threshold >= 0 &&
    threshold <= 1 &&
    blockingErrors >= 0;
  if (!valid)
    return "la complétude ou le nombre d'erreurs bloquantes transmis est invalide : validation impossible";
  const problems: string[] = [];
  if (completeness + 1e-9 < threshold) {
    problems.push(
      `complétude ${percentDown(completeness)} % : il faut au moins ${percentUp(threshold)} % pour valider`,
    );
  }
  const errors = Math.ceil(blockingErrors);
  if (errors === 1) problems.push('1 erreur bloquante reste à corriger');
  else if (errors > 1) problems.push(`${errors} erreurs bloquantes restent à corriger`);
  return problems.length ? problems.join(' ; ') : null;
}

function decide(state: SubmissionState, req: TransitionRequest): TransitionResult {
  const refuse = (code: RefusalCode, reason: string): TransitionResult => ({ ok: false, code, reason });
  if (!state || typeof state !== 'object' || !isOneOf(SUBMISSION_STATUSES, state.status)) {
    return refuse('STATUS', 'statut de la saisie inconnu');
  }
  if (!req || typeof req !== 'object') return refuse('ROLE', 'demande invalide');
  const { action, role, competence, phase } = req;
  if (!isOneOf(SUBMISSION_ACTIONS, action)) return refuse('ROLE', `action inconnue : ${String(action)}`);
  if (!isOneOf(WORKFLOW_ROLES, role)) return refuse('ROLE', `rôle inconnu : ${String(role)}`);
  if (!isOneOf(COMPETENCES, competence)) return refuse('ROLE', `compétence inconnue : ${String(competence)}`);
  if (!isOneOf(CAMPAIGN_PHASES, phase)) return refuse('PHASE', `phase inconnue : ${String(phase)}`);
  const dates: CampaignDates =
    req.dates && typeof req.dates === 'object' ? req.dates : ({} as unknown as CampaignDates);

  const roleRefusal = checkRole(action, role, competence);
  if (roleRefusal) return refuse('ROLE', roleRefusal);
  const extendedUntil = isIsoDate(req.extendedUntil) ? req.extendedUntil : null;
  const phaseRefusal = checkPhase(action, role, phase, state, dates, String(req.today), extendedUntil);
  if (phaseRefusal) return refuse('PHASE', phaseRefusal);
  const statusRefusal = checkStatus(action, state, competence);
  if (statusRefusal) return refuse('STATUS', statusRefusal);

  const reason = typeof req.reason === 'string' && req.reason.trim() !== '' ? req.reason.trim() : null;
  if (reason === null && action === 'INVALIDATE') {
    return refuse('REASON_REQUIRED', "le motif de l'invalidation est obligatoire");
  }
  if (reason === null && action === 'UNCONFIRM') {
    return refuse('REASON_REQUIRED', "le motif de l'annulation de la confirmation est obligatoire");
  }
  if (action === 'VALIDATE') {
    const factsRefusal = checkFacts(req.facts);
    if (factsRefusal) return refuse('INCOMPLETE', factsRefusal);
  }

  const from = state.status;
  const to = EDGES[action].to ?? from;
  const reopenedByAuthority =
    action === 'INVALIDATE'
      ? true
      : action === 'VALIDATE' || action === 'REOPEN'
        ? false
        : state.reopenedByAuthority;
  // A consultation concerns validated data: it is lost as soon as the data goes back to entry.
  const consultedByCd =
    action === 'MARK_CONSULTED'
      ? true
      : to === 'VALIDATED' || to === 'CONFIRMED'
        ? state.consultedByCd
        : false;
  return {
    ok: true,
    next: { status: to, consultedByCd, reopenedByAuthority },
    event: { action, from, to, reason },
  };
}

/** Applies `request` to `state`. Never throws: any refusal (or malformed input) is a result. */
export function transition(state: SubmissionState, request: TransitionRequest): TransitionResult {
  try {
    return decide(state, request);
  } catch {
    return { ok: false, code: 'STATUS', reason: 'demande invalide' };
  }
}

/** An action and whether the caller may take it now; when not, why, as a French sentence. */
export interface ActionOption<A extends string = SubmissionAction> {
  readonly action: A;
  readonly allowed: boolean;
  /** « La fiabilisation n'ouvre que le 1er juin 2026. » — null when allowed. */
  readonly reason: string | null;
}

/** A refusal reason as a sentence: capital first letter, final full stop. */
export function asSentence(reason: string): string {
  const trimmed = reason.trim();
  const capitalised = trimmed.charAt(0).toLocaleUpperCase('fr-FR') + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export interface ActionContext {
  readonly state: SubmissionState;
  readonly role: WorkflowRole;
  readonly competence: Competence;
  readonly phase: CampaignPhase;
  readonly today: string;
  readonly dates: CampaignDates;
  readonly extendedUntil?: string | null;
}

/**
 * Every action of the machine for this caller now: allowed, or refused with the machine's reason
 * (with its date). The reason and the validation facts are taken as given (the form asks for the
 * first; VALIDATE may still be refused as INCOMPLETE, which the form shows on its own).
 */
export function describeActions(context: ActionContext): ActionOption[] {
  return SUBMISSION_ACTIONS.map((action) => {
    const result = transition(context.state, {
      action,
      role: context.role,
      competence: context.competence,
      phase: context.phase,
      today: context.today,
      dates: context.dates,
      extendedUntil: context.extendedUntil ?? null,
      reason: 'motif',
      facts: { completeness: 1, threshold: 0, blockingErrors: 0 },
    });
    return result.ok
      ? { action, allowed: true, reason: null }
      : { action, allowed: false, reason: asSentence(result.reason) };
  });
}

/**
 * The actions that are part of `role`'s work on some structure: a structure enters, validates and
 * reopens; an authority invalidates, confirms, marks consulted (the Département) or cancels a
 * confirmation (national) where it is competent. When refused now, these are worth explaining;
 * the others are simply not this role's (a structure is never told why it cannot confirm).
 */
export function actionsOfRole(role: WorkflowRole): SubmissionAction[] {
  if (isStructure(role)) return ['SAVE', 'VALIDATE', 'REOPEN'];
  return SUBMISSION_ACTIONS.filter((action) =>
    COMPETENCES.some((competence) => checkRole(action, role, competence) === null),
  );
}

const PROBE_DATES: CampaignDates = {
  launch: '2000-01-01',
  accountsSetup: '2000-01-01',
  collectionStart: '2000-01-01',
  collectionEnd: '2000-01-01',
  fiabilisationStart: '2000-01-01',
  fiabilisationEnd: '2000-01-01',
  restitutionStart: '2000-01-01',
};

/**
 * The actions `role` could perform in `phase`, without an extension (dates only word refusals):
 * those `describeActions` allows.
 */
export function availableActions(
  state: SubmissionState,
  role: WorkflowRole,
  competence: Competence,
  phase: CampaignPhase,
): SubmissionAction[] {
  return describeActions({ state, role, competence, phase, today: '2000-01-01', dates: PROBE_DATES })
    .filter((option) => option.allowed)
    .map((option) => option.action);
}
