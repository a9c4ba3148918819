import { fr } from '@codegouvfr/react-dsfr';

/** A polite loading message; screen readers announce it once. */
export function PageLoader({ label = 'Chargement en cours…' }: { label?: string }) {
  return (
    <p role="status" className={`tdb-loader ${fr.cx('fr-py-4w')}`}>
      <span className="tdb-loader__spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
