import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { AUTHORIZATION_KEY, type RouteRule } from './authorize.decorator';

/**
 * Global guard: a route is public only when it says so (@Public); every other route needs a valid
 * access token. A route with no rule at all is refused (and fails the route test).
 */
@Injectable()
export class AppAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
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
    return super.canActivate(context);
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
