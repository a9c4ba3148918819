import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import type { Request } from 'express';
import { API_TOKEN_PREFIX, ApiTokenAuthenticator } from './api-token.authenticator';
import { AUTHORIZATION_KEY, type RouteRule } from './authorize.decorator';

/**
 * Global guard: a route is public only when it says so (@Public); every other route needs a valid
 * access token. A route with no rule at all is refused (and fails the route test).
 */
@Injectable()
export class AppAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiTokens: ApiTokenAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<RouteRule | undefined>(AUTHORIZATION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.kind === 'public') return true;
    if (!rule) {
      throw new DomainError(
        'FORBIDDEN',
        'Cette action n’est pas disponible.',
        undefined,
        'Route without authorization rule',
      );
    }
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const bearer = request.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (bearer?.startsWith(API_TOKEN_PREFIX)) {
      const actor = await this.apiTokens.authenticate(bearer);
      if (!actor) throw this.handleRequest(null, false);
      if (rule.kind === 'action' && rule.action === 'self') {
        throw new DomainError(
          'FORBIDDEN',
          'Un jeton d’API ne donne pas accès aux actions d’un compte personnel.',
        );
      }
      request.user = actor;
      return true;
    }
    await super.canActivate(context);
    const actor = request.user as { mustEnrollTotp?: boolean } | undefined;
    if (actor?.mustEnrollTotp && !(rule.kind === 'action' && rule.action === 'self')) {
      throw new DomainError(
        'TOTP_ENROLLMENT_REQUIRED',
        'La double authentification est obligatoire pour votre rôle : activez-la dans « Mon compte » avant de continuer.',
      );
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error || !user) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'Votre session a expiré ou vous n’êtes pas connecté : connectez-vous.',
      );
    }
    return user;
  }
}
