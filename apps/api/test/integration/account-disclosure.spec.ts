/**
 * Grants on accounts one does not manage (issue 13 §1): giving a right to an existing person never
 * discloses that person and needs their consent; an account one does not manage answers as one
 * that does not exist; a managed account shows only the grants its manager manages.
 */
import request from 'supertest';
import { loginAs, persistAccount } from '../factories/accounts';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, IME_45 } = REGISTRY;

describe('grants offered to people one does not manage (HTTP, real database)', () => {
  let t: TestApp;
  let ape: string;
  let target: { id: string; email: string };

  const grantsOf = async (accountId: string) =>
    (
      await t.dataSource.query(
        `SELECT role, organisation_kind, organisation_code FROM grants WHERE account_id = $1 ORDER BY role, organisation_code`,
        [accountId],
      )
    ).map(
      (g: { role: string; organisation_kind: string; organisation_code: string }) =>
        `${g.role}@${g.organisation_kind}:${g.organisation_code}`,
    );
  const lastEmailTo = async (email: string) =>
    (
      await t.dataSource.query(
        `SELECT subject, body_text FROM outbox_emails WHERE lower(recipient) = lower($1) ORDER BY created_at DESC LIMIT 1`,
        [email],
      )
    )[0] as { subject: string; body_text: string } | undefined;
  const userOfEhpad = (email: string) => ({
    email,
    firstName: 'Ivan',
    lastName: 'Intrus',
    grant: { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['READ'] },
  });

  beforeAll(async () => {
    ({ t } = await startAppWithRegistry());
    const apeAccount = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
    ]);
    ape = await loginAs(t.http, apeAccount.email);
    // The account an attacker would like to read or extend: a national administrator.
    target = await persistAccount(t.dataSource, [
      { organisation: { kind: 'NATIONAL', code: 'FR' }, role: 'NATIONAL_ADMIN' },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the same for an unknown address and for someone else’s account, and adds nothing', async () => {
    const before = await grantsOf(target.id);
    const known = await request(t.http)
      .post('/api/accounts')
      .set('Authorization', ape)
      .send(userOfEhpad(target.email.toUpperCase()))
      .expect(202);
    const unknown = await request(t.http)
      .post('/api/accounts')
      .set('Authorization', ape)
      .send(userOfEhpad('personne.inconnue@test.tdb'))
      .expect(202);
    const shape = (body: { email: string; message: string }) => ({
      ...body,
      email: '…',
      message: body.message.replace(body.email, '…'),
    });
    expect(shape(known.body)).toEqual(shape(unknown.body));
    expect(known.body).toMatchObject({ outcome: 'INVITED', account: null });
    const text = JSON.stringify(known.body);
    expect(text).not.toContain(target.id);
    expect(text).not.toMatch(/NATIONAL_ADMIN|totp|firstName|lastName/i);
    // Nothing is added without the person's consent.
    expect(await grantsOf(target.id)).toEqual(before);
    expect((await lastEmailTo(target.email))?.subject).toMatch(/habilitation vous est proposée/);
  });

  it('the person sees the offer through the emailed link, accepts it once, and only then holds it', async () => {
    const mail = await lastEmailTo(target.email);
    const token = /jeton=([\w-]+)/.exec(mail!.body_text)![1]!;
    const info = await request(t.http).get(`/api/grant-invitations/${token}`).expect(200);
    expect(info.body).toMatchObject({
      email: target.email,
      role: 'USER',
      rights: ['READ'],
      status: 'PENDING',
      organisationLabel: expect.stringContaining(EHPAD_45),
    });
    await request(t.http).get('/api/grant-invitations/pas-un-jeton').expect(404);
    const accepted = await request(t.http).post(`/api/grant-invitations/${token}/accept`).expect(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    expect(await grantsOf(target.id)).toContain(`USER@ESMS:${EHPAD_45}`);
    const again = await request(t.http).post(`/api/grant-invitations/${token}/decline`).expect(410);
    expect(again.body.message).toMatch(/déjà accepté/);
    const [audit] = await t.dataSource.query(
      `SELECT actor_id FROM audit_log WHERE action = 'grant.accepted' AND target_id = $1`,
      [target.id],
    );
    expect(audit.actor_id).toBe(target.id);
  });

  it('a refused offer adds nothing', async () => {
    const other = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: IME_45 }, role: 'APE' },
    ]);
    await request(t.http)
      .post('/api/accounts')
      .set('Authorization', ape)
      .send(userOfEhpad(other.email))
      .expect(202);
    const token = /jeton=([\w-]+)/.exec((await lastEmailTo(other.email))!.body_text)![1]!;
    await request(t.http).post(`/api/grant-invitations/${token}/decline`).expect(200);
    expect(await grantsOf(other.id)).toEqual([`APE@ESMS:${IME_45}`]);
  });

  it('an account one does not manage answers 404 on every operation, like a missing one', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const stranger = await persistAccount(t.dataSource, [
      { organisation: { kind: 'NATIONAL', code: 'FR' }, role: 'NATIONAL_ADMIN' },
    ]);
    const grant = { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['ENTRY'] };
    const before = await grantsOf(stranger.id);
    for (const id of [stranger.id, missing]) {
      const calls = [
        request(t.http).get(`/api/accounts/${id}`),
        request(t.http).post(`/api/accounts/${id}/grants`).send(grant),
        request(t.http).patch(`/api/accounts/${id}`).send({ phone: '01 02 03 04 05', version: 1 }),
        request(t.http).post(`/api/accounts/${id}/disable`),
        request(t.http).post(`/api/accounts/${id}/resend-invitation`),
      ];
      for (const call of calls) {
        const res = await call.set('Authorization', ape);
        const path = `${call.method} ${call.url}`;
        expect([path, res.status, res.body.message]).toEqual([path, 404, 'Ce compte n’existe pas.']);
      }
    }
    expect(await grantsOf(stranger.id)).toEqual(before);
  });

  it('a managed account shows its manager only the grants the manager manages', async () => {
    // The national administrator now holds a user grant of the APE's EHPAD: the APE manages it…
    const seen = await request(t.http)
      .get(`/api/accounts/${target.id}`)
      .set('Authorization', ape)
      .expect(200);
    // …but sees neither the national role nor anything else of that person's rights.
    expect(seen.body.grants.map((g: { role: string }) => g.role)).toEqual(['USER']);
    const listed = await request(t.http)
      .get('/api/accounts')
      .query({ q: target.email })
      .set('Authorization', ape)
      .expect(200);
    expect(listed.body.items[0].grants.map((g: { role: string }) => g.role)).toEqual(['USER']);
  });
});
