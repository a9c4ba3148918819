/** French labels of the audit actions the API records; an unknown action is shown as its code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
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
  'structure.category_corrected': "Correction de la catégorie d'une structure",
  'finess.import': 'Import du répertoire FINESS',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
