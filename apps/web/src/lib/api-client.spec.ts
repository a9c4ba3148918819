import { describe, expect, it, vi } from 'vitest';
import { ApiClientError, api, refreshSession, unwrap } from './api-client';
import { authStore } from './auth/auth-store';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildLoginResponse } from '@/testing/fixtures';

const PAGE = { items: [], total: 0, page: 1, pageSize: 20 };

function respond(status: number, body: string, contentType = 'application/json') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': contentType } })),
  );
}

describe('api client', () => {
  it('returns the JSON of a successful answer, from /api on this origin', async () => {
    const server = mockApi().get('/api/structures', { body: PAGE });

    await expect(unwrap(api.GET('/api/structures'))).resolves.toEqual(PAGE);

    const [call] = server.calls('GET', '/api/structures');
    expect(call?.url.origin).toBe(window.location.origin);
    expect(call?.headers['accept']).toBe('application/json');
  });

  it("throws the API's error with its French message, status and code", async () => {
    mockApi().patch('/api/structures/450000019/category', {
      status: 409,
      body: apiError(409, 'STALE_VERSION', 'La structure a été modifiée entre-temps.'),
    });

    const error = await unwrap(
      api.PATCH('/api/structures/{finess}/category', {
        params: { path: { finess: '450000019' } },
        body: { categoryCode: 'SSIAD', reason: 'Erreur de saisie', version: 3 },
      }),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({
      statusCode: 409,
      code: 'STALE_VERSION',
      message: 'La structure a été modifiée entre-temps.',
    });
  });

  it('sends JSON bodies, to paths whose parameters are encoded', async () => {
    const account = buildAccount();
    const server = mockApi().patch(/^\/api\/accounts\//, { body: account });

    await expect(
      unwrap(
        api.PATCH('/api/accounts/{id}', {
          params: { path: { id: 'a/b' } },
          body: { firstName: 'Léa', version: 3 },
        }),
      ),
    ).resolves.toEqual(account);

    const [call] = server.requests;
    expect(call?.method).toBe('PATCH');
    expect(call?.url.pathname).toBe('/api/accounts/a%2Fb');
    expect(call?.body).toEqual({ firstName: 'Léa', version: 3 });
    expect(call?.headers['content-type']).toBe('application/json');
  });

  it('sends a FormData as it is: multipart, with the boundary written by fetch', async () => {
    const server = mockApi().post('/api/accounts/import', { body: { created: 1 } });
    const form = new FormData();
    form.append('file', new File(['FINESS;Nom'], 'ape.csv', { type: 'text/csv' }), 'ape.csv');

    await unwrap(api.POST('/api/accounts/import', { body: form as unknown as { file: string } }));

    const [call] = server.calls('POST', '/api/accounts/import');
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    // (The file's name is not checked: jsdom's File is a Blob to Node's fetch, which names it "blob".)
    const file = (call?.body as FormData).get('file') as File;
    expect(file.type).toBe('text/csv');
    await expect(file.text()).resolves.toBe('FINESS;Nom');
  });

  it('gives a French message when the answer is not an API error (proxy page, crash)', async () => {
    respond(502, '<html>Bad gateway</html>', 'text/html');
    await expect(unwrap(api.GET('/api/structures'))).rejects.toMatchObject({
      statusCode: 502,
      code: 'HTTP_ERROR',
      message: 'Une erreur est survenue sur le serveur. Réessayez dans quelques instants.',
    });
  });

  it('gives a French message when a success is not the JSON announced', async () => {
    respond(200, '<html>Portail captif</html>', 'text/html');
    await expect(unwrap(api.GET('/api/structures'))).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: 'La réponse du serveur est illisible. Réessayez dans quelques instants.',
    });
  });

  it('gives a French message when the network fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await unwrap(api.GET('/api/structures')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({
      statusCode: 0,
      code: 'NETWORK_ERROR',
      message:
        'Le service est momentanément indisponible. Vérifiez votre connexion et réessayez dans quelques instants.',
    });
  });

  it('serialises queries as the API reads them: comma-separated lists, no empty values', async () => {
    const server = mockApi().get('/api/structures', { body: PAGE });

    await unwrap(
      api.GET('/api/structures', {
        params: {
          query: { q: 'chênes', category: ['EHPAD', 'IME'], region: [], og: undefined, finess: '', page: 2 },
        },
      }),
    );
    await unwrap(api.GET('/api/structures', { params: { query: {} } }));

    const [filtered, bare] = server.calls('GET', '/api/structures');
    expect(filtered?.url.search).toBe('?q=ch%C3%AAnes&category=EHPAD%2CIME&page=2');
    expect(bare?.url.search).toBe('');
  });
});

