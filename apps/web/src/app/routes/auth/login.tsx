import { Navigate, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { PageLoader } from '@/components/ui/page-loader';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useAuth } from '@/lib/auth/auth-provider';
import { RETURN_TO_PARAM, safeReturnTo } from '@/lib/auth/return-to';
import { TOTP_ENROLLMENT_URL } from '@/lib/auth/totp-enrollment';
import { LoginForm } from '@/features/auth/components/login-form';
import { ProviderSignIn } from '@/features/auth/components/provider-sign-in';
import { paths } from '@/lib/paths';

export function LoginPage() {
  const { state } = useAuth();
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get(RETURN_TO_PARAM));

  // Signed in (just now, or already): back to the page the user came from, unless the second
  // factor must be set up first.
  if (state.status === 'authenticated') {
    return (
      <Navigate
        to={state.totpEnrollmentRequired ? TOTP_ENROLLMENT_URL : (returnTo ?? paths.home.href())}
        replace
      />
    );
  }

  const reason = state.status === 'anonymous' ? state.reason : null;
  // Back from the provider's logout page (the API sent the browser there on sign-out).
  const signedOutAtProvider = searchParams.get('deconnexion') === 'fournisseur';

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`Connexion – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
          <h1>Connexion au tableau de bord</h1>
          {state.status === 'loading' ? (
            <PageLoader label="Vérification de votre session…" />
          ) : (
            <>
              {signedOutAtProvider ? (
                <Alert
                  className={fr.cx('fr-mb-3w')}
                  severity="success"
                  small
                  description="Vous êtes déconnecté, du tableau de bord et de votre fournisseur d’identité."
                />
              ) : reason === 'expired' ? (
                <Alert
                  className={fr.cx('fr-mb-3w')}
                  severity="warning"
                  small
                  description="Votre session a expiré. Reconnectez-vous pour continuer."
                />
              ) : reason === 'signed-out' ? (
                <Alert
                  className={fr.cx('fr-mb-3w')}
                  severity="success"
                  small
                  description="Vous êtes déconnecté."
                />
              ) : returnTo ? (
                <Alert
                  className={fr.cx('fr-mb-3w')}
                  severity="info"
                  small
                  description="Connectez-vous pour accéder à cette page."
                />
              ) : null}
              <ProviderSignIn returnTo={returnTo} />
              <div className="tdb-panel">
                <LoginForm />
              </div>
              <p className={fr.cx('fr-mt-3w', 'fr-text--sm')}>
                Les comptes sont créés par l'administrateur de votre organisation, qui vous envoie une
                invitation par courriel.
              </p>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export default LoginPage;
