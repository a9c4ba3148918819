import { Link, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { OIDC_FAILURE_REASONS, type OidcFailureReason } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useOidcStatus } from '@/features/auth/api/get-oidc-status';
import { ProviderSignIn } from '@/features/auth/components/provider-sign-in';
import { paths } from '@/lib/paths';

interface Explanation {
  title: string;
  text: string;
  /** Offer to try the provider again (a passing failure). */
  retry?: boolean;
}

/** What each refusal means for the person, in French; `who` is the address the provider gave. */
export function explain(reason: OidcFailureReason, who: string, provider: string): Explanation {
  switch (reason) {
    case 'UNKNOWN_IDENTITY':
      return {
        title: 'Aucun compte TDB pour cette identité',
        text: `Aucun compte TDB n’est associé à ${who} : demandez à votre administrateur de vous créer un compte avec cette adresse, ou de vous inviter.`,
      };
    case 'EMAIL_NOT_VERIFIED':
      return {
        title: 'Adresse non vérifiée',
        text: `${provider} n’a pas vérifié l’adresse ${who} : elle ne peut pas servir à retrouver votre compte TDB. Connectez-vous avec votre mot de passe, ou demandez à votre administrateur une invitation à accepter avec ${provider}.`,
      };
    case 'NO_EMAIL':
      return {
        title: 'Adresse électronique manquante',
        text: `${provider} n’a pas transmis d’adresse électronique : votre compte TDB ne peut pas être retrouvé. Demandez à votre administrateur.`,
      };
    case 'INVITATION_PENDING':
      return {
        title: 'Invitation à accepter',
        text: `Le compte de ${who} attend son activation : ouvrez le lien d’invitation reçu par courriel, puis choisissez « S’identifier avec ${provider} » sur cette page.`,
      };
    case 'INVITATION_INVALID':
      return {
        title: 'Lien d’invitation expiré',
        text: 'Ce lien d’invitation n’est plus valide (déjà utilisé, remplacé par un plus récent ou expiré) : demandez-en un nouveau à votre administrateur.',
      };
    case 'ALREADY_LINKED':
      return {
        title: 'Compte déjà relié à une autre identité',
        text: `Le compte TDB de ${who} est déjà relié à une autre identité ${provider}. Connectez-vous avec celle-ci, ou demandez à votre administrateur.`,
      };
    case 'ACCOUNT_DISABLED':
      return {
        title: 'Compte désactivé',
        text: 'Votre compte TDB est désactivé : contactez votre administrateur.',
      };
    case 'EXPIRED':
      return {
        title: 'Connexion expirée',
        text: 'La connexion a pris trop de temps, ou a été commencée dans un autre navigateur : recommencez.',
        retry: true,
      };
    case 'STATE_MISMATCH':
    case 'INVALID_RESPONSE':
      return {
        title: 'Réponse du fournisseur refusée',
        text: `La réponse de ${provider} n’a pas passé les contrôles de sécurité : vous n’êtes pas connecté. Recommencez ; si cela se reproduit, prévenez votre administrateur.`,
        retry: true,
      };
    case 'CANCELLED':
      return {
        title: 'Connexion annulée',
        text: `La connexion avec ${provider} a été annulée : vous n’êtes pas connecté.`,
        retry: true,
      };
    case 'UNAVAILABLE':
      return {
        title: 'Fournisseur d’identité injoignable',
        text: `${provider} ne répond pas : réessayez dans une minute, ou connectez-vous avec votre mot de passe.`,
        retry: true,
      };
  }
}

const isReason = (value: string | null): value is OidcFailureReason =>
  (OIDC_FAILURE_REASONS as readonly string[]).includes(value ?? '');

/** Where the API sends the browser when a sign-in through the provider is refused. */
export function ProviderSignInFailurePage() {
  const [searchParams] = useSearchParams();
  const motif = searchParams.get('motif');
  const reason: OidcFailureReason = isReason(motif) ? motif : 'INVALID_RESPONSE';
  const who = searchParams.get('adresse') || 'cette identité';
  const provider = useOidcStatus().data?.displayName ?? 'le fournisseur d’identité';
  const explanation = explain(reason, who, provider);
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`${explanation.title} – ${SERVICE_TITLE}`}</title>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
          <h1>Connexion impossible</h1>
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity={explanation.retry ? 'warning' : 'error'}
            title={explanation.title}
            description={explanation.text}
          />
          {explanation.retry && <ProviderSignIn />}
          <p>
            <Link
              to={paths.login.href()}
              className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
            >
              Retour à la page de connexion
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}

export default ProviderSignInFailurePage;
