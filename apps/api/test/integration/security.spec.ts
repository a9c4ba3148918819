import { generateSync } from 'otplib';
import request from 'supertest';
import { TEST_PASSWORD, loginAs, persistAccount } from '../factories/accounts';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, IME_45 } = REGISTRY;

describe('API tokens, second factor and security settings (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
  });

  afterAll(async () => {
    await t?.close();
  });

  it('an APR creates an API token shown once; it reads its scope only, then is revoked', async () => {
    const apr = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'ARS', code: '24' }, role: 'APR' }]))
        .email,
    );
    const created = await request(t.http)
      .post('/api/api-tokens')
      .set('Authorization', apr)
      .send({ name: 'Entrepôt ARS' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Entrepôt ARS',
      organisation: { kind: 'ARS', code: '24' },
      token: expect.stringMatching(/^tdb_/),
    });
    const token = `Bearer ${created.body.token}`;
    const listed = await request(t.http).get('/api/api-tokens').set('Authorization', apr).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].token).toBeUndefined();
    const stored = await t.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored[0].token_hash).not.toContain(created.body.token);

    const structures = await request(t.http).get('/api/structures').set('Authorization', token).expect(200);
    // The ARS's structures (ARS-only and shared), never the Département-only foyer.
    expect(structures.body.items.map((s: { finess: string }) => s.finess).sort()).toEqual(
      [EHPAD_45, IME_45].sort(),
    );
    await request(t.http).get('/api/auth/me').set('Authorization', token).expect(403);
    await request(t.http)
      .post('/api/accounts')
      .set('Authorization', token)
      .send({
        email: 'x@test.tdb',
        firstName: 'X',
        lastName: 'Y',
        grant: { organisation: { kind: 'ARS', code: '24' }, role: 'READER' },
      })
      .expect(403);

    await request(t.http).delete(`/api/api-tokens/${created.body.id}`).set('Authorization', apr).expect(200);
    const refused = await request(t.http).get('/api/structures').set('Authorization', token).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });

  it('a user turns on the second factor; login then needs the code', async () => {
    const user = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
    ]);
    const auth = await loginAs(t.http, user.email);
    const setup = await request(t.http).post('/api/auth/totp/setup').set('Authorization', auth).expect(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    await request(t.http)
      .post('/api/auth/totp/enable')
      .set('Authorization', auth)
      .send({ code: '000000' })
      .expect(400);
    await request(t.http)
      .post('/api/auth/totp/enable')
      .set('Authorization', auth)
      .send({ code: generateSync({ secret: setup.body.secret }) })
      .expect(204);

    const withoutCode = await request(t.http)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    expect(withoutCode.body.code).toBe('TOTP_REQUIRED');
    const wrongCode = await request(t.http)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD, totpCode: '000000' })
      .expect(401);
    expect(wrongCode.body.message).toMatch(/Code de double authentification incorrect/);
    await request(t.http)
      .post('/api/auth/login')
      .send({
        email: user.email,
        password: TEST_PASSWORD,
        totpCode: generateSync({ secret: setup.body.secret }),
      })
      .expect(200);
  });

  it('the national administrator makes the second factor mandatory for admins: an APR must enrol first', async () => {
    const aprAccount = await persistAccount(t.dataSource, [
      { organisation: { kind: 'CD', code: '45' }, role: 'APR' },
    ]);
    const refused = await request(t.http)
      .put('/api/settings/security')
      .set('Authorization', national)
      .send({ totpRequiredForAdmins: true })
      .expect(409);
    expect(refused.body.message).toMatch(/votre propre compte/);
    const mine = await request(t.http)
      .post('/api/auth/totp/setup')
      .set('Authorization', national)
      .expect(200);
    await request(t.http)
      .post('/api/auth/totp/enable')
      .set('Authorization', national)
      .send({ code: generateSync({ secret: mine.body.secret }) })
      .expect(204);
    await request(t.http)
      .put('/api/settings/security')
      .set('Authorization', national)
      .send({ totpRequiredForAdmins: true })
      .expect(200);
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: aprAccount.email, password: TEST_PASSWORD })
      .expect(200);
    expect(login.body.totpEnrollmentRequired).toBe(true);
    const apr = `Bearer ${login.body.accessToken}`;
    const blocked = await request(t.http).get('/api/structures').set('Authorization', apr).expect(403);
    expect(blocked.body.code).toBe('TOTP_ENROLLMENT_REQUIRED');
    const setup = await request(t.http).post('/api/auth/totp/setup').set('Authorization', apr).expect(200);
    await request(t.http)
      .post('/api/auth/totp/enable')
      .set('Authorization', apr)
      .send({ code: generateSync({ secret: setup.body.secret }) })
      .expect(204);
    await request(t.http).get('/api/structures').set('Authorization', apr).expect(200);
    const cannotDisable = await request(t.http)
      .post('/api/auth/totp/disable')
      .set('Authorization', apr)
      .send({ password: TEST_PASSWORD })
      .expect(403);
    expect(cannotDisable.body.message).toMatch(/obligatoire/);
    // A user of a structure is not concerned.
    const user = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['READ'] },
    ]);
    await request(t.http)
      .get('/api/structures')
      .set('Authorization', await loginAs(t.http, user.email))
      .expect(200);
    await request(t.http)
      .put('/api/settings/security')
      .set('Authorization', national)
      .send({ totpRequiredForAdmins: false })
      .expect(200);
  });
});
