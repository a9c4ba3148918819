/**
 * Sign-in through an OpenID Connect provider (issue 17 §1), against a real provider process
 * (oidc-provider) reached over HTTP: the identity is linked to an existing account by a verified
 * address or through an invitation, never creates one; every check of the answer (state, nonce, ID
 * token signature) refuses a forged one; the session is the password sign-in's; logout goes on to
 * the provider; an authority may require its staff to use the provider.
 */
import request from 'supertest';
import { hashSecret } from '../../src/common/auth/token-hash';
import { NATIONAL, TEST_PASSWORD, loginAs, persistAccount } from '../factories/accounts';
import { PUBLIC_URL, ProviderBrowser, startTestProvider, type TestProvider } from '../setup/oidc-provider';
import { startTestApp, type TestApp } from '../setup/test-app';

const PROVIDER_PASSWORD = 'mot-de-passe-fournisseur';
const stamp = Date.now();
const email = (name: string) => `${name}.${stamp}@agents.exemple.fr`;
const ARS_IDF = { organisation: { kind: 'ARS' as const, code: '11' }, role: 'CONTROLLER' as const };

const cookieValue = (response: request.Response, name: string): string | null => {
  const raw = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const found = raw.find((c) => c.startsWith(`${name}=`));
  const value = found?.split(';')[0]!.slice(name.length + 1);
  return value ? value : null;
};

