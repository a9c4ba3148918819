import { fr } from '@codegouvfr/react-dsfr';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';

export function AccessibilityPage() {
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`Accessibilité – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <h1>Déclaration d’accessibilité</h1>
          <p>
            Le tableau de bord de la performance dans le secteur médico-social s’engage à rendre son service
            accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
          </p>
          <h2>État de conformité</h2>
          <p>
            Le service est <strong>non conforme</strong> au référentiel général d’amélioration de
            l’accessibilité (RGAA) : aucun audit n’a encore été réalisé. Il est conçu avec le Système de
            design de l’État et en suivant les critères du RGAA (titres, libellés de formulaires, navigation
            au clavier, liens d’évitement).
          </p>
          <h2>Retour d’information et contact</h2>
          <p>
            Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le responsable du service
            pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
          </p>
          <h2>Voies de recours</h2>
          <p>
            Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu et que vous
            n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.
          </p>
        </div>
      </div>
    </div>
  );
}

export default AccessibilityPage;
