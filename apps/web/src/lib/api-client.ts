import createClient from 'openapi-fetch';
import type { ApiError } from '@tdb/contracts';
import type { paths } from './api/openapi.gen';
import { authStore } from './auth/auth-store';

const NETWORK_ERROR_MESSAGE =
  'Le service est momentanément indisponible. Vérifiez votre connexion et réessayez dans quelques instants.';

/** An error answered by the API (or a network failure, statusCode 0), with a French message for the user. */
export class ApiClientError extends Error implements ApiError {
  readonly statusCode: number;
  readonly code: string;
  readonly errors?: ApiError['errors'];
  /** The current state of the resource, sent with a 409 STALE_VERSION (so that nothing is lost). */
  readonly current?: unknown;

  constructor(error: ApiError & { current?: unknown }) {
    super(error.message);
    this.name = 'ApiClientError';
    this.statusCode = error.statusCode;
    this.code = error.code;
    if (error.errors !== undefined) this.errors = error.errors;
    if (error.current !== undefined) this.current = error.current;
  }
}

export function isApiClientError(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError;
}

export type QueryValue = string | number | readonly string[] | null | undefined;

/** Builds `?a=1&b=x,y` from defined, non-empty values (lists are comma-separated, as the API expects). */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function isApiErrorBody(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ApiError).message === 'string' &&
    typeof (body as ApiError).statusCode === 'number'
  );
}

function fallbackMessage(status: number): string {
  if (status === 404) return 'La ressource demandée est introuvable.';
  if (status === 401 || status === 403) return "Vous n'avez pas accès à cette ressource.";
  if (status >= 500) return 'Une erreur est survenue sur le serveur. Réessayez dans quelques instants.';
  return `La requête n'a pas abouti (erreur ${status}).`;
}

/** The code of the 403 answered to every call but "Mon compte" until the second factor is set up. */
export const TOTP_ENROLLMENT_REQUIRED = 'TOTP_ENROLLMENT_REQUIRED';

let refreshing: Promise<string | null> | null = null;

/** Runs the task alone across the tabs of this browser, when the Web Locks API exists. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // The lock is held until the task's promise settles.
  return locks ? (locks.request('tdb-auth-refresh', task) as unknown as Promise<T>) : task();
}

/**
 * Renews the session from the httpOnly refresh cookie: resolves with the new access token, or null
 * when there is no valid session (the store then says so). Concurrent callers share one request,
 * and tabs take turns: the API rotates the refresh token and treats a replayed one as stolen.
 * Network and server errors are thrown (the session may still be valid).
 */
export function refreshSession(): Promise<string | null> {
  refreshing ??= exclusively(async () => {
    try {
      // A public route: sent with the cookie only, and its 401 is an answer (no refresh of the refresh).
      const call = api.POST('/api/auth/refresh');
      const session = await unwrap(call);
      // 204 without a body: no session on this device (a visitor), which is not an error.
      if ((await call).response.status === 204) {
        authStore.end('expired');
        return null;
      }
      authStore.start(session);
      return session.accessToken;
    } catch (error) {
      if (isApiClientError(error) && (error.statusCode === 401 || error.statusCode === 403)) {
        authStore.end('expired');
        return null;
      }
      throw error;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Saves a Blob under a file name, as a download of the browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The public routes of the API, called without the access token and whose 401 is an answer (a
 * wrong password, an expired link), not a session to renew.
 */
const ANONYMOUS_ROUTES =
  /^\/api\/(auth\/(login|refresh|logout|forgot-password|reset-password|accept-invitation|tokens\/)|grant-invitations\/)/;

/** Sends a request of the generated client once, with the token in force (none on public routes). */
function sendRequest(request: Request, accessToken: string | null): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set('Accept', request.headers.get('Accept') ?? 'application/json');
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  const path = new URL(request.url).pathname;
  // The refresh cookie is scoped to /api/auth: send it (and accept its renewal) on those routes only.
  const credentials: RequestCredentials = path.startsWith('/api/auth/') ? 'include' : 'same-origin';
  return fetch(new Request(request, { headers, credentials })).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiClientError({ statusCode: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
  });
}

/**
 * The fetch of the generated client: carries the access token and, on a 401, renews the session
 * once (one refresh for all the calls that failed together) and retries once; if that fails too,
 * the session ends and the pages that need an account send the user to /connexion.
 */
async function fetchWithSession(request: Request): Promise<Response> {
  const anonymous = ANONYMOUS_ROUTES.test(new URL(request.url).pathname);
  const token = anonymous ? null : authStore.getAccessToken();
  // Kept to be sent again: a request's body can be read once.
  const retry = anonymous ? null : request.clone();
  let response = await sendRequest(request, token);
  if (response.status === 401 && retry) {
    // Renewed meanwhile by another call: use that token rather than rotate the session again.
    const current = authStore.getAccessToken();
    const renewed = current !== null && current !== token ? current : await refreshSession();
    if (renewed !== null) response = await sendRequest(retry, renewed);
    if (response.status === 401) authStore.end('expired');
  }
  return response;
}

/** The API is served on the same origin as the SPA (the Vite dev server proxies /api); absolute for Request. */
const ORIGIN = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

/**
 * The API's typed client, generated from its OpenAPI document (openapi.json →
 * lib/api/openapi.gen.ts): paths, parameters, bodies and answers are checked by the compiler.
 */
export const api = createClient<paths>({
  baseUrl: ORIGIN,
  fetch: fetchWithSession,
  // As the API reads them: lists comma-separated, empty values left out.
  querySerializer: (query) => toQueryString(query as Record<string, QueryValue>).slice(1),
});

/** An answer of the generated client. */
interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of an answer, or throws an ApiClientError carrying the API's French message (a
 * non-API answer — a proxy page, a crash — gets a French message of its own).
 */
export async function unwrap<T>(call: Promise<ClientResult<T>>): Promise<NonNullable<T>> {
  let result: ClientResult<T>;
  try {
    result = await call;
  } catch (error) {
    // A success whose body is not the JSON announced (a proxy's page in its place).
    if (error instanceof SyntaxError) {
      throw new ApiClientError({
        statusCode: 200,
        code: 'INVALID_RESPONSE',
        message: 'La réponse du serveur est illisible. Réessayez dans quelques instants.',
      });
    }
    throw error;
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const failure = isApiErrorBody(error)
      ? new ApiClientError(error)
      : new ApiClientError({
          statusCode: response.status,
          code: 'HTTP_ERROR',
          message: fallbackMessage(response.status),
        });
    // The second factor is mandatory for this role and not set up: the pages send the user to it.
    if (
      failure.code === TOTP_ENROLLMENT_REQUIRED &&
      !ANONYMOUS_ROUTES.test(new URL(response.url || ORIGIN).pathname)
    ) {
      authStore.requireTotpEnrollment();
    }
    throw failure;
  }
  return data as NonNullable<T>;
}

/**
 * A file answered by the API (call it with `parseAs: 'blob'`): its Blob and the file name the API
 * suggests (Content-Disposition); errors are thrown as ApiClientError, as for JSON calls.
 */
export async function unwrapFile(
  call: Promise<ClientResult<Blob>>,
): Promise<{ blob: Blob; fileName: string | null }> {
  const result = await call;
  const blob = await unwrap(Promise.resolve(result));
  const disposition = result.response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob, fileName: match?.[1] ? decodeURIComponent(match[1]) : null };
}
