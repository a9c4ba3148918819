import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useSecuritySettings } from '@/features/settings/api/get-security-settings';
import { useSignInSettings } from '@/features/settings/api/get-sign-in-settings';
import { ProviderSignInRules } from '@/features/settings/components/provider-sign-in-rules';
import { TotpRequirementToggle } from '@/features/settings/components/totp-requirement-toggle';
import { paths } from '@/lib/paths';

export function SettingsPage() {
  const settings = useSecuritySettings();
  const signIn = useSignInSettings();

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Paramètres – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Paramètres"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Paramètres</h1>
      <p className={fr.cx('fr-text--lead')}>Les réglages de la plateforme, pour tous ses utilisateurs.</p>

      <section aria-labelledby="securite-titre" className={fr.cx('fr-mt-4w')}>
        <h2 id="securite-titre" className={fr.cx('fr-h4')}>
          Sécurité
        </h2>
        {settings.isPending ? (
          <PageLoader label="Chargement des réglages…" />
        ) : settings.isError ? (
          <QueryError
            error={settings.error}
            title="Les réglages n'ont pas pu être chargés"
            onRetry={() => void settings.refetch()}
          />
        ) : (
          <div className={fr.cx('fr-grid-row')}>
            <div className={`${fr.cx('fr-col-12', 'fr-col-lg-8')} tdb-panel`}>
              <TotpRequirementToggle settings={settings.data} />
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="fournisseur-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="fournisseur-titre" className={fr.cx('fr-h4')}>
          Connexion par le fournisseur d’identité
        </h2>
        {signIn.isPending ? (
          <PageLoader label="Chargement des règles de connexion…" />
        ) : signIn.isError ? (
          <QueryError
            error={signIn.error}
            title="Les règles de connexion n'ont pas pu être chargées"
            onRetry={() => void signIn.refetch()}
          />
        ) : (
          <div className={fr.cx('fr-grid-row')}>
            <div className={`${fr.cx('fr-col-12', 'fr-col-lg-8')} tdb-panel`}>
              <ProviderSignInRules settings={signIn.data} />
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

export default SettingsPage;
