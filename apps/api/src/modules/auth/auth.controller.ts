import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type {
  Account,
  LoginResponse,
  LogoutResponse,
  SessionInfo,
  TokenInfo,
  TotpSetup,
} from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize, Public } from '../../common/auth/authorize.decorator';
import { CurrentUser, RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import { ApiErrorResponseDto } from '../../common/openapi/error-response.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccountResponse } from '../identity/dto/account.response';
import { AccountsRepository } from '../identity/accounts.repository';
import { PasswordsService } from './passwords.service';
import { RefreshFailures } from './refresh-failures';
import { SecondFactorService } from './second-factor.service';
import { SessionsService, type IssuedSession } from './sessions.service';
import { COOKIE_PATH, REFRESH_COOKIE, setRefreshCookie } from './session-cookie';
import { OidcProviderClient } from './oidc-provider.client';
import {
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  PasswordConfirmationDto,
  PasswordTokenDto,
  TotpCodeDto,
} from './dto/auth.dto';
import {
  LoginResponseDto,
  LoginThrottledDetails,
  LogoutResponseDto,
  MessageResponse,
  SessionInfoResponse,
  TokenInfoResponse,
  TotpSetupResponse,
} from './dto/auth.response';

export { REFRESH_COOKIE } from './session-cookie';

/** The session cookie an answer sets, as the document shows it. */
const SESSION_COOKIE_HEADER = {
  'Set-Cookie': {
    description: `Cookie de session ${REFRESH_COOKIE} (httpOnly, SameSite=Strict, Path=${COOKIE_PATH}) : le jeton de renouvellement`,
    schema: { type: 'string' },
  },
};
const TOKEN_GONE =
  'Lien déjà utilisé, remplacé par un plus récent, expiré, ou compte désactivé (TOKEN_INVALID)';

/**
 * The routes where an anonymous caller could guess (passwords, codes, tokens) are rate-limited per
 * address (AUTH_THROTTLE_PER_MINUTE, `@UseGuards(ThrottlerGuard)` on each), on top of the
 * per-account sign-in throttle. Renewing a valid session is not: every page load renews it and an
 * office shares one address; only failed renewals count (RefreshFailures, issue 15 §5).
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordsService,
    private readonly secondFactor: SecondFactorService,
    private readonly accounts: AccountsRepository,
    private readonly refreshFailures: RefreshFailures,
    private readonly oidc: OidcProviderClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async respond(session: IssuedSession, response: Response): Promise<LoginResponse> {
    setRefreshCookie(response, session, this.config.auth.cookieSecure);
    return {
      accessToken: session.accessToken,
      expiresIn: session.expiresIn,
      account: await this.accounts.view(session.accountId),
      totpEnrollmentRequired: await this.secondFactor.totpEnrollmentRequired(session.accountId),
    };
  }

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Se connecter (adresse électronique et mot de passe)' })
  @ApiOkResponse({
    type: LoginResponseDto,
    headers: SESSION_COOKIE_HEADER,
    description: 'Connecté : jeton d’accès et compte ; le cookie de session est posé',
  })
  @ApiUnauthorizedResponse({
    description:
      'Adresse ou mot de passe incorrects (INVALID_CREDENTIALS), ou code de double authentification à saisir (TOTP_REQUIRED)',
  })
  @ApiExtraModels(LoginThrottledDetails)
  @ApiTooManyRequestsResponse({
    description: 'Trop d’essais infructueux avec cette adresse (LOGIN_THROTTLED) ou depuis cette adresse IP',
    schema: {
      allOf: [{ $ref: getSchemaPath(ApiErrorResponseDto) }, { $ref: getSchemaPath(LoginThrottledDetails) }],
    },
  })
  async login(
    @Body() body: LoginDto,
    @RequestInfo() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    return this.respond(await this.sessions.login(body.email, body.password, body.totpCode, meta), response);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Renouveler le jeton d’accès à partir du cookie de session (rotation)',
    description:
      'Sans cookie de session (visiteur non connecté) : 204 sans contenu. Les renouvellements refusés sont limités par adresse (429 au-delà).',
  })
  @ApiOkResponse({
    type: LoginResponseDto,
    headers: SESSION_COOKIE_HEADER,
    description: 'Nouveau jeton d’accès ; le cookie de session est remplacé',
  })
  @ApiNoContentResponse({ description: 'Aucune session sur cet appareil' })
  @ApiUnauthorizedResponse({ description: 'Session expirée, fermée ou déjà renouvelée (SESSION_EXPIRED)' })
  async refresh(
    @Req() request: Request,
    @RequestInfo() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse | undefined> {
    const token: unknown = request.cookies?.[REFRESH_COOKIE];
    // A page load without a session asks too: no session is an answer, not an error.
    if (token === undefined || token === '') {
      response.status(204);
      return undefined;
    }
    this.refreshFailures.assertAllowed(meta.ipAddress);
    try {
      return await this.respond(await this.sessions.refresh(String(token), meta), response);
    } catch (error) {
      this.refreshFailures.record(meta.ipAddress);
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Se déconnecter (ferme la session de cet appareil)',
    description:
      'Une session ouverte par le fournisseur d’identité répond 200 avec l’adresse de la déconnexion chez celui-ci, où envoyer le navigateur.',
  })
  @ApiNoContentResponse({
    description: 'Session fermée ; le cookie de session est effacé',
    headers: {
      'Set-Cookie': { description: `Efface le cookie ${REFRESH_COOKIE}`, schema: { type: 'string' } },
    },
  })
  @ApiOkResponse({
    type: LogoutResponseDto,
    description: 'Session ouverte par le fournisseur d’identité, fermée ici : se déconnecter aussi chez lui',
  })
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LogoutResponse | undefined> {
    const idToken = await this.sessions.logoutByRefreshToken(request.cookies?.[REFRESH_COOKIE]);
    response.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
    const providerLogoutUrl = idToken ? await this.oidc.endSessionUrl(idToken).catch(() => null) : null;
    if (!providerLogoutUrl) return undefined;
    response.status(200);
    return { providerLogoutUrl };
  }

  @Get('me')
  @Authorize('self')
  @ApiOperation({ summary: 'Mon compte et mes habilitations' })
  @ApiOkResponse({ type: AccountResponse })
  me(@CurrentUser() actor: AuthenticatedActor): Promise<Account> {
    return this.accounts.view(actor.accountId);
  }

  @Post('password')
  @UseGuards(ThrottlerGuard)
  @Authorize('self')
  @HttpCode(200)
  @ApiOperation({ summary: 'Changer mon mot de passe (ferme toutes mes autres sessions)' })
  @ApiOkResponse({
    type: LoginResponseDto,
    headers: SESSION_COOKIE_HEADER,
    description: 'Une nouvelle session pour cet appareil',
  })
  async changePassword(
    @CurrentUser() actor: AuthenticatedActor,
    @Body() body: ChangePasswordDto,
    @RequestInfo() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    return this.respond(
      await this.passwords.changePassword(actor.accountId, body.currentPassword, body.newPassword, meta),
      response,
    );
  }

  @Post('forgot-password')
  @UseGuards(ThrottlerGuard)
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Demander un lien de réinitialisation (même réponse que l’adresse existe ou non)',
  })
  @ApiAcceptedResponse({ type: MessageResponse })
  async forgotPassword(
    @Body() body: ForgotPasswordDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<{ message: string }> {
    await this.passwords.forgotPassword(body.email, meta);
    return { message: 'Si un compte correspond à cette adresse, un courriel vient de lui être envoyé.' };
  }

  @Get('tokens/:token')
  @UseGuards(ThrottlerGuard)
  @Public()
  @ApiOperation({ summary: 'Vérifier un lien d’invitation ou de réinitialisation' })
  @ApiOkResponse({ type: TokenInfoResponse })
  @ApiGoneResponse({ description: TOKEN_GONE })
  tokenInfo(@Param('token') token: string): Promise<TokenInfo> {
    return this.passwords.tokenInfo(token);
  }

  @Post('accept-invitation')
  @UseGuards(ThrottlerGuard)
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Activer mon compte en choisissant mon mot de passe' })
  @ApiNoContentResponse({ description: 'Compte activé : se connecter avec ce mot de passe' })
  @ApiGoneResponse({ description: TOKEN_GONE })
  acceptInvitation(@Body() body: PasswordTokenDto, @RequestInfo() meta: RequestMeta): Promise<void> {
    return this.passwords.usePasswordToken(body.token, body.password, meta);
  }

  @Post('reset-password')
  @UseGuards(ThrottlerGuard)
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Choisir un nouveau mot de passe (ferme toutes les sessions)' })
  @ApiNoContentResponse({ description: 'Mot de passe changé : se connecter avec celui-ci' })
  @ApiGoneResponse({ description: TOKEN_GONE })
  resetPassword(@Body() body: PasswordTokenDto, @RequestInfo() meta: RequestMeta): Promise<void> {
    return this.passwords.usePasswordToken(body.token, body.password, meta);
  }

  @Post('totp/setup')
  @Authorize('self')
  @HttpCode(200)
  @ApiOperation({ summary: 'Double authentification : obtenir un secret à enregistrer dans l’application' })
  @ApiOkResponse({ type: TotpSetupResponse })
  @ApiErrors(409)
  setupTotp(@CurrentUser() actor: AuthenticatedActor): Promise<TotpSetup> {
    return this.secondFactor.setupTotp(actor.accountId);
  }

  @Post('totp/enable')
  @UseGuards(ThrottlerGuard)
  @Authorize('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Double authentification : activer avec un premier code' })
  @ApiNoContentResponse({ description: 'Double authentification activée' })
  @ApiErrors(409)
  enableTotp(
    @CurrentUser() actor: AuthenticatedActor,
    @Body() body: TotpCodeDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<void> {
    return this.secondFactor.enableTotp(actor.accountId, body.code, meta);
  }

  @Post('totp/disable')
  @UseGuards(ThrottlerGuard)
  @Authorize('self')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Double authentification : désactiver (mot de passe exigé ; impossible si elle est obligatoire)',
  })
  @ApiNoContentResponse({ description: 'Double authentification désactivée' })
  disableTotp(
    @CurrentUser() actor: AuthenticatedActor,
    @Body() body: PasswordConfirmationDto,
    @RequestInfo() meta: RequestMeta,
  ): Promise<void> {
    return this.secondFactor.disableTotp(actor, body.password, meta);
  }

  @Get('sessions')
  @Authorize('self')
  @ApiOperation({ summary: 'Mes sessions ouvertes' })
  @ApiOkResponse({ type: [SessionInfoResponse] })
  listSessions(@CurrentUser() actor: AuthenticatedActor): Promise<SessionInfo[]> {
    return this.sessions.sessions(actor.accountId, actor.sessionId);
  }

  @Delete('sessions/:id')
  @Authorize('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Fermer une de mes sessions' })
  @ApiNoContentResponse({ description: 'Session fermée' })
  @ApiErrors(404)
  revokeSession(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    return this.sessions.revokeSession(actor.accountId, id);
  }
}
