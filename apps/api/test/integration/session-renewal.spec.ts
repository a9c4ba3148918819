/**
 * Renewing a session (issue 15 §5): a signed-in person who loads pages quickly, or an office whose
 * staff share one address, keeps their session — only failed renewals (tokens that match no
 * session) are limited per address; a page load without a session is answered without an error.
 * The limit is the production one (AUTH_THROTTLE_PER_MINUTE 30), not the tests' default.
 */
import request from 'supertest';
import { RefreshFailures } from '../../src/modules/auth/refresh-failures';
import { NATIONAL, TEST_PASSWORD, persistAccount } from '../factories/accounts';
import { startTestApp, type TestApp } from '../setup/test-app';

const LIMIT = 30;
const cookieOf = (response: request.Response) => response.headers['set-cookie']![0]!.split(';')[0]!;

describe('session renewal (HTTP, real database)', () => {
  let t: TestApp;
  let email: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_THROTTLE_PER_MINUTE: String(LIMIT) });
    email = (await persistAccount(t.dataSource, [NATIONAL])).email;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a page load without a session with 204, no error', async () => {
    const answer = await request(t.http).post('/api/auth/refresh').expect(204);
    expect(answer.text).toBe('');
  });

  it('renews a valid session 200 times in a minute from one address', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    let cookie = cookieOf(login);
    for (let i = 0; i < 200; i++) {
      const renewed = await request(t.http).post('/api/auth/refresh').set('Cookie', cookie);
      expect(renewed.status).toBe(200);
      cookie = cookieOf(renewed);
      if (i % 50 === 0) {
        await request(t.http)
          .get('/api/auth/me')
          .set('Authorization', `Bearer ${renewed.body.accessToken}`)
          .expect(200);
      }
    }
    // 200 renewals one after the other, each a write on the database: ≈ 10 s on a quiet machine.
  }, 120_000);

  it('limits failed renewals per address, in French, then lets the address try again a minute later', async () => {
    const failures = t.app.get(RefreshFailures);
    const bogus = `tdb_refresh=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.guess`;
    for (let i = 0; i < LIMIT; i++) {
      await request(t.http).post('/api/auth/refresh').set('Cookie', bogus).expect(401);
    }
    const refused = await request(t.http).post('/api/auth/refresh').set('Cookie', bogus).expect(429);
    expect(refused.body.message).toBe(
      'Trop de renouvellements de session refusés depuis cette adresse : réessayez dans une minute ou reconnectez-vous.',
    );
    // Signing in again still works from that address (its own limit), and a minute later renewals too.
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const realNow = failures.now;
    failures.now = () => realNow() + 61_000;
    try {
      await request(t.http).post('/api/auth/refresh').set('Cookie', cookieOf(login)).expect(200);
    } finally {
      failures.now = realNow;
    }
  });
});
