import type { SaveState } from '../hooks/use-submission-entry';

const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/**
 * Where the autosave stands (« Enregistrement… », « Enregistré à 05:43 », an error), announced to
 * screen readers: progress and success politely, errors at once. Both live regions stay in the page
 * so that a change of their text is announced.
 */
export function SaveStatus({ state, pendingCount }: { state: SaveState; pendingCount: number }) {
  let text = '';
  if (state.kind === 'saving') text = 'Enregistrement…';
  else if (pendingCount > 0) text = 'Modifications en attente d’enregistrement…';
  else if (state.kind === 'saved') text = `Enregistré à ${timeFormat.format(state.at)}`;
  return (
    <div className="tdb-save-status">
      <p className="fr-mb-0" role="status" aria-live="polite">
        {state.kind === 'error' ? '' : text}
      </p>
      <p className="fr-mb-0 tdb-save-status--error" role="alert" aria-live="assertive">
        {state.kind === 'error' ? state.message : ''}
      </p>
    </div>
  );
}
