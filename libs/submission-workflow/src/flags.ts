/**
 * What a caller may do now on an atypia flag, and why not (issue 14 §2): the structure justifies,
 * the competent authority comments and decides (accept, or have it corrected — which sends a
 * validated submission back through the status machine, so its refusal is the machine's).
 */
import type { Competence } from '@tdb/reference';
import type { CampaignDates, CampaignPhase } from './dates';
import {
  asSentence,
  transition,
  type ActionOption,
  type SubmissionState,
  type WorkflowRole,
} from './workflow';

export type FlagStatus = 'OPEN' | 'JUSTIFIED' | 'ACCEPTED' | 'TO_CORRECT' | 'RESOLVED';
export type FlagAction = 'JUSTIFY' | 'COMMENT' | 'ACCEPT' | 'TO_CORRECT';
export const FLAG_ACTIONS: readonly FlagAction[] = ['JUSTIFY', 'COMMENT', 'ACCEPT', 'TO_CORRECT'];

/** Who decides on a flag, and who justifies it. */
export const FLAG_DECIDERS: readonly WorkflowRole[] = ['NATIONAL_ADMIN', 'ARS_CONTROLLER', 'CD_CONTROLLER'];
export const FLAG_JUSTIFIERS: readonly WorkflowRole[] = ['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION'];

export interface FlagContext {
  readonly flagStatus: FlagStatus;
  /** The campaign is open (not a draft, not closed by the national administrator). */
  readonly campaignOpen: boolean;
  /** The caller's role on the flag's structure (null: none, read through a wider scope). */
  readonly role: WorkflowRole | null;
  readonly competence: Competence;
  readonly submission: SubmissionState;
  readonly phase: CampaignPhase;
  readonly today: string;
  readonly dates: CampaignDates;
}

function refusal(action: FlagAction, c: FlagContext): string | null {
  if (!c.campaignOpen) return "la campagne n'est pas ouverte : le fil est en lecture seule";
  if (c.flagStatus === 'RESOLVED') return 'le signalement est résolu : la règle ne se déclenche plus';
  const role = c.role;
  const decider = role !== null && FLAG_DECIDERS.includes(role);
  const justifier = role !== null && FLAG_JUSTIFIERS.includes(role);
  switch (action) {
    case 'JUSTIFY':
      return justifier
        ? null
        : 'seule la structure (ou son organisme gestionnaire) justifie une valeur atypique';
    case 'COMMENT':
      return decider
        ? null
        : "seule l'autorité compétente commente un signalement ; la structure le justifie";
    case 'ACCEPT':
      if (!decider) return "seule l'autorité compétente décide d'un signalement";
      return c.flagStatus === 'ACCEPTED' ? 'le signalement est déjà accepté' : null;
    case 'TO_CORRECT': {
      if (!decider) return "seule l'autorité compétente décide d'un signalement";
      if (c.flagStatus === 'TO_CORRECT') return 'le signalement est déjà à corriger';
      if (c.submission.status !== 'VALIDATED') return null;
      // A validated submission goes back to the structure: the machine must allow the invalidation.
      const result = transition(c.submission, {
        action: 'INVALIDATE',
        role: role!,
        competence: c.competence,
        phase: c.phase,
        today: c.today,
        dates: c.dates,
        reason: 'motif',
      });
      return result.ok ? null : `la saisie ne peut pas être renvoyée à la structure : ${result.reason}`;
    }
  }
}

/** Every flag action for this caller now, allowed or refused with its reason as a sentence. */
export function describeFlagActions(context: FlagContext): ActionOption<FlagAction>[] {
  return FLAG_ACTIONS.map((action) => {
    const reason = refusal(action, context);
    return reason === null
      ? { action, allowed: true, reason: null }
      : { action, allowed: false, reason: asSentence(reason) };
  });
}
