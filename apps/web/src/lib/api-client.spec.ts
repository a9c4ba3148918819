import { describe, expect, it, vi } from 'vitest';
import { ApiClientError, apiClient, apiRequest, refreshSession, toQueryString } from './api-client';
import { authStore } from './auth/auth-store';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildLoginResponse } from '@/testing/fixtures';

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

  it('sends a FormData as it is, letting the browser write the multipart Content-Type', async () => {
    respond(200, '{}');
    const form = new FormData();
    form.append('file', new File(['FINESS;Nom'], 'ape.csv'), 'ape.csv');
    await apiClient.upload('/accounts/import', form);
    const init = vi.mocked(fetch).mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(form);
    expect((init?.headers as Record<string, string>)['Content-Type']).toBeUndefined();
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

describe('api client with a session', () => {
  const account = buildAccount();

  it('sends the access token, and the cookie only to /auth routes', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'jeton-1' }));
    const api = mockApi()
      .get('/api/structures', { body: { items: [] } })
      .get('/api/auth/me', { body: account });

    await apiRequest('/structures');
    await apiRequest('/auth/me');

    const [structures] = api.calls('GET', '/api/structures');
    expect(structures?.headers['authorization']).toBe('Bearer jeton-1');
    expect(structures?.credentials).toBe('same-origin');
    expect(api.calls('GET', '/api/auth/me')[0]?.credentials).toBe('include');
  });

  it('on a 401, renews the session once and retries the call once with the new token', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const api = mockApi()
      .get('/api/structures', ({ headers }) =>
        headers['authorization'] === 'Bearer neuf'
          ? { body: { items: ['ok'] } }
          : { status: 401, body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.') },
      )
      .post('/api/auth/refresh', { body: buildLoginResponse({ accessToken: 'neuf' }) });

    // Two calls failing together share one refresh (the API rotates the refresh token).
    const [first, second] = await Promise.all([apiRequest('/structures'), apiRequest('/structures?page=2')]);

    expect(first).toEqual({ items: ['ok'] });
    expect(second).toEqual({ items: ['ok'] });
    const refreshes = api.calls('POST', '/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.credentials).toBe('include');
    expect(refreshes[0]?.headers['authorization']).toBeUndefined();
    expect(api.calls('GET', '/api/structures')).toHaveLength(4);
    expect(authStore.getAccessToken()).toBe('neuf');
    expect(authStore.getState().status).toBe('authenticated');
  });

  it('ends the session when it cannot be renewed, and throws the 401', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const api = mockApi()
      .get('/api/structures', {
        status: 401,
        body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.'),
      })
      .post('/api/auth/refresh', {
        status: 401,
        body: apiError(401, 'UNAUTHENTICATED', 'Votre session a expiré : reconnectez-vous.'),
      });

    await expect(apiRequest('/structures')).rejects.toMatchObject({ statusCode: 401 });

    expect(api.calls('GET', '/api/structures')).toHaveLength(1);
    expect(authStore.getState()).toEqual({ status: 'anonymous', reason: 'expired' });
    expect(authStore.getAccessToken()).toBeNull();
  });

  it('retries only once: a second 401 ends the session', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const api = mockApi()
      .get('/api/accounts', {
        status: 401,
        body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.'),
      })
      .post('/api/auth/refresh', { body: buildLoginResponse({ accessToken: 'neuf' }) });

    await expect(apiRequest('/accounts')).rejects.toMatchObject({ statusCode: 401 });

    expect(api.calls('GET', '/api/accounts')).toHaveLength(2);
    expect(api.calls('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(authStore.getState()).toMatchObject({ status: 'anonymous', reason: 'expired' });
  });

  it('remembers a 403 TOTP_ENROLLMENT_REQUIRED: the second factor must be set up first', async () => {
    authStore.start(buildLoginResponse());
    mockApi().get('/api/structures', {
      status: 403,
      body: apiError(
        403,
        'TOTP_ENROLLMENT_REQUIRED',
        'La double authentification est obligatoire pour votre rôle : activez-la dans « Mon compte » avant de continuer.',
      ),
    });
    expect(authStore.getState()).toMatchObject({ totpEnrollmentRequired: false });

    await expect(apiRequest('/structures')).rejects.toMatchObject({ code: 'TOTP_ENROLLMENT_REQUIRED' });

    expect(authStore.getState()).toMatchObject({ status: 'authenticated', totpEnrollmentRequired: true });
    authStore.totpEnrolled();
    expect(authStore.getState()).toMatchObject({
      totpEnrollmentRequired: false,
      account: { totpEnabled: true },
    });
  });

  it('does not refresh on the 401 of a public auth route (a wrong password is an answer)', async () => {
    const api = mockApi().post('/api/auth/login', {
      status: 401,
      body: apiError(401, 'INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.'),
    });

    await expect(
      apiRequest('/auth/login', { method: 'POST', body: { email: 'a@b.fr', password: 'x' }, auth: false }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(api.calls('POST', '/api/auth/refresh')).toHaveLength(0);
    expect(api.calls('POST', '/api/auth/login')[0]?.credentials).toBe('include');
  });

  it('restores a session from the cookie (refreshSession) or says there is none', async () => {
    mockApi().post('/api/auth/refresh', { body: buildLoginResponse({ accessToken: 'restauré' }) });
    await expect(refreshSession()).resolves.toBe('restauré');
    expect(authStore.getState()).toMatchObject({ status: 'authenticated', account: { id: account.id } });

    authStore.reset();
    mockApi().post('/api/auth/refresh', {
      status: 401,
      body: apiError(401, 'UNAUTHENTICATED', 'Pas de session.'),
    });
    await expect(refreshSession()).resolves.toBeNull();
    // Nobody was signed in: not an "expired" session.
    expect(authStore.getState()).toEqual({ status: 'anonymous', reason: null });
  });
});