describe('api client with a session', () => {
  const account = buildAccount();

  it('sends the access token, and the cookie only to /api/auth routes', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'jeton-1' }));
    const server = mockApi().get('/api/structures', { body: PAGE }).get('/api/auth/me', { body: account });

    await unwrap(api.GET('/api/structures'));
    await unwrap(api.GET('/api/auth/me'));

    const [structures] = server.calls('GET', '/api/structures');
    expect(structures?.headers['authorization']).toBe('Bearer jeton-1');
    expect(structures?.credentials).toBe('same-origin');
    const [me] = server.calls('GET', '/api/auth/me');
    expect(me?.headers['authorization']).toBe('Bearer jeton-1');
    expect(me?.credentials).toBe('include');
  });

  it('on a 401, renews the session once and retries the call once with the new token', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const server = mockApi()
      .get('/api/structures', ({ headers }) =>
        headers['authorization'] === 'Bearer neuf'
          ? { body: { ...PAGE, total: 1 } }
          : { status: 401, body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.') },
      )
      .post('/api/auth/refresh', { body: buildLoginResponse({ accessToken: 'neuf' }) });

    // Two calls failing together share one refresh (the API rotates the refresh token).
    const [first, second] = await Promise.all([
      unwrap(api.GET('/api/structures')),
      unwrap(api.GET('/api/structures', { params: { query: { page: 2 } } })),
    ]);

    expect(first).toEqual({ ...PAGE, total: 1 });
    expect(second).toEqual({ ...PAGE, total: 1 });
    const refreshes = server.calls('POST', '/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.credentials).toBe('include');
    expect(refreshes[0]?.headers['authorization']).toBeUndefined();
    const calls = server.calls('GET', '/api/structures');
    expect(calls).toHaveLength(4);
    expect(calls.filter((c) => c.url.search === '?page=2')).toHaveLength(2);
    expect(authStore.getAccessToken()).toBe('neuf');
    expect(authStore.getState().status).toBe('authenticated');
  });

  it('retries a call with a body with the same body', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const server = mockApi()
      .patch(`/api/accounts/${account.id}`, ({ headers }) =>
        headers['authorization'] === 'Bearer neuf'
          ? { body: account }
          : { status: 401, body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.') },
      )
      .post('/api/auth/refresh', { body: buildLoginResponse({ accessToken: 'neuf' }) });

    await unwrap(
      api.PATCH('/api/accounts/{id}', {
        params: { path: { id: account.id } },
        body: { lastName: 'Durand', version: 1 },
      }),
    );

    const calls = server.calls('PATCH', `/api/accounts/${account.id}`);
    expect(calls.map((c) => c.body)).toEqual([
      { lastName: 'Durand', version: 1 },
      { lastName: 'Durand', version: 1 },
    ]);
  });

  it('ends the session when it cannot be renewed, and throws the 401', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const server = mockApi()
      .get('/api/structures', {
        status: 401,
        body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.'),
      })
      .post('/api/auth/refresh', {
        status: 401,
        body: apiError(401, 'UNAUTHENTICATED', 'Votre session a expiré : reconnectez-vous.'),
      });

    await expect(unwrap(api.GET('/api/structures'))).rejects.toMatchObject({ statusCode: 401 });

    expect(server.calls('GET', '/api/structures')).toHaveLength(1);
    expect(authStore.getState()).toEqual({ status: 'anonymous', reason: 'expired' });
    expect(authStore.getAccessToken()).toBeNull();
  });

  it('retries only once: a second 401 ends the session', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'expiré' }));
    const server = mockApi()
      .get('/api/accounts', {
        status: 401,
        body: apiError(401, 'UNAUTHENTICATED', 'Authentification requise.'),
      })
      .post('/api/auth/refresh', { body: buildLoginResponse({ accessToken: 'neuf' }) });

    await expect(unwrap(api.GET('/api/accounts'))).rejects.toMatchObject({ statusCode: 401 });

    expect(server.calls('GET', '/api/accounts')).toHaveLength(2);
    expect(server.calls('POST', '/api/auth/refresh')).toHaveLength(1);
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

    await expect(unwrap(api.GET('/api/structures'))).rejects.toMatchObject({
      code: 'TOTP_ENROLLMENT_REQUIRED',
    });

    expect(authStore.getState()).toMatchObject({ status: 'authenticated', totpEnrollmentRequired: true });
    authStore.totpEnrolled();
    expect(authStore.getState()).toMatchObject({
      totpEnrollmentRequired: false,
      account: { totpEnabled: true },
    });
  });

  it('does not refresh on the 401 of a public auth route (a wrong password is an answer)', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'jeton-1' }));
    const server = mockApi().post('/api/auth/login', {
      status: 401,
      body: apiError(401, 'INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.'),
    });

    await expect(
      unwrap(api.POST('/api/auth/login', { body: { email: 'a@b.fr', password: 'x' } })),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });

    expect(server.calls('POST', '/api/auth/refresh')).toHaveLength(0);
    const [login] = server.calls('POST', '/api/auth/login');
    expect(login?.credentials).toBe('include');
    expect(login?.headers['authorization']).toBeUndefined();
    // An answer, not the end of the session open in this tab.
    expect(authStore.getState().status).toBe('authenticated');
  });

  it('restores a session from the cookie (refreshSession) or says there is none', async () => {
    const server = mockApi().post('/api/auth/refresh', {
      body: buildLoginResponse({ accessToken: 'restauré' }),
    });
    await expect(refreshSession()).resolves.toBe('restauré');
    expect(authStore.getState()).toMatchObject({ status: 'authenticated', account: { id: account.id } });
    expect(server.calls('POST', '/api/auth/refresh')[0]?.credentials).toBe('include');

    // No cookie on this device (a visitor): 204 without a body.
    authStore.reset();
    mockApi().post('/api/auth/refresh', { status: 204 });
    await expect(refreshSession()).resolves.toBeNull();
    // Nobody was signed in: not an "expired" session.
    expect(authStore.getState()).toEqual({ status: 'anonymous', reason: null });

    // A cookie the API no longer accepts.
    authStore.reset();
    mockApi().post('/api/auth/refresh', {
      status: 401,
      body: apiError(401, 'SESSION_EXPIRED', 'Votre session a expiré : reconnectez-vous.'),
    });
    await expect(refreshSession()).resolves.toBeNull();
    expect(authStore.getState()).toEqual({ status: 'anonymous', reason: null });
  });

  it('leaves the session as it is when the refresh fails on the network (it may still be valid)', async () => {
    authStore.start(buildLoginResponse({ accessToken: 'jeton-1' }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );

    await expect(refreshSession()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });

    expect(authStore.getState().status).toBe('authenticated');
    expect(authStore.getAccessToken()).toBe('jeton-1');
  });
});
