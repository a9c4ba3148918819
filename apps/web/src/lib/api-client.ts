import type { ApiError } from '@tdb/contracts';

/** The API is served on the same origin as the SPA (the Vite dev server proxies /api). */
export const API_BASE_PATH = '/api';

const NETWORK_ERROR_MESSAGE =
  'Le service est momentanément indisponible. Vérifiez votre connexion et réessayez dans quelques instants.';

/** An error answered by the API (or a network failure, statusCode 0), with a French message for the user. */
export class ApiClientError extends Error implements ApiError {
  readonly statusCode: number;
  readonly code: string;
  readonly errors?: ApiError['errors'];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiClientError';
    this.statusCode = error.statusCode;
    this.code = error.code;
    if (error.errors !== undefined) this.errors = error.errors;
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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the API and returns its JSON, or throws an ApiClientError carrying the API's French message. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE_PATH}${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiClientError({ statusCode: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
  }

  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }

  if (!response.ok) {
    if (isApiErrorBody(body)) throw new ApiClientError(body);
    throw new ApiClientError({
      statusCode: response.status,
      code: 'HTTP_ERROR',
      message: fallbackMessage(response.status),
    });
  }
  if (body === undefined && text !== '') {
    throw new ApiClientError({
      statusCode: response.status,
      code: 'INVALID_RESPONSE',
      message: 'La réponse du serveur est illisible. Réessayez dans quelques instants.',
    });
  }
  return body as T;
}

export const apiClient = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, signal ? { signal } : {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};
