import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { providerSignInUrl, useOidcStatus } from '../api/get-oidc-status';

/**
 * The button of the identity provider, shown only when the API offers one: ProConnect's own DSFR
 * button, or a DSFR button named after another provider. A link: the browser goes to the provider.
 */
export function ProviderSignIn({
  invitation,
  returnTo,
  intro,
}: {
  invitation?: string;
  returnTo?: string | null;
  /** A sentence above the button. */
  intro?: string;
}) {
  const status = useOidcStatus();
  if (!status.data?.enabled) return null;
  const name = status.data.displayName ?? 'le fournisseur d’identité';
  const url = providerSignInUrl({ invitation, returnTo });
  return (
    <section className={fr.cx('fr-mb-4w')} aria-labelledby="fournisseur-titre">
      <h2 id="fournisseur-titre" className={fr.cx('fr-h5')}>
        Se connecter avec {name}
      </h2>
      {intro && <p>{intro}</p>}
      {name === 'ProConnect' ? (
        <ProConnectButton url={url} />
      ) : (
        <Button linkProps={{ href: url }} iconId="fr-icon-account-circle-line">
          S’identifier avec {name}
        </Button>
      )}
      <p className={fr.cx('fr-hr-or', 'fr-mt-3w')}>ou</p>
    </section>
  );
}
