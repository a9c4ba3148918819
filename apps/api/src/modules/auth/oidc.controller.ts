import { Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import type { OidcFailureReason, OidcStatus } from '@tdb/contracts';
import { Public } from '../../common/auth/authorize.decorator';
import { RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { OidcStatusResponse } from './dto/auth.response';
import { OidcProviderClient } from './oidc-provider.client';
import { OIDC_SIGN_IN_TTL_MS, OidcSignInService } from './oidc-sign-in.service';
import { setRefreshCookie } from './session-cookie';

/** The cookie that ties the provider's answer to the browser that started the sign-in. */
const PENDING_COOKIE = 'tdb_oidc';
const PENDING_PATH = '/api/auth/oidc';
/** The SPA's page explaining a refused sign-in. */
const FAILURE_PAGE = '/connexion/fournisseur';

class OidcLoginQuery {
  @IsOptional()
  @IsString({ message: 'Lien d’invitation invalide.' })
  @MaxLength(200, { message: 'Lien d’invitation invalide.' })
  invitation?: string;

  @IsOptional()
  @IsString({ message: 'Adresse de retour invalide.' })
  @MaxLength(500, { message: 'Adresse de retour invalide.' })
  returnTo?: string;
}

const LOCATION = { Location: { description: 'Où le navigateur va ensuite', schema: { type: 'string' } } };

/**
 * Sign-in through the OpenID Connect provider, by browser navigations: the start redirects to the
 * provider, its answer comes back to the callback, which sets the same session cookie as a password
 * sign-in and sends the browser to the SPA (which renews the session from the cookie on load, as on
 * any page load: no token ever travels in a URL). See ADR 0017.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly provider: OidcProviderClient,
    private readonly signIn: OidcSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'La connexion par un fournisseur d’identité est-elle proposée (et par lequel) ?' })
  @ApiOkResponse({ type: OidcStatusResponse })
  status(): OidcStatus {
    const settings = this.provider.settings;
    return { enabled: settings !== null, displayName: settings?.displayName ?? null };
  }

  @Get('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Se connecter par le fournisseur d’identité (navigation du navigateur : redirige vers lui)',
    description:
      'Avec `invitation` : accepte l’invitation de ce lien par le fournisseur. Fournisseur injoignable : redirige vers la page d’explication de la SPA.',
  })
  @ApiQuery({ name: 'invitation', required: false, description: 'Le jeton du lien d’invitation reçu' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'Page de la SPA où revenir (chemin relatif)' })
  @ApiFoundResponse({ description: 'Vers le fournisseur d’identité', headers: LOCATION })
  @ApiErrors(404)
  async login(@Query() query: OidcLoginQuery, @Res() response: Response): Promise<void> {
    let started: { url: string; key: string };
    try {
      started = await this.signIn.start(query.invitation, query.returnTo);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SERVICE_BUSY') throw error;
      return response.redirect(302, this.failure('UNAVAILABLE', null));
    }
    response.cookie(PENDING_COOKIE, started.key, {
      httpOnly: true,
      secure: this.config.auth.cookieSecure,
      // Lax: the provider's answer is a cross-site navigation, which must bring this cookie back.
      sameSite: 'lax',
      path: PENDING_PATH,
      maxAge: OIDC_SIGN_IN_TTL_MS,
    });
    response.redirect(302, started.url);
  }

  @Get('callback')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Retour du fournisseur d’identité (navigation du navigateur)',
    description:
      'Vérifie la réponse (state, code avec PKCE, jeton d’identité : émetteur, audience, signature, expiration, nonce), relie l’identité au compte, ouvre la session (cookie) et redirige vers la SPA ; en cas de refus, vers la page d’explication `/connexion/fournisseur?motif=…`.',
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'iss', required: false })
  @ApiQuery({ name: 'error', required: false })
  @ApiFoundResponse({ description: 'Vers la SPA (session ouverte, ou page du refus)', headers: LOCATION })
  async callback(
    @Req() request: Request,
    @RequestInfo() meta: RequestMeta,
    @Res() response: Response,
  ): Promise<void> {
    const key: unknown = request.cookies?.[PENDING_COOKIE];
    response.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
    const rawQuery = request.originalUrl.includes('?')
      ? request.originalUrl.split('?').slice(1).join('?')
      : '';
    const outcome = await this.signIn.callback(
      typeof key === 'string' && key !== '' ? key : undefined,
      request.query as Record<string, unknown>,
      rawQuery,
      meta,
    );
    if (!outcome.ok) return response.redirect(302, this.failure(outcome.reason, outcome.email));
    setRefreshCookie(response, outcome.session, this.config.auth.cookieSecure);
    response.redirect(302, outcome.returnTo ?? '/');
  }

  private failure(reason: OidcFailureReason, email: string | null): string {
    const query = new URLSearchParams({ motif: reason });
    if (email) query.set('adresse', email);
    return `${FAILURE_PAGE}?${query.toString()}`;
  }
}
