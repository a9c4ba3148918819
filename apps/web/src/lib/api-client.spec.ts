import { describe, expect, it, vi } from 'vitest';
import { ApiClientError, apiRequest, toQueryString } from './api-client';

function respond(status: number, body: string, contentType = 'application/json') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': contentType } })),
  );
}

describe('api client', () => {
  it('returns the JSON of a successful answer, from /api', async () => {
    respond(200, '{"status":"ok"}');
    await expect(apiRequest('/health')).resolves.toEqual({ status: 'ok' });
    expect(vi.mocked(fetch).mock.calls[0]?.[0]).toBe('/api/health');
  });

  it("throws the API's error with its French message, status and code", async () => {
    respond(
      409,
      JSON.stringify({
        statusCode: 409,
        code: 'STALE_VERSION',
        message: 'La structure a été modifiée entre-temps.',
      }),
    );
    const error = await apiRequest('/structures/1/category', { method: 'PATCH', body: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({
      statusCode: 409,
      code: 'STALE_VERSION',
      message: 'La structure a été modifiée entre-temps.',
    });
  });

  it('sends JSON bodies', async () => {
    respond(200, '{}');
    await apiRequest('/x', { method: 'PATCH', body: { a: 1 } });
    const init = vi.mocked(fetch).mock.calls[0]?.[1];
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"a":1}');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('gives a French message when the answer is not an API error (proxy page, crash)', async () => {
    respond(502, '<html>Bad gateway</html>', 'text/html');
    await expect(apiRequest('/structures')).rejects.toMatchObject({
      statusCode: 502,
      code: 'HTTP_ERROR',
      message: 'Une erreur est survenue sur le serveur. Réessayez dans quelques instants.',
    });
  });

  it('gives a French message when the network fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(apiRequest('/structures')).rejects.toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
  });

  it('builds query strings with comma-separated lists and without empty values', () => {
    expect(
      toQueryString({
        q: 'chênes',
        category: ['EHPAD', 'IME'],
        region: [],
        og: undefined,
        page: 2,
        empty: '',
      }),
    ).toBe('?q=ch%C3%AAnes&category=EHPAD%2CIME&page=2');
    expect(toQueryString({})).toBe('');
  });
});
