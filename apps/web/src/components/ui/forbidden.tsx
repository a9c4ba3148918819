import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SERVICE_TITLE } from '../layouts/main-layout';
import { paths } from '@/lib/paths';

/** Shown in place of a page that the signed-in account's profiles do not open. */
export function Forbidden({
  title = 'Accès réservé',
  lead = "Vos habilitations ne donnent pas accès à cette page. Si vous pensez qu'il s'agit d'une erreur, contactez l'administrateur de votre organisation.",
}: {
  title?: string;
  lead?: string;
}) {
  return (
    <div className={fr.cx('fr-container', 'fr-py-8w')}>
      <title>{`${title} – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <h1>{title}</h1>
          <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Erreur 403</p>
          <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>{lead}</p>
          <Button linkProps={{ to: paths.home.href() }}>Revenir à l'accueil</Button>
        </div>
      </div>
    </div>
  );
}
