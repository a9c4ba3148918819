/** French labels of the audit actions the API records; an unknown action is shown as its code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
  'auth.login_throttled': 'Connexion refusée (trop d’essais, attente en cours)',
  'auth.oidc_login': 'Connexion par le fournisseur d’identité',
  'auth.oidc_linked': 'Identité du fournisseur reliée au compte',
  'auth.oidc_refused': 'Connexion par le fournisseur d’identité refusée',
  'auth.password_refused': 'Connexion par mot de passe refusée (fournisseur d’identité exigé)',
  'auth.totp_enabled': 'Activation de la double authentification',
  'auth.totp_disabled': 'Désactivation de la double authentification',
  'access.denied': 'Accès refusé',
  'auth.logout': 'Déconnexion',
  'auth.refresh_reuse': 'Session fermée (jeton de session réutilisé)',
  'auth.password_changed': 'Changement de mot de passe',
  'auth.password_reset_requested': 'Demande de réinitialisation du mot de passe',
  'auth.password_reset': 'Réinitialisation du mot de passe',
  'auth.invitation_accepted': 'Activation du compte',
  'account.created': 'Création du compte',
  'account.updated': 'Modification du compte',
  'account.disabled': 'Désactivation du compte',
  'account.enabled': 'Réactivation du compte',
  'account.invitation_sent': "Envoi de l'invitation",
  'grant.created': "Ajout d'une habilitation",
  'grant.revoked': "Retrait d'une habilitation",
  'grant.offered': "Proposition d'une habilitation",
  'grant.accepted': "Acceptation d'une habilitation proposée",
  'grant.declined': "Refus d'une habilitation proposée",
  'api_token.created': "Création d'un jeton d'API",
  'api_token.revoked': "Révocation d'un jeton d'API",
  'campaign.create': "Création d'une campagne",
  'campaign.update': "Modification d'une campagne",
  'campaign.reminder': 'Envoi de relances',
  'campaign.launchEmail': 'Envoi du courriel de lancement',
  'referent.create': "Ajout d'un référent",
  'referent.delete': "Retrait d'un référent",
  'settings.updated': 'Modification des paramètres de la plateforme',
  'settings.authority_sign_in': 'Règle de connexion d’une autorité (fournisseur d’identité)',
  'structure.category_corrected': "Correction de la catégorie d'une structure",
  'finess.import': 'Import du répertoire FINESS',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const LOGIN_FAILURE_REASONS: Readonly<Record<string, string>> = {
  unknown: 'adresse sans compte actif',
  password: 'mot de passe incorrect',
  second_factor: 'code de double authentification incorrect',
};

const OIDC_REFUSAL_REASONS: Readonly<Record<string, string>> = {
  UNKNOWN_IDENTITY: 'aucun compte pour cette identité',
  EMAIL_NOT_VERIFIED: 'adresse non vérifiée par le fournisseur',
  NO_EMAIL: 'pas d’adresse transmise',
  INVITATION_PENDING: 'invitation pas encore acceptée',
  INVITATION_INVALID: 'lien d’invitation expiré ou utilisé',
  ALREADY_LINKED: 'compte relié à une autre identité',
  ACCOUNT_DISABLED: 'compte désactivé',
  EXPIRED: 'connexion expirée ou commencée ailleurs',
  STATE_MISMATCH: 'réponse étrangère à la connexion commencée (state)',
  INVALID_RESPONSE: 'réponse du fournisseur invalide (jeton, signature, nonce…)',
  CANCELLED: 'annulée chez le fournisseur',
};

/** What an entry's details add for a reader, in French (nothing for most actions). */
export function auditDetailText(action: string, details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  if (action === 'access.denied' && typeof details['message'] === 'string') {
    const before = Number(details['notRecordedBefore'] ?? 0);
    return before > 0
      ? `${details['message']} (et ${before} refus semblables non détaillés avant celui-ci)`
      : details['message'];
  }
  if (action === 'auth.login_throttled') {
    const count = Number(details['refusedAttempts'] ?? 1);
    return `${count} tentative${count > 1 ? 's' : ''} refusée${count > 1 ? 's' : ''} pendant l’attente`;
  }
  if (action === 'auth.oidc_refused' && typeof details['reason'] === 'string')
    return OIDC_REFUSAL_REASONS[details['reason']] ?? details['reason'];
  if (action === 'auth.oidc_linked')
    return details['by'] === 'invitation' ? 'par une invitation acceptée' : 'par l’adresse vérifiée';
  if (action === 'settings.authority_sign_in')
    return details['providerRequired'] ? 'fournisseur d’identité exigé' : 'mot de passe de nouveau accepté';
  if (action === 'auth.login_failed' && typeof details['reason'] === 'string')
    return LOGIN_FAILURE_REASONS[details['reason']] ?? null;
  return null;
}
