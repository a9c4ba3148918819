/**
 * Login and session hardening (issue 13 §4): the JWT algorithm pinned and an expiry required,
 * no form-encoded login, no caching of API answers, framing refused, HSTS only over HTTPS, and
 * X-Forwarded-For believed only from the proxies the configuration names.
 */
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { NATIONAL, TEST_PASSWORD, loginAs, persistAccount } from '../factories/accounts';
import { startTestApp, type TestApp } from '../setup/test-app';

const SECRET = 'Jz8qL2vR9tW4xY7bN3mK6pD1fH5gA0cE';

describe('HTTP hardening (HTTP, real database)', () => {
  let t: TestApp;
  let account: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: SECRET });
    account = await persistAccount(t.dataSource, [NATIONAL]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses tokens of another algorithm, unsigned, or without expiry', async () => {
    const auth = await loginAs(t.http, account.email);
    const good = jwt.decode(auth.replace('Bearer ', '')) as { sub: string; sid: string };
    await request(t.http).get('/api/auth/me').set('Authorization', auth).expect(200);
    const forged = [
      jwt.sign({ sub: good.sub, sid: good.sid }, SECRET, { algorithm: 'HS512', expiresIn: 600 }),
      jwt.sign({ sub: good.sub, sid: good.sid }, SECRET, { algorithm: 'HS256' }),
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: good.sub, sid: good.sid, exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url')}.`,
    ];
    for (const token of forged)
      await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('signs in with JSON only: a form-encoded login (another site’s form) gets nowhere, and says why', async () => {
    const audit = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_log`))[0].count as number;
    const before = await audit();
    const form = await request(t.http)
      .post('/api/auth/login')
      .type('form')
      .send({ email: account.email, password: TEST_PASSWORD });
    const text = await request(t.http)
      .post('/api/auth/login')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email: account.email, password: TEST_PASSWORD }));
    for (const res of [form, text]) {
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringMatching(/en JSON/),
      });
      expect(res.body.accessToken).toBeUndefined();
      // Refused before any route, with the headers of every API answer.
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    // Nothing was tried on the account: no sign-in nor failure recorded.
    expect(await audit()).toBe(before);
  });

  it('marks API answers not to be stored, refuses framing, and sends HSTS only over HTTPS', async () => {
    const auth = await loginAs(t.http, account.email);
    const me = await request(t.http).get('/api/auth/me').set('Authorization', auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers['x-frame-options']).toBe('DENY');
    expect(me.headers['strict-transport-security']).toBeUndefined();
  });

  it('does not believe X-Forwarded-For from a proxy nobody named', async () => {
    await request(t.http)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ email: account.email, password: TEST_PASSWORD })
      .expect(200);
    const [entry] = await t.dataSource.query(
      `SELECT ip_address FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.ip_address).not.toBe('203.0.113.9');
  });
});
