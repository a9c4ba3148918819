import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Configuration } from 'openid-client';
import { newSecret } from '../../common/auth/token-hash';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../../config/app-config';

type OpenIdClient = typeof import('openid-client');

/** What a sign-in at the provider needs to be checked on its return: kept server-side. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** The raw ID token: the hint of the logout at the provider. */
  idToken: string;
}

/** The callback route, as registered at the provider. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** Where the provider sends the browser back after its logout. */
export const OIDC_POST_LOGOUT_PATH = '/connexion?deconnexion=fournisseur';

const DISCOVERY_RETRY_MS = 30_000;

/**
 * The OpenID Connect provider through openid-client: its metadata discovered from the issuer once
 * (again after a failure), the authorization URL (code flow, PKCE S256, state, nonce), the code
 * exchange with every check of the ID token (issuer, audience, signature against the provider's
 * JWKS, expiry, nonce), and the logout URL. openid-client is an ES module: loaded on first use, so
 * that a platform without OIDC never loads it.
 */
@Injectable()
export class OidcProviderClient {
  private readonly logger = new Logger(OidcProviderClient.name);
  private discovered: Promise<{ lib: OpenIdClient; configuration: Configuration }> | null = null;
  private failedAt = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  get redirectUri(): string {
    return `${this.config.mail.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  private required(): OidcConfig {
    if (!this.config.oidc) {
      throw new DomainError('NOT_FOUND', 'La connexion par un fournisseur d’identité n’est pas configurée.');
    }
    return this.config.oidc;
  }

  private unavailable(): DomainError {
    return new DomainError(
      'SERVICE_BUSY',
      'Le fournisseur d’identité ne répond pas : réessayez dans une minute ou connectez-vous avec votre mot de passe.',
      undefined,
      'OIDC provider unreachable',
    );
  }

  private async client(): Promise<{ lib: OpenIdClient; configuration: Configuration }> {
    const settings = this.required();
    if (!this.discovered && Date.now() - this.failedAt < DISCOVERY_RETRY_MS) throw this.unavailable();
    this.discovered ??= (async () => {
      const lib = await import('openid-client');
      const configuration = await lib.discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        lib.ClientSecretPost(settings.clientSecret),
        {
          execute: settings.allowInsecure ? [lib.allowInsecureRequests] : [],
          timeout: 10,
        },
      );
      // Check the signature of the ID token from the token endpoint too (not only TLS).
      lib.enableNonRepudiationChecks(configuration);
      return { lib, configuration };
    })();
    try {
      return await this.discovered;
    } catch (error) {
      this.discovered = null;
      this.failedAt = Date.now();
      this.logger.error(`OIDC discovery of ${settings.issuer} failed: ${(error as Error).message}`);
      throw this.unavailable();
    }
  }

  newChecks(): AuthorizationChecks {
    return { state: newSecret(), nonce: newSecret(), codeVerifier: newSecret() + newSecret() };
  }

  async authorizationUrl(checks: AuthorizationChecks): Promise<string> {
    const settings = this.required();
    const { lib, configuration } = await this.client();
    return lib
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        scope: settings.scopes,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: createHash('sha256').update(checks.codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /**
   * Exchanges the code of the callback (its query string as received) and returns the identity
   * once every check passed; any failed check throws (the caller refuses the sign-in).
   */
  async exchange(query: string, checks: AuthorizationChecks): Promise<ProviderIdentity> {
    const settings = this.required();
    const { lib, configuration } = await this.client();
    const tokens = await lib.authorizationCodeGrant(configuration, new URL(`${this.redirectUri}?${query}`), {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('No ID token in the token response');
    let source: Record<string, unknown> = claims;
    if (claims[settings.emailClaim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      // Providers that keep the profile out of the ID token (ProConnect) give it through UserInfo.
      source = { ...(await lib.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
    }
    const email = source[settings.emailClaim];
    const verified = settings.emailVerifiedClaim === 'none' || source[settings.emailVerifiedClaim] === true;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof email === 'string' && email.includes('@') ? email.trim() : null,
      emailVerified: verified,
      idToken: tokens.id_token,
    };
  }

  /** The provider's logout URL for a session opened through it, or null when it offers none. */
  async endSessionUrl(idToken: string): Promise<string | null> {
    if (!this.config.oidc) return null;
    const { lib, configuration } = await this.client();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return lib
      .buildEndSessionUrl(configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${this.config.mail.publicUrl}${OIDC_POST_LOGOUT_PATH}`,
      })
      .toString();
  }
}
