import type { Response } from 'express';
import type { IssuedSession } from './sessions.service';

export const REFRESH_COOKIE = 'tdb_refresh';
export const COOKIE_PATH = '/api/auth';

/** The refresh token as an httpOnly cookie, read only by the authentication routes. */
export function setRefreshCookie(response: Response, session: IssuedSession, secure: boolean): void {
  response.cookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: session.refreshExpiresAt,
  });
}
