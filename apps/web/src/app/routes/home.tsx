import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useAuth } from '@/lib/auth/auth-provider';
import { CampaignHomeCard } from '@/features/campaigns/components/campaign-home-card';
import { FollowUpHomeSummary } from '@/features/follow-up/components/follow-up-home-summary';
import { MySteps } from '@/features/guide/components/my-steps';
import { useCampaigns } from '@/lib/api/get-campaigns';
import { currentCampaign } from '@/lib/api/use-current-campaign';
import { SupportHelpLinks } from '@/features/support/components/support-links';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { paths } from '@/lib/paths';

const FEATURES = [
  {
    title: 'Rechercher une structure',
    text: 'Par nom ou numéro FINESS, sans se soucier des accents, et par région, département, catégorie ou autorité compétente.',
  },
  {
    title: 'Consulter sa fiche',
    text: 'Identification, coordonnées, organisme gestionnaire et historique des modifications de chaque établissement ou service.',
  },
  {
    title: 'Corriger une catégorie',
    text: "Lorsque la catégorie FINESS ne correspond pas à l'autorisation, corrigez-la en indiquant le motif ; la correction est tracée.",
  },
];

/** « Mes étapes » of the current campaign, for a signed-in person. */
function CurrentSteps() {
  const campaigns = useCampaigns();
  const { account } = useAuth();
  const campaign = campaigns.data && currentCampaign(campaigns.data);
  if (!campaign) return null;
  return (
    <>
      <MySteps year={campaign.year} />
      <section aria-labelledby="aide-campagne" className={fr.cx('fr-mb-6w')}>
        <h2 id="aide-campagne" className={fr.cx('fr-h5')}>
          Besoin d’aide ?
        </h2>
        <SupportHelpLinks year={campaign.year} canAsk={asksQuestions(account)} />
      </section>
    </>
  );
}

export function HomePage() {
  const { state } = useAuth();
  return (
    <>
      <title>{`Accueil – ${SERVICE_TITLE} – Secteur médico-social`}</title>
      <div className="tdb-hero">
        <div className={fr.cx('fr-container', 'fr-py-8w')}>
          <div className={fr.cx('fr-grid-row')}>
            <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
              <h1>Tableau de bord de la performance dans le secteur médico-social</h1>
              <p className={fr.cx('fr-text--lead')}>
                Retrouvez les établissements et services médico-sociaux (ESMS) et leurs organismes
                gestionnaires, à partir du répertoire national FINESS.
              </p>
              {state.status === 'anonymous' ? (
                <>
                  <Button linkProps={{ to: paths.login.href() }} size="large" iconId="fr-icon-lock-line">
                    Se connecter
                  </Button>
                  <p className={fr.cx('fr-text--sm', 'fr-mt-2w', 'fr-mb-0')}>
                    Le service est réservé aux agents des ARS, des conseils départementaux et aux organismes
                    gestionnaires disposant d'un compte.
                  </p>
                </>
              ) : (
                <Button linkProps={{ to: paths.structures.href() }} size="large" iconId="fr-icon-search-line">
                  Rechercher une structure
                </Button>
              )}
            </div>
          </div>
        </div>
      </div>
      <div className={fr.cx('fr-container', 'fr-py-8w')}>
        {state.status === 'authenticated' && <CurrentSteps />}
        <CampaignHomeCard followUp={(campaign) => <FollowUpHomeSummary year={campaign.year} />} />
        <h2>Ce que vous pouvez faire</h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {FEATURES.map((feature) => (
            <div key={feature.title} className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <div className="tdb-panel tdb-panel--fill">
                <h3 className={fr.cx('fr-h6')}>{feature.title}</h3>
                <p className={fr.cx('fr-mb-0')}>{feature.text}</p>
              </div>
            </div>
          ))}
        </div>
      </div>
    </>
  );
}

export default HomePage;
