import request from 'supertest';
import { NATIONAL, loginAs, persistAccount } from '../factories/accounts';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('upload limit (UPLOAD_LIMIT_MB)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_LIMIT_MB: '1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a FINESS extract above the configured size with a French 413, and imports nothing', async () => {
    const national = await loginAs(t.http, (await persistAccount(t.dataSource, [NATIONAL])).email);
    const big = Buffer.alloc(2 * 1024 * 1024, 'a');
    const res = await request(t.http)
      .post('/api/imports/finess')
      .set('Authorization', national)
      .attach('file', big, 'big.csv')
      .expect(413);
    expect(res.body.message).toMatch(/trop volumineux/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM finess_imports`);
    expect(n).toBe(0);
  });
});
