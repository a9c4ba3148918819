/**
 * Sign-in under attack (issue 13 §4): failures slow down the address typed, from that IP first,
 * whether an account has that address or not, so the answers never tell; nobody can lock the owner
 * out from elsewhere; refused attempts reach the audit log, at most once a minute per counter.
 */
import request from 'supertest';
import { NATIONAL, TEST_PASSWORD, loginAs, persistAccount } from '../factories/accounts';
import { startTestApp, type TestApp } from '../setup/test-app';

/** The answer without what legitimately varies (the time until which to wait). */
const shape = (res: request.Response) => ({
  status: res.status,
  body: JSON.parse(
    JSON.stringify(res.body)
      .replace(/\d{2}:\d{2}/g, 'HH:MM')
      .replace(/"retryAt":"[^"]+"/, '"retryAt":"…"'),
  ),
});

describe('Sign-in throttle (HTTP, real database)', () => {
  let t: TestApp;
  let victim: { id: string; email: string };
  let admin: string;

  const attempt = (email: string, password: string, ip: string) =>
    request(t.http).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  beforeAll(async () => {
    // The test app talks through loopback: that proxy is named, so X-Forwarded-For sets the IP.
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    victim = await persistAccount(t.dataSource, [NATIONAL]);
    admin = await loginAs(t.http, (await persistAccount(t.dataSource, [NATIONAL])).email);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers an existing and an unknown address identically, before and after the slow-down', async () => {
    const unknown = `personne-${Date.now()}@exemple.fr`;
    const existing: ReturnType<typeof shape>[] = [];
    const missing: ReturnType<typeof shape>[] = [];
    for (let i = 1; i <= 7; i++) {
      existing.push(shape(await attempt(victim.email, `mauvais-${i}`, '198.51.100.1')));
      missing.push(shape(await attempt(unknown, `mauvais-${i}`, '198.51.100.1')));
    }
    expect(missing).toEqual(existing);
    expect(existing.slice(0, 4).map((r) => r.status)).toEqual([401, 401, 401, 401]);
    // The fifth failure starts the slow-down and says so; the next attempts are refused before any check.
    expect(existing[4]).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    expect(existing[4]!.body.message).toMatch(/patientez jusqu’à HH:MM/);
    expect(existing[5]).toMatchObject({
      status: 429,
      body: { code: 'LOGIN_THROTTLED', message: expect.stringMatching(/patientez jusqu’à HH:MM/) },
    });
    // Even the right password waits, from that IP.
    const right = await attempt(victim.email, TEST_PASSWORD, '198.51.100.1');
    expect(right.status).toBe(429);
    expect(right.body.accessToken).toBeUndefined();
  });

  it('does not lock the owner out: from another IP the right password signs in', async () => {
    const res = await attempt(victim.email, TEST_PASSWORD, '203.0.113.50').expect(200);
    expect(res.body.accessToken).toBeTruthy();
    const [account] = await t.dataSource.query(`SELECT locked_until FROM accounts WHERE id = $1`, [
      victim.id,
    ]);
    expect(account.locked_until).toBeNull();
  });

  it('records refused attempts in the audit log, once a minute per counter with their count', async () => {
    const target = await persistAccount(t.dataSource, [NATIONAL]);
    for (let i = 1; i <= 5; i++) await attempt(target.email, `faux-${i}`, '198.51.100.7');
    for (let i = 1; i <= 4; i++) await attempt(target.email, `faux-encore-${i}`, '198.51.100.7').expect(429);
    const throttled = await t.dataSource.query(
      `SELECT details, ip_address, target_label FROM audit_log WHERE action = 'auth.login_throttled' AND target_label = $1`,
      [target.email.toLowerCase()],
    );
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ ip_address: '198.51.100.7', details: { refusedAttempts: 1 } });
    const failed = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND target_id = $1`,
      [target.id],
    );
    expect(failed[0].n).toBe(5);
    // A minute later, the next refused attempt is recorded with those counted meanwhile.
    await t.dataSource.query(`UPDATE login_throttles SET audited_at = audited_at - interval '2 minutes'`);
    await attempt(target.email, 'faux-plus-tard', '198.51.100.7').expect(429);
    const later = await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'auth.login_throttled' AND target_label = $1 ORDER BY id`,
      [target.email.toLowerCase()],
    );
    expect(later.map((e: { details: { refusedAttempts: number } }) => e.details.refusedAttempts)).toEqual([
      1, 4,
    ]);
  });

  it('caps distributed guessing per address at a try a minute, shown to administrators, who may lift it', async () => {
    const target = await persistAccount(t.dataSource, [NATIONAL]);
    for (let i = 1; i <= 20; i++) await attempt(target.email, `faux-${i}`, `192.0.2.${i}`);
    const refused = await attempt(target.email, TEST_PASSWORD, '192.0.2.200');
    expect(refused.status).toBe(429);
    const listed = await request(t.http)
      .get('/api/accounts')
      .query({ status: 'LOCKED' })
      .set('Authorization', admin)
      .expect(200);
    expect(listed.body.items.map((a: { email: string }) => a.email)).toContain(target.email);
    // The administrator lifts it by reactivating the account (disable, enable).
    await request(t.http).post(`/api/accounts/${target.id}/disable`).set('Authorization', admin).expect(200);
    await request(t.http).post(`/api/accounts/${target.id}/enable`).set('Authorization', admin).expect(200);
    await attempt(target.email, TEST_PASSWORD, '192.0.2.201').expect(200);
  });
});

describe('Sign-in throttle, once the wait is over (HTTP, real database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets the owner in from the same IP when the block has passed, and a success clears the counters', async () => {
    const owner = await persistAccount(t.dataSource, [NATIONAL]);
    const attempt = (password: string) =>
      request(t.http)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '198.51.100.20')
        .send({ email: owner.email, password });
    for (let i = 1; i <= 5; i++) await attempt(`faux-${i}`).expect(401);
    await attempt(TEST_PASSWORD).expect(429);
    await t.dataSource.query(`UPDATE login_throttles SET blocked_until = now() - interval '1 second'`);
    await attempt(TEST_PASSWORD).expect(200);
    const [left] = await t.dataSource.query(`SELECT count(*)::int AS n FROM login_throttles`);
    expect(left.n).toBe(0);
  });
});
