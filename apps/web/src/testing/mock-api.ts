import { vi } from 'vitest';
import type { ApiError } from '@tdb/contracts';

export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

type Handler = (
  request: RecordedRequest,
) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** The body of a Request: its JSON, its form (a file upload), or nothing. */
async function bodyOf(request: Request): Promise<unknown> {
  const type = request.headers.get('Content-Type') ?? '';
  if (type.startsWith('multipart/form-data')) return request.formData();
  const text = await request.text();
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * Replaces `fetch` with a small in-memory API: routes are matched on method and path (without the
 * query string); every request is recorded, so that tests can assert what the SPA asked for.
 */
export function mockApi() {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    // The generated client sends a Request (method, headers and body inside it), the rest an init.
    const sent = input instanceof Request ? input : null;
    const method = (sent?.method ?? init?.method ?? 'GET').toUpperCase();
    const body = sent
      ? await bodyOf(sent)
      : typeof init?.body === 'string'
        ? JSON.parse(init.body)
        : init?.body instanceof FormData
          ? init.body
          : undefined;
    const headers = Object.fromEntries(new Headers(sent?.headers ?? init?.headers).entries());
    const credentials = sent?.credentials ?? init?.credentials;
    const request: RecordedRequest = { method, url, body, headers, credentials };
    requests.push(request);
    const route = [...routes].reverse().find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      const error: ApiError = {
        statusCode: 404,
        code: 'NOT_FOUND',
        message: `Pas de route de test pour ${method} ${url.pathname}`,
      };
      return new Response(JSON.stringify(error), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    const { status = 200, body: responseBody } = await route.handler(request);
    return new Response(responseBody === undefined || status === 204 ? null : JSON.stringify(responseBody), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  const api = {
    requests,
    on(method: string, path: string | RegExp, handler: Handler | { status?: number; body?: unknown }) {
      const pattern =
        typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
      routes.push({ method, pattern, handler: typeof handler === 'function' ? handler : () => handler });
      return api;
    },
    get(path: string | RegExp, handler: Handler | { status?: number; body?: unknown }) {
      return api.on('GET', path, handler);
    },
    post(path: string | RegExp, handler: Handler | { status?: number; body?: unknown }) {
      return api.on('POST', path, handler);
    },
    patch(path: string | RegExp, handler: Handler | { status?: number; body?: unknown }) {
      return api.on('PATCH', path, handler);
    },
    put(path: string | RegExp, handler: Handler | { status?: number; body?: unknown }) {
      return api.on('PUT', path, handler);
    },
    delete(path: string | RegExp, handler: Handler | { status?: number; body?: unknown }) {
      return api.on('DELETE', path, handler);
    },
    /** The requests made to a path, in order. */
    calls(method: string, path: string): RecordedRequest[] {
      return requests.filter((r) => r.method === method && r.url.pathname === path);
    },
  };
  return api;
}

export function apiError(
  statusCode: number,
  code: string,
  message: string,
  errors?: ApiError['errors'],
): ApiError {
  return errors ? { statusCode, code, message, errors } : { statusCode, code, message };
}
