import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SERVICE_TITLE } from '../layouts/main-layout';
import { paths } from '@/lib/paths';

/** The DSFR "page not found" layout, for an unknown address or an unknown record. */
export function NotFound({
  title,
  lead,
  children,
  backTo = { to: paths.home.href(), label: "Revenir à l'accueil" },
}: {
  title: string;
  lead: ReactNode;
  children?: ReactNode;
  backTo?: { to: string; label: string };
}) {
  return (
    <div className={fr.cx('fr-container', 'fr-py-8w')}>
      <title>{`${title} – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <h1>{title}</h1>
          <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Erreur 404</p>
          <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>{lead}</p>
          {children}
          <Button linkProps={{ to: backTo.to }}>{backTo.label}</Button>
        </div>
      </div>
    </div>
  );
}
