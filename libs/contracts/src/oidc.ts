/** Sign-in through an OpenID Connect provider (ProConnect…), issue 17 §1. */

/** Whether the platform offers sign-in through a provider, and its name on the button. */
export interface OidcStatus {
  enabled: boolean;
  /** « ProConnect »; null when disabled. */
  displayName: string | null;
}

/**
 * Why a sign-in through the provider was refused: the SPA's page at /connexion/fournisseur shows
 * the French explanation of each (the API redirects there with `?motif=…`).
 */
export const OIDC_FAILURE_REASONS = [
  /** No account has this identity or its verified address: ask the administrator. */
  'UNKNOWN_IDENTITY',
  /** The provider did not vouch for the address: the identity cannot be linked by it. */
  'EMAIL_NOT_VERIFIED',
  /** The provider sent no address. */
  'NO_EMAIL',
  /** The account awaits its invitation: accept it from the emailed link. */
  'INVITATION_PENDING',
  /** The invitation link was used, replaced or expired. */
  'INVITATION_INVALID',
  /** The account has another identity at this provider (or the identity another account). */
  'ALREADY_LINKED',
  'ACCOUNT_DISABLED',
  /** The sign-in in progress expired, or was started in another browser or tab. */
  'EXPIRED',
  /** The state of the answer is not that of the sign-in started here (a forged answer). */
  'STATE_MISMATCH',
  /** The provider's answer failed a check (ID token signature, issuer, audience, expiry, nonce…). */
  'INVALID_RESPONSE',
  /** The person cancelled at the provider, or the provider refused. */
  'CANCELLED',
  /** The provider cannot be reached. */
  'UNAVAILABLE',
] as const;
export type OidcFailureReason = (typeof OIDC_FAILURE_REASONS)[number];

/** The answer of a logout: where to go next when the session was opened through the provider. */
export interface LogoutResponse {
  /** The provider's logout page (end_session_endpoint), to close the session there too. */
  providerLogoutUrl: string;
}

/** Authorities (ARS, département) whose staff must sign in through the provider. */
export interface AuthoritySignInRule {
  organisation: { kind: 'ARS' | 'CD'; code: string };
  /** The authority's name (« ARS Nouvelle-Aquitaine », « Département de la Dordogne »). */
  name: string;
  providerRequired: boolean;
}

export interface AuthoritySignInSettings {
  /** Whether a provider is configured at all (the rule can be set beforehand, it applies once it is). */
  providerEnabled: boolean;
  providerName: string | null;
  /** Every ARS and département, with its rule. */
  authorities: AuthoritySignInRule[];
}

export interface AuthoritySignInUpdate {
  providerRequired: boolean;
}
