import { paths } from '../paths';

/** The sign-in page, and the search parameter holding the page to come back to after signing in. */
export const LOGIN_PATH = paths.login.href();
export const RETURN_TO_PARAM = 'retour';

/**
 * The page to go back to, when it is a page of this application: a path starting with a single "/"
 * (never "//host" or "https://…", which would send the user to another site after signing in).
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value === LOGIN_PATH || value.startsWith(`${LOGIN_PATH}?`)) return null;
  return value;
}

/** "/connexion?retour=%2Fstructures%3Fq%3Dchenes" for the page `path` (pathname + search). */
export function loginPathFor(path: string | null): string {
  const returnTo = safeReturnTo(path);
  if (!returnTo || returnTo === '/') return LOGIN_PATH;
  return `${LOGIN_PATH}?${new URLSearchParams({ [RETURN_TO_PARAM]: returnTo }).toString()}`;
}
