/**
 * Refused accesses in the audit log (issue 13 §4): who was refused what, from where; rate-limited
 * so that a caller hammering a route leaves one entry a minute with the count of the others.
 */
import request from 'supertest';
import { NATIONAL, loginAs, persistAccount } from '../factories/accounts';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('Refused accesses in the audit log (HTTP, real database)', () => {
  let t: TestApp;
  let reader: { id: string; email: string };
  let readerAuth: string;
  let national: string;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    reader = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ARS', code: '24' }, role: 'READER' },
    ]);
    readerAuth = await loginAs(t.http, reader.email);
    national = await loginAs(t.http, (await persistAccount(t.dataSource, [NATIONAL])).email);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('writes who was refused which route from which IP, once a minute per caller and route', async () => {
    for (let i = 0; i < 5; i++)
      await request(t.http)
        .get('/api/audit')
        .set('X-Forwarded-For', '198.51.100.33')
        .set('Authorization', readerAuth)
        .expect(403);
    await request(t.http)
      .get('/api/campaigns/2026/exports/regional.xlsx')
      .query({ region: '84' })
      .set('X-Forwarded-For', '198.51.100.33')
      .set('Authorization', readerAuth)
      .expect(403);
    const log = await request(t.http).get('/api/audit').set('Authorization', national).expect(200);
    const denied = log.body.items.filter(
      (e: { action: string; actorId: string }) => e.action === 'access.denied' && e.actorId === reader.id,
    );
    expect(denied.find((e: { targetLabel: string }) => e.targetLabel === 'GET /api/audit')).toMatchObject({
      actorEmail: reader.email,
      ipAddress: '198.51.100.33',
      details: { message: expect.any(String), notRecordedBefore: 0 },
    });
    expect(denied.filter((e: { targetLabel: string }) => e.targetLabel === 'GET /api/audit')).toHaveLength(1);
    // The route pattern, not the values in the path or query.
    expect(denied.map((e: { targetLabel: string }) => e.targetLabel).sort()).toEqual([
      'GET /api/audit',
      'GET /api/campaigns/:year/exports/regional.xlsx',
    ]);
  });

  it('answers the refusal the same, with its French reason', async () => {
    const res = await request(t.http).get('/api/audit').set('Authorization', readerAuth).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/\w/) });
  });
});
