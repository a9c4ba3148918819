import request from 'supertest';
import { TEST_PASSWORD, loginAs, persistAccount } from '../factories/accounts';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, FOYER_45, IME_45, SAVS_18 } = REGISTRY;

// Centre-Val de Loire (24): Loiret (45) and Cher (18).
const NEW_PASSWORD = 'Tortue-Fenouil-Azimut-42';

describe('accounts and authentication (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let cdApr: string;
  let arsApr: string;

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());

    const cd = await persistAccount(t.dataSource, [
      { organisation: { kind: 'CD', code: '45' }, role: 'APR' },
    ]);
    const ars = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ARS', code: '24' }, role: 'APR' },
    ]);
    cdApr = await loginAs(t.http, cd.email);
    arsApr = await loginAs(t.http, ars.email);
  });

  afterAll(async () => {
    await t?.close();
  });

  const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
  const apeOfFoyer = (email: string) => ({
    email,
    firstName: 'Claire',
    lastName: 'Martin',
    grant: { organisation: { kind: 'ESMS', code: FOYER_45 }, role: 'APE' },
  });

  it('refuses the registry without an account', async () => {
    const res = await request(t.http).get('/api/structures').expect(401);
    expect(res.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('connectez-vous'),
    });
  });

  it('an ARS APR gets 403 creating the APE of a foyer de vie of its region, and nothing changes', async () => {
    const before = [
      await count('SELECT count(*) AS n FROM accounts'),
      await count('SELECT count(*) AS n FROM grants'),
      await count('SELECT count(*) AS n FROM outbox_emails'),
    ];
    const res = await request(t.http)
      .post('/api/accounts')
      .set('Authorization', arsApr)
      .send(apeOfFoyer('claire.martin@foyer.test'))
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.body.message).toMatch(/Département/);
    const after = [
      await count('SELECT count(*) AS n FROM accounts'),
      await count('SELECT count(*) AS n FROM grants'),
      await count('SELECT count(*) AS n FROM outbox_emails'),
    ];
    expect(after).toEqual(before);
  });

  it('a CD APR creates that APE; the invitation is sent; the APE sets a password and logs in', async () => {
    const created = await request(t.http)
      .post('/api/accounts')
      .set('Authorization', cdApr)
      .send(apeOfFoyer('claire.martin@foyer.test'))
      .expect(202);
    expect(created.body).toEqual({
      outcome: 'INVITED',
      email: 'claire.martin@foyer.test',
      message: expect.stringContaining('invitation'),
      account: null,
    });
    const listed = await request(t.http)
      .get('/api/accounts')
      .query({ q: 'claire.martin' })
      .set('Authorization', cdApr)
      .expect(200);
    expect(listed.body.items[0]).toMatchObject({ email: 'claire.martin@foyer.test', status: 'INVITED' });
    expect(listed.body.items[0].grants[0]).toMatchObject({
      role: 'APE',
      organisation: { kind: 'ESMS', code: FOYER_45 },
      organisationLabel: expect.stringContaining('FOYER DE VIE LES TILLEULS'),
    });

    await request(t.http).get('/api/emails').set('Authorization', cdApr).expect(403);
    const emails = await request(t.http).get('/api/emails').set('Authorization', national).expect(200);
    const invitation = emails.body.find((e: { to: string }) => e.to === 'claire.martin@foyer.test');
    expect(invitation).toMatchObject({ status: 'stored', subject: expect.stringContaining('votre compte') });
    const token = /jeton=([\w-]+)/.exec(invitation.text)![1]!;

    const info = await request(t.http).get(`/api/auth/tokens/${token}`).expect(200);
    expect(info.body).toMatchObject({
      purpose: 'INVITATION',
      email: 'claire.martin@foyer.test',
      firstName: 'Claire',
    });
    const weak = await request(t.http)
      .post('/api/auth/accept-invitation')
      .send({ token, password: 'motdepasse123' })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    await request(t.http)
      .post('/api/auth/accept-invitation')
      .send({ token, password: NEW_PASSWORD })
      .expect(204);
    await request(t.http)
      .post('/api/auth/accept-invitation')
      .send({ token, password: NEW_PASSWORD })
      .expect(410);

    const ape = await loginAs(t.http, 'claire.martin@foyer.test', NEW_PASSWORD);
    const me = await request(t.http).get('/api/auth/me').set('Authorization', ape).expect(200);
    expect(me.body).toMatchObject({ status: 'ACTIVE', firstName: 'Claire' });
    // The APE sees its own structure only.
    const list = await request(t.http).get('/api/structures').set('Authorization', ape).expect(200);
    expect(list.body.items.map((s: { finess: string }) => s.finess)).toEqual([FOYER_45]);
    await request(t.http).get(`/api/structures/${EHPAD_45}`).set('Authorization', ape).expect(403);
  });

  it('filters lists by scope in the query: the ARS never lists Département-only structures', async () => {
    const ars = await request(t.http).get('/api/structures').set('Authorization', arsApr).expect(200);
    expect(ars.body.items.map((s: { finess: string }) => s.finess).sort()).toEqual([EHPAD_45, IME_45].sort());
    const cd = await request(t.http).get('/api/structures').set('Authorization', cdApr).expect(200);
    expect(cd.body.items.map((s: { finess: string }) => s.finess).sort()).toEqual(
      [EHPAD_45, FOYER_45].sort(),
    );
    // Its registry record only, to correct its category toward the ARS's (ADR 0014); nothing else.
    const record = await request(t.http)
      .get(`/api/structures/${FOYER_45}`)
      .set('Authorization', arsApr)
      .expect(200);
    expect(record.body.registryOnly).toBe(true);
    await request(t.http).get(`/api/structures/${SAVS_18}`).set('Authorization', cdApr).expect(403);
  });

  it('refuses to remove the last APE of a structure, with an explanation', async () => {
    const accounts = await request(t.http)
      .get('/api/accounts')
      .query({ q: 'claire.martin' })
      .set('Authorization', cdApr)
      .expect(200);
    const account = accounts.body.items[0];
    const res = await request(t.http)
      .delete(`/api/accounts/${account.id}/grants/${account.grants[0].id}`)
      .set('Authorization', cdApr)
      .expect(409);
    expect(res.body.message).toMatch(/au moins un administrateur principal/);
    const disable = await request(t.http)
      .post(`/api/accounts/${account.id}/disable`)
      .set('Authorization', cdApr)
      .expect(409);
    expect(disable.body.message).toMatch(/APE/);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is replayed', async () => {
    const user = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
    ]);
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const firstCookie = login.headers['set-cookie']![0]!.split(';')[0]!;
    expect(login.headers['set-cookie']![0]).toMatch(/HttpOnly/i);
    expect(login.headers['set-cookie']![0]).toMatch(/SameSite=Strict/i);
    const refreshed = await request(t.http).post('/api/auth/refresh').set('Cookie', firstCookie).expect(200);
    const secondCookie = refreshed.headers['set-cookie']![0]!.split(';')[0]!;
    expect(secondCookie).not.toBe(firstCookie);
    await request(t.http).post('/api/auth/refresh').set('Cookie', firstCookie).expect(401); // replay
    await request(t.http).post('/api/auth/refresh').set('Cookie', secondCookie).expect(401); // family revoked
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(401);
  });

  it('logout and password change end sessions', async () => {
    const user = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['READ'] },
    ]);
    const a = await request(t.http)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const b = await request(t.http)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    await request(t.http)
      .post('/api/auth/logout')
      .set('Cookie', a.headers['set-cookie']![0]!.split(';')[0]!)
      .expect(204);
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${a.body.accessToken}`)
      .expect(401);
    const changed = await request(t.http)
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${b.body.accessToken}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${b.body.accessToken}`)
      .expect(401);
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${changed.body.accessToken}`)
      .expect(200);
    await request(t.http)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
  });

  it('resets a forgotten password with a single-use link, answering the same for unknown addresses', async () => {
    const user = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['READ'] },
    ]);
    const unknown = await request(t.http)
      .post('/api/auth/forgot-password')
      .send({ email: 'nobody@nowhere.test' })
      .expect(202);
    const known = await request(t.http)
      .post('/api/auth/forgot-password')
      .send({ email: user.email })
      .expect(202);
    expect(known.body).toEqual(unknown.body);
    const emails = await request(t.http).get('/api/emails').set('Authorization', national).expect(200);
    const email = emails.body.find((e: { to: string }) => e.to === user.email);
    const token = /jeton=([\w-]+)/.exec(email.text)![1]!;
    await request(t.http)
      .post('/api/auth/reset-password')
      .send({ token, password: NEW_PASSWORD })
      .expect(204);
    await request(t.http)
      .post('/api/auth/reset-password')
      .send({ token, password: NEW_PASSWORD })
      .expect(410);
    await loginAs(t.http, user.email, NEW_PASSWORD);
  });

  it('keeps an audit log: the national administrator reads all of it, an APR its scope, others nothing', async () => {
    const all = await request(t.http).get('/api/audit').set('Authorization', national).expect(200);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['account.created', 'auth.login', 'auth.invitation_accepted']),
    );
    const cd = await request(t.http).get('/api/audit').set('Authorization', cdApr).expect(200);
    expect(
      cd.body.items.some(
        (e: { action: string; targetLabel: string }) =>
          e.action === 'account.created' && e.targetLabel.includes('claire.martin'),
      ),
    ).toBe(true);
    const ars = await request(t.http).get('/api/audit').set('Authorization', arsApr).expect(200);
    expect(
      ars.body.items.some((e: { targetLabel: string | null }) => e.targetLabel?.includes('claire.martin')),
    ).toBe(false);
    const ape = await loginAs(t.http, 'claire.martin@foyer.test', NEW_PASSWORD);
    await request(t.http).get('/api/audit').set('Authorization', ape).expect(403);
  });

  it('updates an account with optimistic concurrency', async () => {
    const accounts = await request(t.http)
      .get('/api/accounts')
      .query({ q: 'claire.martin' })
      .set('Authorization', cdApr)
      .expect(200);
    const account = accounts.body.items[0];
    const updated = await request(t.http)
      .patch(`/api/accounts/${account.id}`)
      .set('Authorization', cdApr)
      .send({ phone: '02 38 00 00 00', version: account.version })
      .expect(200);
    expect(updated.body.phone).toBe('02 38 00 00 00');
    const stale = await request(t.http)
      .patch(`/api/accounts/${account.id}`)
      .set('Authorization', cdApr)
      .send({ phone: '01 00 00 00 00', version: account.version })
      .expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    // An account the caller does not manage answers as one that does not exist.
    const foreign = await request(t.http)
      .patch(`/api/accounts/${account.id}`)
      .set('Authorization', arsApr)
      .send({ phone: '01 00 00 00 00', version: updated.body.version })
      .expect(404);
    expect(foreign.body.message).toBe('Ce compte n’existe pas.');
  });

  it('lists only accounts the caller may open (list filter and policy agree)', async () => {
    const refused: string[] = [];
    for (const [who, auth] of [
      ['CD', cdApr],
      ['ARS', arsApr],
      ['national', national],
    ] as const) {
      const list = await request(t.http)
        .get('/api/accounts')
        .query({ pageSize: 200 })
        .set('Authorization', auth)
        .expect(200);
      expect(list.body.total).toBeGreaterThan(0);
      for (const account of list.body.items) {
        const res = await request(t.http).get(`/api/accounts/${account.id}`).set('Authorization', auth);
        if (res.status !== 200) {
          const grants = account.grants.map(
            (g: { role: string; organisation: { code: string } }) => `${g.role}@${g.organisation.code}`,
          );
          refused.push(`${who} → ${account.email} [${grants.join(', ')}]: ${res.body.message}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it('finds an account by its words whatever the accents and the way they are typed', async () => {
    const helene = await persistAccount(
      t.dataSource,
      [{ organisation: { kind: 'CD', code: '45' }, role: 'READER' }],
      { firstName: 'Hélène', lastName: 'Dépôt-Ñúñez', email: `helene.depot.${Date.now()}@loiret.fr` },
    );
    const found = async (q: string) =>
      (
        await request(t.http)
          .get('/api/accounts')
          .query({ q, pageSize: 100 })
          .set('Authorization', national)
          .expect(200)
      ).body.items.some((a: { id: string }) => a.id === helene.id);
    // Composed, decomposed (e + combining accent), without accents, upper case, words in any order.
    for (const q of ['Hélène', 'He\u0301le\u0300ne', 'helene', 'HELENE DEPOT', 'nunez depot', helene.email]) {
      expect([q, await found(q)]).toEqual([q, true]);
    }
    for (const q of ['Hélène Martin', '%', '_']) expect([q, await found(q)]).toEqual([q, false]);
    // An address is matched as typed: another account sharing its words is not listed with it.
    const other = await persistAccount(
      t.dataSource,
      [{ organisation: { kind: 'CD', code: '45' }, role: 'READER' }],
      { firstName: 'Loiret', lastName: 'Helene', email: `depot.helene.${Date.now()}@loiret.fr` },
    );
    const byAddress = await request(t.http)
      .get('/api/accounts')
      .query({ q: helene.email.toUpperCase(), pageSize: 100 })
      .set('Authorization', national)
      .expect(200);
    expect(byAddress.body.items.map((a: { id: string }) => a.id)).toEqual([helene.id]);
    expect(other.id).not.toBe(helene.id);
  });
});
