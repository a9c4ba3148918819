import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { isResourceFreeAction, type Actor } from '@tdb/access';
import { DomainError } from '../errors/domain-error';
import { AccessService } from './access.service';
import type { AuthenticatedActor } from './authenticated-actor';
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
    private readonly access: AccessService,
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
      request.user = { ...actor, ipAddress: request.ip ?? null };
      this.enforce(rule, actor);
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
    // A copy per request: the strategy's actor may be the cached one, shared by other requests.
    request.user = { ...(request.user as AuthenticatedActor), ipAddress: request.ip ?? null };
    this.enforce(rule, request.user as Actor);
    return true;
  }

  /**
   * The declared action decides here when it needs no resource; an action on a resource is decided
   * by the service with the resource's facts (the authorization matrix proves it checks the
   * declared one).
   */
  private enforce(rule: RouteRule, actor: Actor): void {
    if (rule.kind === 'action' && isResourceFreeAction(rule.action)) {
      this.access.check(actor, { type: rule.action });
    }
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
