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
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Account, LoginResponse, SessionInfo, TokenInfo, TotpSetup } from '@tdb/contracts';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize, Public } from '../../common/auth/authorize.decorator';
import { CurrentUser, RequestInfo, type RequestMeta } from '../../common/auth/current-user.decorator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccountsRepository } from '../identity/accounts.repository';
import { PasswordsService } from './passwords.service';
import { RefreshFailures } from './refresh-failures';
import { SecondFactorService } from './second-factor.service';
import { SessionsService, type IssuedSession } from './sessions.service';
import {
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  PasswordConfirmationDto,
  PasswordTokenDto,
  TotpCodeDto,
} from './dto/auth.dto';

export const REFRESH_COOKIE = 'tdb_refresh';
const COOKIE_PATH = '/api/auth';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async respond(session: IssuedSession, response: Response): Promise<LoginResponse> {
    response.cookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      secure: this.config.auth.cookieSecure,
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
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
  @ApiNoContentResponse({ description: 'Aucune session sur cet appareil' })
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
  @ApiOperation({ summary: 'Se déconnecter (ferme la session de cet appareil)' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.logoutByRefreshToken(request.cookies?.[REFRESH_COOKIE]);
    response.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Get('me')
  @Authorize('self')
  @ApiOperation({ summary: 'Mon compte et mes habilitations' })
  me(@CurrentUser() actor: AuthenticatedActor): Promise<Account> {
    return this.accounts.view(actor.accountId);
  }

  @Post('password')
  @UseGuards(ThrottlerGuard)
  @Authorize('self')
  @HttpCode(200)
  @ApiOperation({ summary: 'Changer mon mot de passe (ferme toutes mes autres sessions)' })
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
  @ApiAcceptedResponse()
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
  tokenInfo(@Param('token') token: string): Promise<TokenInfo> {
    return this.passwords.tokenInfo(token);
  }

  @Post('accept-invitation')
  @UseGuards(ThrottlerGuard)
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Activer mon compte en choisissant mon mot de passe' })
  @ApiNoContentResponse()
  acceptInvitation(@Body() body: PasswordTokenDto, @RequestInfo() meta: RequestMeta): Promise<void> {
    return this.passwords.usePasswordToken(body.token, body.password, meta);
  }

  @Post('reset-password')
  @UseGuards(ThrottlerGuard)
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Choisir un nouveau mot de passe (ferme toutes les sessions)' })
  @ApiNoContentResponse()
  resetPassword(@Body() body: PasswordTokenDto, @RequestInfo() meta: RequestMeta): Promise<void> {
    return this.passwords.usePasswordToken(body.token, body.password, meta);
  }

  @Post('totp/setup')
  @Authorize('self')
  @HttpCode(200)
  @ApiOperation({ summary: 'Double authentification : obtenir un secret à enregistrer dans l’application' })
  setupTotp(@CurrentUser() actor: AuthenticatedActor): Promise<TotpSetup> {
    return this.secondFactor.setupTotp(actor.accountId);
  }

  @Post('totp/enable')
  @UseGuards(ThrottlerGuard)
  @Authorize('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Double authentification : activer avec un premier code' })
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
  listSessions(@CurrentUser() actor: AuthenticatedActor): Promise<SessionInfo[]> {
    return this.sessions.sessions(actor.accountId, actor.sessionId);
  }

  @Delete('sessions/:id')
  @Authorize('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Fermer une de mes sessions' })
  revokeSession(
    @CurrentUser() actor: AuthenticatedActor,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    return this.sessions.revokeSession(actor.accountId, id);
  }
}
