import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedActor } from './authenticated-actor';

/** The signed-in account of the request (routes with @Authorize only). */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedActor => {
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedActor }>();
    return request.user;
  },
);

export interface RequestMeta {
  ipAddress: string | null;
  userAgent: string | null;
}

/** Address and user agent of the request, for sessions and the audit log. */
export const RequestInfo = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta => {
  const request = context.switchToHttp().getRequest<Request>();
  return { ipAddress: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null };
});
