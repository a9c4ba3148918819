import type { AtypiaThread } from '@tdb/contracts';
import type { UnavailableAction } from '@/components/ui/unavailable-actions';

type FlagAction = AtypiaThread['actions'][number]['action'];

/** The names of the flag actions the thread offers (a comment goes with a decision). */
export const FLAG_ACTION_LABELS: Record<FlagAction, string> = {
  JUSTIFY: 'Envoyer la justification',
  COMMENT: 'Commenter',
  ACCEPT: 'Accepter la valeur',
  TO_CORRECT: 'Faire corriger',
};

const DECISIONS: FlagAction[] = ['ACCEPT', 'TO_CORRECT'];

/**
 * What the thread offers the caller, from the API's `actions`: the justification (structure) or the
 * decisions (authority), and the caller's refused ones with why. The caller's side is the side of an
 * action it may take; with none allowed (resolved flag, closed campaign, reader), every refusal is
 * said, those sharing a reason on one line.
 */
export function threadActions(thread: AtypiaThread): {
  justify: boolean;
  decide: boolean;
  refusedDecisions: { ACCEPTED?: string; TO_CORRECT?: string };
  unavailable: UnavailableAction[];
} {
  const option = (action: FlagAction) => thread.actions.find((o) => o.action === action);
  const allowed = (action: FlagAction) => option(action)?.allowed === true;
  const justify = allowed('JUSTIFY');
  const decide = DECISIONS.some(allowed);
  const mine: FlagAction[] = justify ? ['JUSTIFY'] : decide ? DECISIONS : ['JUSTIFY', ...DECISIONS];
  const unavailable = mine.flatMap((action) => {
    const o = option(action);
    return o && !o.allowed && o.reason ? [{ label: FLAG_ACTION_LABELS[action], reason: o.reason }] : [];
  });
  const reasonOf = (action: FlagAction) => {
    const o = option(action);
    return o && !o.allowed ? (o.reason ?? undefined) : undefined;
  };
  return {
    justify,
    decide,
    refusedDecisions: { ACCEPTED: reasonOf('ACCEPT'), TO_CORRECT: reasonOf('TO_CORRECT') },
    unavailable,
  };
}