describe('sign-in through an OpenID Connect provider (HTTP, real provider, real database)', () => {
  let t: TestApp;
  let provider: TestProvider;

  beforeAll(async () => {
    provider = await startTestProvider([
      { email: email('agent'), password: PROVIDER_PASSWORD },
      { email: email('inconnu'), password: PROVIDER_PASSWORD },
      { email: email('non-verifie'), password: PROVIDER_PASSWORD, emailVerified: false },
      { email: email('invitee-ailleurs'), password: PROVIDER_PASSWORD, emailVerified: false },
      { email: email('agent-ars'), password: PROVIDER_PASSWORD },
      { email: email('sortie'), password: PROVIDER_PASSWORD },
      { email: email('falsifie'), password: PROVIDER_PASSWORD },
      { email: email('desactive'), password: PROVIDER_PASSWORD },
      { email: email('en-attente'), password: PROVIDER_PASSWORD },
      { email: email('annule'), password: PROVIDER_PASSWORD },
      { email: email('double'), password: PROVIDER_PASSWORD, sub: 'premiere-identite' },
      { email: email('double'), password: 'autre-mot-de-passe', sub: 'seconde-identite' },
    ]);
    t = await startTestApp(provider.env);
  });

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  afterEach(() => {
    provider.tampering = 'pass';
  });

  /** The browser's whole trip: TDB's start, the provider's login page, TDB's callback. */
  async function signIn(
    who: string,
    options: {
      query?: string;
      editAuthorizationUrl?: (url: URL) => void;
      editCallback?: (url: URL) => void;
      browser?: ProviderBrowser;
      password?: string;
    } = {},
  ) {
    const start = await request(t.http)
      .get(`/api/auth/oidc/login${options.query ?? ''}`)
      .expect(302);
    const pending = cookieValue(start, 'tdb_oidc');
    expect(pending).toBeTruthy();
    const authorization = new URL(start.headers['location'] as string);
    expect(authorization.origin).toBe(provider.issuer);
    options.editAuthorizationUrl?.(authorization);
    const browser = options.browser ?? new ProviderBrowser(provider.issuer);
    const back = new URL(
      await browser.signIn(authorization.toString(), who, options.password ?? PROVIDER_PASSWORD),
    );
    expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    options.editCallback?.(back);
    const callback = await request(t.http)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `tdb_oidc=${pending}`)
      .expect(302);
    return { callback, location: callback.headers['location'] as string, browser, authorization };
  }

  const refusal = (location: string) => Object.fromEntries(new URL(location, PUBLIC_URL).searchParams);

  const audit = (action: string, label: string) =>
    t.dataSource.query(`SELECT details FROM audit_log WHERE action = $1 AND target_label = $2`, [
      action,
      label,
    ]);

  it('says whether sign-in through the provider is offered, and its name', async () => {
    const status = await request(t.http).get('/api/auth/oidc').expect(200);
    expect(status.body).toEqual({ enabled: true, displayName: 'ProConnect' });
  });

  it('links the identity to the account with the verified address, and opens the same session as a password', async () => {
    const account = await persistAccount(t.dataSource, [NATIONAL], { email: email('agent') });
    const { location, callback } = await signIn(email('agent'));
    expect(location).toBe('/');
    const refreshCookie = cookieValue(callback, 'tdb_refresh');
    expect(refreshCookie).toBeTruthy();
    expect(([] as string[]).concat(callback.headers['set-cookie'] ?? []).join(';')).toMatch(/HttpOnly/);
    // The SPA renews the session from the cookie on load, as after a password sign-in.
    const renewed = await request(t.http)
      .post('/api/auth/refresh')
      .set('Cookie', `tdb_refresh=${refreshCookie}`)
      .expect(200);
    expect(renewed.body.account).toMatchObject({ id: account.id, email: email('agent') });
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(200);
    const [row] = await t.dataSource.query(`SELECT oidc_issuer, oidc_subject FROM accounts WHERE id = $1`, [
      account.id,
    ]);
    expect(row.oidc_issuer).toBe(provider.issuer);
    expect(row.oidc_subject).toBeTruthy();
    expect(await audit('auth.oidc_linked', email('agent'))).toEqual([
      { details: expect.objectContaining({ by: 'email', issuer: provider.issuer }) },
    ]);
    // The next sign-in finds the account by the identity: no new link.
    await signIn(email('agent'));
    expect(await audit('auth.oidc_linked', email('agent'))).toHaveLength(1);
    expect(await audit('auth.oidc_login', email('agent'))).toHaveLength(2);
  });

  it('creates no account for an unknown identity and says whom to ask', async () => {
    const [{ count: before }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM accounts`);
    const { location, callback } = await signIn(email('inconnu'));
    expect(refusal(location)).toEqual({ motif: 'UNKNOWN_IDENTITY', adresse: email('inconnu') });
    expect(location.startsWith('/connexion/fournisseur?')).toBe(true);
    expect(cookieValue(callback, 'tdb_refresh')).toBeNull();
    const [{ count: after }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM accounts`);
    expect(after).toBe(before);
    expect(await audit('auth.oidc_refused', email('inconnu'))).toEqual([
      { details: expect.objectContaining({ reason: 'UNKNOWN_IDENTITY' }) },
    ]);
  });

  it('does not link by an address the provider did not verify', async () => {
    const account = await persistAccount(t.dataSource, [NATIONAL], { email: email('non-verifie') });
    const { location } = await signIn(email('non-verifie'));
    expect(refusal(location)).toMatchObject({ motif: 'EMAIL_NOT_VERIFIED' });
    const [row] = await t.dataSource.query(`SELECT oidc_subject FROM accounts WHERE id = $1`, [account.id]);
    expect(row.oidc_subject).toBeNull();
  });

  it('links through an invitation accepted at the provider, whatever address the provider has', async () => {
    const invited = await persistAccount(t.dataSource, [NATIONAL], {
      email: email('invitee'),
      status: 'INVITED',
    });
    const secret = `invitation-${stamp}`;
    await t.dataSource.query(
      `INSERT INTO one_time_tokens (account_id, purpose, token_hash, expires_at) VALUES ($1, 'INVITATION', $2, now() + interval '1 day')`,
      [invited.id, hashSecret(secret)],
    );
    const { location, callback } = await signIn(email('invitee-ailleurs'), {
      query: `?invitation=${secret}&returnTo=/mon-compte`,
    });
    expect(location).toBe('/mon-compte');
    expect(cookieValue(callback, 'tdb_refresh')).toBeTruthy();
    const [row] = await t.dataSource.query(`SELECT status, oidc_subject FROM accounts WHERE id = $1`, [
      invited.id,
    ]);
    expect(row).toMatchObject({ status: 'ACTIVE', oidc_subject: expect.any(String) });
    const [token] = await t.dataSource.query(`SELECT used_at FROM one_time_tokens WHERE account_id = $1`, [
      invited.id,
    ]);
    expect(token.used_at).not.toBeNull();
    // The link is used up: a second trip with it is refused.
    const again = await signIn(email('invitee-ailleurs'), { query: `?invitation=${secret}` });
    expect(refusal(again.location)).toMatchObject({ motif: 'INVITATION_INVALID' });
  });

  it('refuses a disabled account, an invitation not yet accepted, and a second identity for one account', async () => {
    const disabled = await persistAccount(t.dataSource, [NATIONAL], { email: email('desactive') });
    await signIn(email('desactive'));
    await t.dataSource.query(`UPDATE accounts SET status = 'DISABLED' WHERE id = $1`, [disabled.id]);
    expect(refusal((await signIn(email('desactive'))).location)).toMatchObject({ motif: 'ACCOUNT_DISABLED' });

    await persistAccount(t.dataSource, [NATIONAL], { email: email('en-attente'), status: 'INVITED' });
    expect(refusal((await signIn(email('en-attente'))).location)).toMatchObject({
      motif: 'INVITATION_PENDING',
    });

    const twice = await persistAccount(t.dataSource, [NATIONAL], { email: email('double') });
    expect((await signIn(email('double'))).location).toBe('/');
    const second = await signIn(email('double'), { password: 'autre-mot-de-passe' });
    expect(refusal(second.location)).toMatchObject({ motif: 'ALREADY_LINKED' });
    const [row] = await t.dataSource.query(`SELECT oidc_subject FROM accounts WHERE id = $1`, [twice.id]);
    expect(row.oidc_subject).toBe('premiere-identite');
  });

  it('opens nothing when the person cancels at the provider', async () => {
    const start = await request(t.http).get('/api/auth/oidc/login').expect(302);
    const browser = new ProviderBrowser(provider.issuer);
    const page = await browser.follow(start.headers['location'] as string);
    const abort = /formaction="([^"]+)"/.exec(page.body)![1]!;
    const cancelled = await browser.request(abort, { method: 'POST', form: {} });
    const back = new URL(
      cancelled.location!.startsWith(provider.issuer)
        ? (await browser.follow(cancelled.location!)).leftTo!
        : cancelled.location!,
    );
    expect(back.searchParams.get('error')).toBe('access_denied');
    const answer = await request(t.http)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `tdb_oidc=${cookieValue(start, 'tdb_oidc')}`)
      .expect(302);
    expect(refusal(answer.headers['location'] as string)).toEqual({ motif: 'CANCELLED' });
    expect(cookieValue(answer, 'tdb_refresh')).toBeNull();
  });

  it.each([
    ['altered', 'an ID token edited on the way (signature kept)'],
    ['foreign-key', 'an ID token signed with another key'],
  ] as const)('refuses %s: %s', async (tampering, _description) => {
    await persistAccount(t.dataSource, [NATIONAL], { email: email(`falsifie-${tampering}`) });
    provider.tampering = tampering;
    const { location, callback } = await signIn(email('falsifie'));
    expect(refusal(location)).toEqual({ motif: 'INVALID_RESPONSE' });
    expect(cookieValue(callback, 'tdb_refresh')).toBeNull();
  });

  it('refuses an ID token issued for another nonce', async () => {
    const { location } = await signIn(email('agent'), {
      editAuthorizationUrl: (url) => url.searchParams.set('nonce', 'un-autre-nonce'),
    });
    expect(refusal(location)).toEqual({ motif: 'INVALID_RESPONSE' });
  });

  it('refuses an answer whose state is not that of the sign-in started in this browser', async () => {
    const { location } = await signIn(email('agent'), {
      editCallback: (url) => url.searchParams.set('state', 'un-autre-etat'),
    });
    expect(refusal(location)).toEqual({ motif: 'STATE_MISMATCH' });
    // Without the cookie of the sign-in in progress (another browser): refused too, nothing to find.
    const start = await request(t.http).get('/api/auth/oidc/login').expect(302);
    const back = await new ProviderBrowser(provider.issuer).signIn(
      start.headers['location'] as string,
      email('agent'),
      PROVIDER_PASSWORD,
    );
    const url = new URL(back);
    const answer = await request(t.http).get(`${url.pathname}${url.search}`).expect(302);
    expect(refusal(answer.headers['location'] as string)).toEqual({ motif: 'EXPIRED' });
  });

  it('closes the session here and at the provider on logout', async () => {
    await persistAccount(t.dataSource, [NATIONAL], { email: email('sortie') });
    const { callback, browser } = await signIn(email('sortie'));
    const refreshCookie = cookieValue(callback, 'tdb_refresh');
    const logout = await request(t.http)
      .post('/api/auth/logout')
      .set('Cookie', `tdb_refresh=${refreshCookie}`)
      .expect(200);
    const endSession = new URL(logout.body.providerLogoutUrl);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    await request(t.http).post('/api/auth/refresh').set('Cookie', `tdb_refresh=${refreshCookie}`).expect(401);
    const [session] = await t.dataSource.query(`SELECT oidc_id_token FROM sessions WHERE id = $1`, [
      refreshCookie!.split('.')[0],
    ]);
    expect(session.oidc_id_token).toBeNull();
    // At the provider: its confirmation page, then back to TDB's sign-in page.
    const page = await browser.follow(endSession.toString());
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1];
    const action = /id="op.logoutForm"[^>]*action="([^"]+)"|action="([^"]+)"[^>]*id="op.logoutForm"/.exec(
      page.body,
    );
    expect(xsrf).toBeTruthy();
    const confirmed = await browser.request(action?.[1] ?? action?.[2] ?? '/session/end/confirm', {
      method: 'POST',
      form: { xsrf: xsrf!, logout: 'yes' },
    });
    const after = confirmed.location!.startsWith(provider.issuer)
      ? (await browser.follow(confirmed.location!)).leftTo
      : confirmed.location;
    expect(after).toBe(`${PUBLIC_URL}/connexion?deconnexion=fournisseur`);
    // Signed out at the provider: the next sign-in asks for the password again.
    const start = await request(t.http).get('/api/auth/oidc/login').expect(302);
    const again = await browser.follow(start.headers['location'] as string);
    expect(again.leftTo).toBeNull();
    expect(again.body).toContain('Mot de passe');
  });

  it('refuses the password of the staff of an authority that requires the provider, and says why', async () => {
    const agent = await persistAccount(t.dataSource, [ARS_IDF], { email: email('agent-ars') });
    const other = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ARS', code: '84' }, role: 'CONTROLLER' },
    ]);
    const admin = await loginAs(t.http, (await persistAccount(t.dataSource, [NATIONAL])).email);
    const settings = await request(t.http)
      .put('/api/settings/sign-in/authorities/ARS/11')
      .set('Authorization', admin)
      .send({ providerRequired: true })
      .expect(200);
    expect(settings.body.authorities).toContainEqual({
      organisation: { kind: 'ARS', code: '11' },
      name: 'ARS Île-de-France',
      providerRequired: true,
    });
    const refused = await request(t.http)
      .post('/api/auth/login')
      .send({ email: agent.email, password: TEST_PASSWORD })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'PROVIDER_SIGN_IN_REQUIRED' });
    expect(refused.body.message).toBe(
      'L’ARS Île-de-France demande à ses agents de se connecter avec ProConnect : utilisez le bouton « S’identifier avec ProConnect » de la page de connexion. La connexion par mot de passe n’est plus possible pour votre compte.',
    );
    // A wrong password is answered as any wrong password: it tells nothing.
    await request(t.http).post('/api/auth/login').send({ email: agent.email, password: 'faux' }).expect(401);
    // Staff of other authorities keep their password; the provider still signs the agent in.
    await loginAs(t.http, other.email);
    expect((await signIn(email('agent-ars'))).location).toBe('/');
    expect(await audit('auth.password_refused', agent.email)).toEqual([
      { details: expect.objectContaining({ reason: 'provider_required' }) },
    ]);
    // Lifted: the password works again.
    await request(t.http)
      .put('/api/settings/sign-in/authorities/ARS/11')
      .set('Authorization', admin)
      .send({ providerRequired: false })
      .expect(200);
    await loginAs(t.http, agent.email);
    await request(t.http)
      .put('/api/settings/sign-in/authorities/ARS/99')
      .set('Authorization', admin)
      .send({ providerRequired: true })
      .expect(404);
  });
});
