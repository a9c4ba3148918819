/**
 * One principal administrator per organisation (issue 14 §6, « Au sein du CD, un administrateur
 * principal PLAGE unique est identifié »): a second APR of an ARS or CD, a second APE of an OG or
 * ESMS, is a transfer that says what the current holder becomes; without it, 409 naming the holder
 * to those who manage that account only, and nothing changes. The previous holder is emailed and
 * the change is audited. Through HTTP on a real database.
 */
import request from 'supertest';
import { PrincipalTransfers1764041400000 } from '../../src/database/migrations/1764041400000-PrincipalTransfers';
import { seedDemoAccounts } from '../../src/database/seeds/demo-accounts';
import { loginAs, persistAccount } from '../factories/accounts';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, OG_75, FOYER_45, EHPAD_45, IME_75, EHPAD_75 } = REGISTRY;

describe('one principal administrator per organisation, replaced by transfer (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let cdApr: string;
  let arsApr: string;
  let og75Ape: string;
  let ehpadApe: string;

  const api = () => request(t.http);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.dataSource.query(sql, params))[0].n);
  /** Accounts, grants, emails, audit entries and offers: a refused request changes none of them. */
  const snapshot = async () => [
    await count('SELECT count(*) AS n FROM accounts'),
    await count(`SELECT count(*) AS n FROM accounts WHERE status = 'DISABLED'`),
    await count('SELECT count(*) AS n FROM grants'),
    await count('SELECT count(*) AS n FROM outbox_emails'),
    await count(
      `SELECT count(*) AS n FROM audit_log WHERE action NOT LIKE 'auth.%' AND action <> 'access.denied'`,
    ),
    await count('SELECT count(*) AS n FROM grant_invitations'),
  ];
  const grantsOf = async (accountId: string) =>
    (
      await t.dataSource.query(
        `SELECT role, organisation_kind, organisation_code, rights FROM grants WHERE account_id = $1 ORDER BY role`,
        [accountId],
      )
    ).map(
      (g: { role: string; organisation_kind: string; organisation_code: string; rights: string[] }) =>
        `${g.role}@${g.organisation_kind}:${g.organisation_code}${g.rights.length ? `[${g.rights.join(',')}]` : ''}`,
    );
  const accountId = async (email: string) =>
    (await t.dataSource.query(`SELECT id FROM accounts WHERE lower(email) = lower($1)`, [email]))[0]
      ?.id as string;
  const statusOf = async (id: string) =>
    (await t.dataSource.query(`SELECT status FROM accounts WHERE id = $1`, [id]))[0].status as string;
  const lastEmailTo = async (email: string) =>
    (
      await t.dataSource.query(
        `SELECT subject, body_text FROM outbox_emails WHERE lower(recipient) = lower($1) ORDER BY created_at DESC LIMIT 1`,
        [email],
      )
    )[0] as { subject: string; body_text: string } | undefined;
  const transfersOf = async (id: string) =>
    t.dataSource.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'grant.transferred' AND target_id = $1 ORDER BY id`,
      [id],
    ) as Promise<{ actor_id: string; details: Record<string, unknown> }[]>;
  const designate = (auth: string, email: string, grant: object, transfer?: object) =>
    api()
      .post('/api/accounts')
      .set('Authorization', auth)
      .send({ email, firstName: 'Nouvelle', lastName: 'Personne', grant, ...(transfer ? { transfer } : {}) });
  const seat = (auth: string, kind: string, code: string) =>
    api().get('/api/accounts/principal').query({ kind, code }).set('Authorization', auth);
  const CD18_APR = { organisation: { kind: 'CD', code: '18' }, role: 'APR' };
  const FOYER_APE = { organisation: { kind: 'ESMS', code: FOYER_45 }, role: 'APE' };

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    const login = async (grant: Parameters<typeof persistAccount>[1][number]) =>
      loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
    // The actors of the APE part; the APR part designates the Cher's APR (national only).
    cdApr = await login({ organisation: { kind: 'CD', code: '45' }, role: 'APR' });
    arsApr = await login({ organisation: { kind: 'ARS', code: '24' }, role: 'APR' });
    og75Ape = await login({ organisation: { kind: 'OG', code: OG_75 }, role: 'APE' });
    ehpadApe = await login({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('APR of a Département (designated by the national administrator)', () => {
    let claire: { id: string; email: string };

    beforeAll(async () => {
      claire = await persistAccount(t.dataSource, [CD18_APR as never], {
        firstName: 'Claire',
        lastName: 'Martin',
      });
    });

    it('refuses a second APR without a transfer (409 naming the current one), and nothing changes', async () => {
      const before = await snapshot();
      const res = await designate(national, 'apr2@cd18.test', CD18_APR).expect(409);
      expect(res.body.code).toBe('PRINCIPAL_HELD');
      expect(res.body.message).toContain(
        'Le Département 18 (Cher) a déjà son administrateur principal (APR) : Claire Martin.',
      );
      expect(res.body.message).toMatch(
        /choisissez ce que devient l'actuel \(contrôleur, lecteur, ou retrait/,
      );
      expect(await snapshot()).toEqual(before);
      expect(await accountId('apr2@cd18.test')).toBeUndefined();
      // Same for an ARS: one APR per region.
      await persistAccount(t.dataSource, [{ organisation: { kind: 'ARS', code: '11' }, role: 'APR' }]);
      const ars = await designate(national, 'apr2@ars11.test', {
        organisation: { kind: 'ARS', code: '11' },
        role: 'APR',
      }).expect(409);
      expect(ars.body.message).toMatch(/^L'ARS Île-de-France a déjà son administrateur principal \(APR\)/);
    });

    it('shows the seat to whoever may designate it, and to nobody else', async () => {
      const res = await seat(national, 'CD', '18').expect(200);
      expect(res.body).toEqual({
        organisation: { kind: 'CD', code: '18' },
        organisationLabel: 'Département 18 (Cher)',
        role: 'APR',
        holders: [
          {
            accountId: claire.id,
            firstName: 'Claire',
            lastName: 'Martin',
            email: claire.email,
            status: 'ACTIVE',
          },
        ],
        undisclosed: 0,
        transferOptions: ['CONTROLLER', 'READER', 'REVOKE'],
      });
      // Only the national administrator designates an APR: an APR asks in vain, and learns nothing.
      const refused = await seat(cdApr, 'CD', '18').expect(403);
      expect(JSON.stringify(refused.body)).not.toContain('Claire');
      const designation = await designate(cdApr, 'apr2@cd18.test', CD18_APR).expect(403);
      expect(JSON.stringify(designation.body)).not.toContain('Claire');
      await seat(national, 'NATIONAL', 'FR').expect(400);
    });

    it('refuses an option that does not fit an authority (400), and nothing changes', async () => {
      const before = await snapshot();
      const res = await designate(national, 'apr2@cd18.test', CD18_APR, { previous: 'USER' }).expect(400);
      expect(res.body.message).toMatch(/peut devenir : « CONTROLLER »/);
      expect(await snapshot()).toEqual(before);
    });

    it('transfers with CONTROLLER: the previous APR becomes controller, is emailed, and it is audited', async () => {
      const res = await designate(national, 'apr2@cd18.test', CD18_APR, { previous: 'CONTROLLER' }).expect(
        202,
      );
      expect(res.body.outcome).toBe('INVITED');
      const successor = await accountId('apr2@cd18.test');
      expect(await grantsOf(successor)).toEqual(['APR@CD:18']);
      expect(await grantsOf(claire.id)).toEqual(['CONTROLLER@CD:18']);
      expect(await statusOf(claire.id)).toBe('ACTIVE');
      const mail = await lastEmailTo(claire.email);
      expect(mail?.subject).toBe('TDB — transfert de votre rôle d’administrateur principal');
      expect(mail?.body_text).toContain('Département 18 (Cher)');
      expect(mail?.body_text).toContain('Vous y êtes désormais contrôleur');
      const [audit] = await transfersOf(claire.id);
      expect(audit?.details).toMatchObject({
        transfer: { previous: 'CONTROLLER' },
        successorAccountId: successor,
        grant: { organisation: { kind: 'CD', code: '18' }, role: 'APR' },
        replacement: { role: 'CONTROLLER' },
      });
      expect((await seat(national, 'CD', '18').expect(200)).body.holders).toEqual([
        expect.objectContaining({ accountId: successor, status: 'INVITED' }),
      ]);
    });

    it('transfers with READER', async () => {
      const previous = await accountId('apr2@cd18.test');
      await designate(national, 'apr3@cd18.test', CD18_APR, { previous: 'READER' }).expect(202);
      expect(await grantsOf(previous)).toEqual(['READER@CD:18']);
      expect((await lastEmailTo('apr2@cd18.test'))?.body_text).toContain('Vous y êtes désormais lecteur');
      expect(await transfersOf(previous)).toHaveLength(1);
    });

    it('transfers with REVOKE to an existing account: the previous APR, left with nothing, is disabled', async () => {
      const previous = await accountId('apr3@cd18.test');
      const next = await persistAccount(t.dataSource, [
        { organisation: { kind: 'CD', code: '18' }, role: 'READER' },
      ]);
      const res = await api()
        .post(`/api/accounts/${next.id}/grants`)
        .set('Authorization', national)
        .send({ ...CD18_APR, transfer: { previous: 'REVOKE' } })
        .expect(201);
      expect(res.body.grants.map((g: { role: string }) => g.role).sort()).toEqual(['APR', 'READER']);
      expect(await grantsOf(previous)).toEqual([]);
      expect(await statusOf(previous)).toBe('DISABLED');
      expect((await lastEmailTo('apr3@cd18.test'))?.body_text).toContain('est désactivé');
      const [audit] = await transfersOf(previous);
      expect(audit?.details).toMatchObject({ transfer: { previous: 'REVOKE' }, accountDisabled: true });
      // Without a transfer, giving the APR grant to yet another account is refused the same way.
      const other = await persistAccount(t.dataSource, [
        { organisation: { kind: 'CD', code: '18' }, role: 'READER' },
      ]);
      const before = await snapshot();
      const refused = await api()
        .post(`/api/accounts/${other.id}/grants`)
        .set('Authorization', national)
        .send(CD18_APR)
        .expect(409);
      expect(refused.body.code).toBe('PRINCIPAL_HELD');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('APE of a structure (designated by the Département)', () => {
    let paul: { id: string; email: string };

    beforeAll(async () => {
      paul = await persistAccount(t.dataSource, [FOYER_APE as never], {
        firstName: 'Paul',
        lastName: 'Durand',
      });
    });

    it('refuses a second APE without a transfer (409 naming the current one), and nothing changes', async () => {
      const before = await snapshot();
      const res = await designate(cdApr, 'ape2@foyer.test', FOYER_APE).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'PRINCIPAL_HELD' });
      expect(res.body.message).toContain(
        `La structure ${FOYER_45} a déjà son administrateur principal (APE) : Paul Durand.`,
      );
      expect(res.body.message).toContain('(utilisateur, ou retrait de son habilitation)');
      expect(await snapshot()).toEqual(before);
      expect((await seat(cdApr, 'ESMS', FOYER_45).expect(200)).body).toMatchObject({
        organisationLabel: `FOYER DE VIE LES TILLEULS (${FOYER_45})`,
        role: 'APE',
        holders: [{ accountId: paul.id, firstName: 'Paul', lastName: 'Durand' }],
        undisclosed: 0,
        transferOptions: ['USER', 'REVOKE'],
      });
    });

    it('discloses nothing to callers who may not designate that APE (403), and changes nothing', async () => {
      const before = await snapshot();
      // The ARS (the foyer is the Département's alone), another OG's APE, the APE of another ESMS.
      for (const auth of [arsApr, og75Ape, ehpadApe]) {
        for (const res of [
          await designate(auth, 'ape2@foyer.test', FOYER_APE),
          await designate(auth, 'ape2@foyer.test', FOYER_APE, { previous: 'USER' }),
          await seat(auth, 'ESMS', FOYER_45),
        ]) {
          expect(res.status).toBe(403);
          expect(JSON.stringify(res.body)).not.toMatch(/Paul|Durand|@test\.tdb/);
        }
      }
      expect(await snapshot()).toEqual(before);
    });

    it('transfers with USER: the previous APE keeps the rights of a user, is emailed, and it is audited', async () => {
      await designate(cdApr, 'ape2@foyer.test', FOYER_APE, { previous: 'USER' }).expect(202);
      const successor = await accountId('ape2@foyer.test');
      expect(await grantsOf(successor)).toEqual([`APE@ESMS:${FOYER_45}`]);
      expect(await grantsOf(paul.id)).toEqual([`USER@ESMS:${FOYER_45}[ENTRY,VALIDATION,READ]`]);
      const mail = await lastEmailTo(paul.email);
      expect(mail?.body_text).toContain('FOYER DE VIE LES TILLEULS');
      expect(mail?.body_text).toContain('Vous y êtes désormais utilisateur (saisie, validation, lecture)');
      const [audit] = await transfersOf(paul.id);
      expect(audit?.details).toMatchObject({ transfer: { previous: 'USER' }, successorAccountId: successor });
      // The audit log shows it to the Département's APR.
      const log = await api().get('/api/audit').set('Authorization', cdApr).expect(200);
      expect(
        log.body.items.some(
          (e: { action: string; targetId: string }) =>
            e.action === 'grant.transferred' && e.targetId === paul.id,
        ),
      ).toBe(true);
    });

    it('keeps the rule "refuses to remove the last APE"', async () => {
      const successor = await accountId('ape2@foyer.test');
      const account = (await api().get(`/api/accounts/${successor}`).set('Authorization', cdApr).expect(200))
        .body;
      const res = await api()
        .delete(`/api/accounts/${successor}/grants/${account.grants[0].id}`)
        .set('Authorization', cdApr)
        .expect(409);
      expect(res.body.message).toMatch(/au moins un administrateur principal/);
      await api().post(`/api/accounts/${successor}/disable`).set('Authorization', cdApr).expect(409);
    });

    it('transfers with REVOKE when granting to an account one manages', async () => {
      const previous = await accountId('ape2@foyer.test');
      const eve = await persistAccount(t.dataSource, [
        { organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' },
      ]);
      await api()
        .post(`/api/accounts/${eve.id}/grants`)
        .set('Authorization', cdApr)
        .send({ ...FOYER_APE, transfer: { previous: 'REVOKE' } })
        .expect(201);
      expect(await grantsOf(eve.id)).toEqual([`APE@ESMS:${FOYER_45}`, 'CONTROLLER@CD:45']);
      expect(await grantsOf(previous)).toEqual([]);
      expect(await statusOf(previous)).toBe('DISABLED');
    });

    it('carries the transfer of an offer to a person one does not manage until they accept it', async () => {
      const holder = (await seat(cdApr, 'ESMS', FOYER_45).expect(200)).body.holders[0].accountId as string;
      const stranger = await persistAccount(t.dataSource, [
        { organisation: { kind: 'ARS', code: '11' }, role: 'READER' },
      ]);
      const before = await grantsOf(holder);
      const offered = await designate(cdApr, stranger.email, FOYER_APE, { previous: 'USER' }).expect(202);
      expect(offered.body).toMatchObject({ outcome: 'INVITED', account: null });
      // Nothing changes before the answer; the offer says what it means.
      expect(await grantsOf(holder)).toEqual(before);
      const offer = await lastEmailTo(stranger.email);
      expect(offer?.body_text).toContain('à la place de la personne qui l’est aujourd’hui');
      const token = /jeton=([\w-]+)/.exec(offer!.body_text)![1]!;
      expect((await api().get(`/api/grant-invitations/${token}`).expect(200)).body.principalTransfer).toBe(
        true,
      );
      await api().post(`/api/grant-invitations/${token}/accept`).expect(200);
      expect(await grantsOf(stranger.id)).toEqual([`APE@ESMS:${FOYER_45}`, 'READER@ARS:11']);
      expect(await grantsOf(holder)).toContain(`USER@ESMS:${FOYER_45}[ENTRY,VALIDATION,READ]`);
      const [audit] = await transfersOf(holder);
      expect(audit?.actor_id).toBe(stranger.id);
      const [{ email: holderEmail }] = await t.dataSource.query(`SELECT email FROM accounts WHERE id = $1`, [
        holder,
      ]);
      expect((await lastEmailTo(holderEmail))?.subject).toMatch(/transfert/);
    });

    it('refuses to accept an offer made without transfer once someone else holds the seat, naming nobody', async () => {
      const stranger = await persistAccount(t.dataSource, [
        { organisation: { kind: 'ARS', code: '11' }, role: 'READER' },
      ]);
      const OG_APE = { organisation: { kind: 'OG', code: OG_45 }, role: 'APE' };
      await designate(cdApr, stranger.email, OG_APE).expect(202);
      const token = /jeton=([\w-]+)/.exec((await lastEmailTo(stranger.email))!.body_text)![1]!;
      // Meanwhile the Département designates someone else.
      await designate(cdApr, 'ape.og45@association.test', OG_APE).expect(202);
      const before = await snapshot();
      const res = await api().post(`/api/grant-invitations/${token}/accept`).expect(409);
      expect(res.body.code).toBe('PRINCIPAL_HELD');
      expect(res.body.message).toMatch(/a désormais un administrateur principal/);
      expect(res.body.message).not.toMatch(/ape\.og45|Nouvelle|Personne/);
      expect(await snapshot()).toEqual(before);
      expect((await api().get(`/api/grant-invitations/${token}`).expect(200)).body.status).toBe('PENDING');
    });
  });

  describe('organisations that already hold duplicates (from before the rule)', () => {
    let first: { id: string; email: string };
    let second: { id: string; email: string };

    beforeAll(async () => {
      const IME_APE = { organisation: { kind: 'ESMS', code: IME_75 }, role: 'APE' } as never;
      first = await persistAccount(t.dataSource, [IME_APE]);
      second = await persistAccount(t.dataSource, [IME_APE]);
    });

    it('flags them in the users list, and lets an administrator remove the extra grant', async () => {
      const list = await api()
        .get('/api/accounts')
        .query({ organisationCode: IME_75, role: 'APE' })
        .set('Authorization', national)
        .expect(200);
      expect(list.body.items).toHaveLength(2);
      for (const account of list.body.items)
        expect(account.grants[0]).toMatchObject({ role: 'APE', duplicatePrincipal: true });
      const one = list.body.items.find((a: { id: string }) => a.id === second.id);
      await api()
        .delete(`/api/accounts/${second.id}/grants/${one.grants[0].id}`)
        .set('Authorization', national)
        .expect(200);
      const after = await api().get(`/api/accounts/${first.id}`).set('Authorization', national).expect(200);
      expect(after.body.grants[0].duplicatePrincipal).toBe(false);
    });

    it('transfers from every holder at once', async () => {
      await persistAccount(t.dataSource, [
        { organisation: { kind: 'ESMS', code: IME_75 }, role: 'APE' } as never,
      ]);
      await designate(
        national,
        'ape.ime75@ime.test',
        { organisation: { kind: 'ESMS', code: IME_75 }, role: 'APE' },
        {
          previous: 'USER',
          rights: ['READ'],
        },
      ).expect(202);
      const holders = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM grants WHERE organisation_code = $1 AND role = 'APE'`,
        [IME_75],
      );
      expect(holders[0].n).toBe(1);
      expect(await grantsOf(first.id)).toEqual([`USER@ESMS:${IME_75}[READ]`]);
    });

    it('refuses to re-enable an account whose seat was given to someone else, until its grant goes', async () => {
      const HOLDER = { organisation: { kind: 'ESMS', code: EHPAD_75 }, role: 'APE' } as never;
      const former = await persistAccount(t.dataSource, [HOLDER], { status: 'DISABLED' });
      await persistAccount(t.dataSource, [HOLDER], { firstName: 'Zoé', lastName: 'Actuelle' });
      const res = await api()
        .post(`/api/accounts/${former.id}/enable`)
        .set('Authorization', national)
        .expect(409);
      expect(res.body.code).toBe('PRINCIPAL_HELD');
      expect(res.body.message).toContain('a désormais un autre administrateur principal (Zoé Actuelle)');
      // The disabled account's APE grant may go: the structure keeps its APE.
      const [grant] = await t.dataSource.query(`SELECT id FROM grants WHERE account_id = $1`, [former.id]);
      await api()
        .delete(`/api/accounts/${former.id}/grants/${grant.id}`)
        .set('Authorization', national)
        .expect(200);
      await api().post(`/api/accounts/${former.id}/enable`).set('Authorization', national).expect(200);
    });

    it('reports them once in the audit log when migrating, without failing', async () => {
      const HOLDER = { organisation: { kind: 'OG', code: OG_75 }, role: 'APE' } as never;
      await persistAccount(t.dataSource, [HOLDER]);
      const runner = t.dataSource.createQueryRunner();
      try {
        const migration = new PrincipalTransfers1764041400000();
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const found = await t.dataSource.query(
        `SELECT organisation_kind, organisation_code, details FROM audit_log WHERE action = 'principal.duplicates_found'`,
      );
      expect(found).toEqual([
        expect.objectContaining({
          organisation_kind: 'OG',
          organisation_code: OG_75,
          details: expect.objectContaining({ role: 'APE', holders: 2 }),
        }),
      ]);
    });
  });

  it('seeds no second principal administrator on a database that has them', async () => {
    const seeded = await seedDemoAccounts(t.dataSource, '24');
    const emails = seeded.map((a) => a.email);
    // The Département 45, the foyer and the EHPAD of the demo have their principal already.
    expect(emails).not.toContain('apr.cd@tdb.localhost');
    expect(emails).not.toContain('ape.foyer@tdb.localhost');
    expect(emails).not.toContain('ape.ehpad@tdb.localhost');
    const duplicates = await t.dataSource.query(
      `SELECT g.organisation_kind, g.organisation_code FROM grants g JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
        WHERE (g.role = 'APR' AND g.organisation_kind IN ('ARS', 'CD')) OR (g.role = 'APE' AND g.organisation_kind IN ('OG', 'ESMS'))
        GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([{ organisation_kind: 'OG', organisation_code: OG_75 }]);
    // Seeding again adds nothing.
    const before = await count('SELECT count(*) AS n FROM grants');
    await seedDemoAccounts(t.dataSource, '24');
    expect(await count('SELECT count(*) AS n FROM grants')).toBe(before);
  });
});
