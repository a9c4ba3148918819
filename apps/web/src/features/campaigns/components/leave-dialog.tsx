import { useEffect, useId, useRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { LeaveGuardState } from '../hooks/use-leave-guard';

/**
 * Asked before leaving a page with changes that could not be saved (invalid, refused or in
 * conflict): a modal dialog (focus inside, Escape stays) whose first button keeps the user on the page.
 */
export function LeaveDialog({
  state,
  problem,
  onStay,
  onLeave,
}: {
  state: LeaveGuardState;
  /** What would be lost, in French. */
  problem: string;
  onStay: () => void;
  onLeave: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const open = state === 'asking';
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <>
      <p className="fr-sr-only" role="status">
        {state === 'saving' ? 'Enregistrement des modifications avant de quitter la page…' : ''}
      </p>
      <dialog
        ref={ref}
        className="tdb-leave-dialog"
        aria-labelledby={titleId}
        onCancel={(event) => {
          event.preventDefault();
          onStay();
        }}
      >
        {open && (
          <>
            <h2 id={titleId} className={fr.cx('fr-h5')}>
              Des modifications ne sont pas enregistrées
            </h2>
            <p>{problem}</p>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--right')}>
              <li>
                <Button onClick={onStay}>Rester sur la page</Button>
              </li>
              <li>
                <Button priority="secondary" onClick={onLeave}>
                  Quitter sans les enregistrer
                </Button>
              </li>
            </ul>
          </>
        )}
      </dialog>
    </>
  );
}
