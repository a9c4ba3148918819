import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { IndicatorSheet } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { IndicatorSheetDetails } from './indicator-sheet-details';
import { paths } from '@/lib/paths';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * An indicator sheet in a side panel (a modal dialog): the focus moves to its title on opening and
 * stays inside; Escape, the close button or a click beside it close it, and the focus goes back to
 * the button that opened it.
 */
export function IndicatorSheetPanel({
  title,
  sheet,
  loading,
  error,
  onRetry,
  onClose,
  opener,
}: {
  /** Shown until the sheet is there (the indicator's label). */
  title: string;
  sheet: IndicatorSheet | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  onClose: () => void;
  /** Where the focus goes back on closing (else the element focused on opening). */
  opener?: HTMLElement | null;
}) {
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onCloseRef = useRef(onClose);
  // Safari does not focus a clicked button: the opener is best given.
  const openerRef = useRef(opener ?? null);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const returnTo = openerRef.current ?? focused;
    headingRef.current?.focus();
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCloseRef.current();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  // Tab and Shift+Tab cycle inside the panel.
  const trapFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !panelRef.current) return;
    const focusable = [...panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === headingRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  let body: ReactNode;
  if (sheet) body = <IndicatorSheetDetails sheet={sheet} />;
  else if (loading) body = <PageLoader label="Chargement de la fiche…" />;
  else if (error) body = <QueryError error={error} headingAs="h3" onRetry={onRetry} />;
  else body = <p>La fiche de cet indicateur est introuvable dans le guide des indicateurs.</p>;

  return (
    <>
      <div className="tdb-side-panel__backdrop" aria-hidden="true" onClick={onClose} />
      <div
        ref={panelRef}
        className="tdb-side-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={trapFocus}
      >
        <div className="tdb-side-panel__header">
          <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Fiche indicateur{sheet ? ` ${sheet.code}` : ''}</p>
          <button
            type="button"
            className={fr.cx('fr-btn--close', 'fr-btn')}
            title="Fermer la fiche"
            aria-label="Fermer la fiche"
            onClick={onClose}
          >
            Fermer
          </button>
        </div>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className={fr.cx('fr-h4')}>
          {sheet?.label ?? title}
        </h2>
        {body}
        {sheet && (
          <p className={fr.cx('fr-mt-3w', 'fr-mb-0')}>
            <Link to={paths.indicator.href(sheet.code)}>Voir la fiche dans le guide des indicateurs</Link>
          </p>
        )}
      </div>
    </>
  );
}
