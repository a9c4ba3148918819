import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AccessAction } from '@tdb/access';

export const AUTHORIZATION_KEY = 'tdb:authorization';

/**
 * The rule of a route: an action of the policy (@tdb/access), checked by the service with the
 * resource's facts, or "self" (any signed-in account acting on itself).
 */
export type RouteRule = { kind: 'public' } | { kind: 'action'; action: AccessAction | 'self' };

/** A route anyone may call, without an account. */
export const Public = () => SetMetadata(AUTHORIZATION_KEY, { kind: 'public' } satisfies RouteRule);

/** A route that needs an account; the service decides `action` with the policy. */
export const Authorize = (action: AccessAction | 'self') =>
  applyDecorators(
    SetMetadata(AUTHORIZATION_KEY, { kind: 'action', action } satisfies RouteRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Authentification requise' }),
    ApiForbiddenResponse({ description: 'Hors de votre périmètre ou de vos droits' }),
  );
