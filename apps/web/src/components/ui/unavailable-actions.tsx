import { fr } from '@codegouvfr/react-dsfr';

export interface UnavailableAction {
  /** The action's name, as its button would say it. */
  label: string;
  /** Why not now, a French sentence from the API (with its date when there is one). */
  reason: string;
}

/**
 * The actions the reader may not take now, each with why: never a button hidden without a word.
 * Actions refused for the same reason share one line (« Invalider, Confirmer : … »).
 */
export function UnavailableActions({
  actions,
  title = 'Non disponible pour le moment',
}: {
  actions: UnavailableAction[];
  title?: string;
}) {
  if (actions.length === 0) return null;
  const byReason = new Map<string, string[]>();
  for (const { label, reason } of actions) byReason.set(reason, [...(byReason.get(reason) ?? []), label]);
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <p className={fr.cx('fr-text--sm', 'fr-text--bold', 'fr-mb-1v')}>{title} :</p>
      <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {[...byReason].map(([reason, labels]) => (
          <li key={reason}>
            « {labels.join(' », « ')} » : {reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
