/**
 * Regional support through HTTP on a real database (issue 17 §2): a structure asks, the referents
 * of its authorities are emailed and see it in their queue, one assigns it to a colleague who
 * answers; the asker reads the answer (and is emailed); the referent publishes it, anonymised, in
 * the FAQ of the region, found accent-insensitively; the national administrator publishes a
 * proposal nationally. Scope: another region's referent sees nothing, a structure only its own.
 */
import request from 'supertest';
import type { FaqEntryDto, SupportStats, SupportThread } from '@tdb/contracts';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45, IME_45, FOYER_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;
const base = `/api/campaigns/${YEAR}`;

describe('regional support: questions and FAQ (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let arsApr: string;
  let arsController: { id: string; auth: string; email: string };
  let arsReader: string;
  let cdApr: string;
  let ars11Apr: string;
  let ehpadApe: { id: string; auth: string; email: string };
  let imeApe: string;
  let ogApe: string;
  let ehpad75Ape: string;
  let question: SupportThread;

  const api = () => request(t.http);
  const emailsTo = async (address: string): Promise<{ subject: string; body_text: string }[]> =>
    t.dataSource.query(
      `SELECT subject, body_text FROM outbox_emails WHERE recipient = $1 ORDER BY created_at`,
      [address],
    );

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION');
    const account = async (grant: Parameters<typeof persistAccount>[1][number], names = {}) => {
      const a = await persistAccount(t.dataSource, [grant], names);
      return { ...a, auth: await loginAs(t.http, a.email) };
    };
    arsApr = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'APR' })).auth;
    arsController = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' });
    arsReader = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' })).auth;
    cdApr = (await account({ organisation: { kind: 'CD', code: '45' }, role: 'APR' })).auth;
    ars11Apr = (await account({ organisation: { kind: 'ARS', code: '11' }, role: 'APR' })).auth;
    ehpadApe = await account(
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
      { firstName: 'Hélène', lastName: 'Dupré' },
    );
    imeApe = (await account({ organisation: { kind: 'ESMS', code: IME_45 }, role: 'APE' })).auth;
    ogApe = (await account({ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' })).auth;
    ehpad75Ape = (await account({ organisation: { kind: 'ESMS', code: EHPAD_75 }, role: 'APE' })).auth;
    await t.dataSource.query(
      `INSERT INTO authority_referents (organisation_kind, organisation_code, name, email)
       VALUES ('ARS', '24', 'Boîte TDB ARS CVL', 'tdb@ars-cvl.test'), ('CD', '45', 'Boîte TDB Loiret', 'tdb@loiret.test')`,
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets a structure ask about an item of the dictionary, from a page, and emails the referents of both authorities', async () => {
    const res = await api()
      .post(`${base}/support/questions`)
      .set('Authorization', ehpadApe.auth)
      .send({
        finess: EHPAD_45,
        subject: 'Effectif au 31/12',
        body: 'Faut-il compter les personnes en hébergement temporaire ?',
        pagePath: `/campagnes/${YEAR}/structures/${EHPAD_45}`,
        itemCode: 'personnes_accompagnees_31_12',
      })
      .expect(201);
    question = res.body;
    expect(question.question).toMatchObject({
      finess: EHPAD_45,
      status: 'NEW',
      itemCode: 'personnes_accompagnees_31_12',
      pagePath: `/campagnes/${YEAR}/structures/${EHPAD_45}`,
      askedByName: 'Hélène Dupré',
      authorities: [
        { kind: 'ARS', code: '24' },
        { kind: 'CD', code: '45' },
      ],
    });
    expect(question.messages).toHaveLength(1);
    expect(question.canPost).toBe(true);
    expect(question.canManage).toBe(false);
    for (const address of ['tdb@ars-cvl.test', 'tdb@loiret.test']) {
      const [mail] = await emailsTo(address);
      expect(mail?.subject).toBe(`[TDB ${YEAR}] Nouvelle question de EHPAD LE PARC`);
      expect(mail?.body_text).toContain(`/campagnes/${YEAR}/questions/${question.question.id}`);
    }
  });

  it('refuses an unknown item or indicator, a question about another structure, and a referent asking', async () => {
    const ask = (auth: string, body: Record<string, unknown>) =>
      api()
        .post(`${base}/support/questions`)
        .set('Authorization', auth)
        .send({ finess: EHPAD_45, subject: 'Objet', body: 'Une question', ...body });
    const unknownItem = await ask(ehpadApe.auth, { itemCode: 'donnee_inconnue' }).expect(400);
    expect(unknownItem.body.message).toContain('donnee_inconnue');
    await ask(ehpadApe.auth, { indicatorCode: 'ZZ99' }).expect(400);
    await ask(ehpadApe.auth, { pagePath: 'http://ailleurs' }).expect(400);
    await ask(ehpadApe.auth, { finess: IME_45 }).expect(403);
    await ask(arsApr, {}).expect(403);
    await ask(ehpadApe.auth, { finess: '999999999' }).expect(404);
  });

  it('shows the question in the queues of the ARS and the Département, never in another region nor to another structure', async () => {
    const list = async (auth: string, query = '') =>
      (await api().get(`${base}/support/questions${query}`).set('Authorization', auth).expect(200)).body;
    for (const auth of [arsApr, arsController.auth, arsReader, cdApr, ogApe, ehpadApe.auth, national]) {
      expect((await list(auth)).items.map((q: { id: string }) => q.id)).toEqual([question.question.id]);
    }
    for (const auth of [ars11Apr, imeApe, ehpad75Ape]) expect((await list(auth)).total).toBe(0);
    await api()
      .get(`${base}/support/questions/${question.question.id}`)
      .set('Authorization', ars11Apr)
      .expect(403);
    await api()
      .get(`${base}/support/questions/${question.question.id}`)
      .set('Authorization', imeApe)
      .expect(403);
    expect(
      (await list(arsApr, '?status=NEW&authority=CD&category=EHPAD&item=personnes_accompagnees_31_12')).total,
    ).toBe(1);
    expect((await list(arsApr, '?status=ANSWERED')).total).toBe(0);
    expect((await list(arsApr, '?mine=true')).total).toBe(0);
    await api().get(`${base}/support/questions?status=PERDU`).set('Authorization', arsApr).expect(400);
  });

  it('lets the APR assign it to a controller of the ARS, not to someone of another authority', async () => {
    const res = await api()
      .put(`${base}/support/questions/${question.question.id}/assignment`)
      .set('Authorization', arsApr)
      .send({ assigneeId: arsController.id, version: question.question.version })
      .expect(200);
    expect(res.body.question.assignedToId).toBe(arsController.id);
    question = res.body;
    await api()
      .put(`${base}/support/questions/${question.question.id}/assignment`)
      .set('Authorization', arsApr)
      .send({ assigneeId: ehpadApe.id, version: question.question.version })
      .expect(400);
    await api()
      .put(`${base}/support/questions/${question.question.id}/assignment`)
      .set('Authorization', arsApr)
      .send({ assigneeId: null, version: 1 })
      .expect(409);
    await api()
      .put(`${base}/support/questions/${question.question.id}/assignment`)
      .set('Authorization', arsReader)
      .send({ assigneeId: null, version: question.question.version })
      .expect(403);
    const mine = await api()
      .get(`${base}/support/questions?mine=true`)
      .set('Authorization', arsController.auth);
    expect(mine.body.total).toBe(1);
  });

  it('lets the controller answer; the asker reads the answer and is emailed', async () => {
    const res = await api()
      .post(`${base}/support/questions/${question.question.id}/messages`)
      .set('Authorization', arsController.auth)
      .send({
        body: 'Oui, les personnes en hébergement temporaire présentes au 31/12 sont comptées.',
        version: question.question.version,
      })
      .expect(201);
    expect(res.body.question.status).toBe('ANSWERED');
    expect(res.body.question.firstAnsweredAt).toEqual(expect.any(String));
    await api()
      .post(`${base}/support/questions/${question.question.id}/messages`)
      .set('Authorization', arsReader)
      .send({ body: 'Lecture seule' })
      .expect(403);
    const seen = await api()
      .get(`${base}/support/questions/${question.question.id}`)
      .set('Authorization', ehpadApe.auth)
      .expect(200);
    expect(seen.body.messages.map((m: { side: string }) => m.side)).toEqual(['STRUCTURE', 'AUTHORITY']);
    question = seen.body;
    const [mail] = await emailsTo(ehpadApe.email);
    expect(mail?.subject).toContain('Réponse à votre question');
    expect(mail?.body_text).toContain('ARS Centre-Val de Loire');
  });

  it('emails the structure’s follow-up to the referent the question is assigned to', async () => {
    const res = await api()
      .post(`${base}/support/questions/${question.question.id}/messages`)
      .set('Authorization', ehpadApe.auth)
      .send({ body: 'Et les personnes hospitalisées ce jour-là ?', version: question.question.version })
      .expect(201);
    expect(res.body.question.status).toBe('NEW');
    const [mail] = await emailsTo(arsController.email);
    expect(mail?.subject).toBe(`[TDB ${YEAR}] Nouveau message de EHPAD LE PARC sur « Effectif au 31/12 »`);
    const answered = await api()
      .post(`${base}/support/questions/${question.question.id}/messages`)
      .set('Authorization', arsController.auth)
      .send({ body: 'Oui, elles restent comptées.', version: res.body.question.version })
      .expect(201);
    expect(answered.body.question.status).toBe('ANSWERED');
    question = answered.body;
  });

  it('closes and reopens the question', async () => {
    const closed = await api()
      .post(`${base}/support/questions/${question.question.id}/status`)
      .set('Authorization', cdApr)
      .send({ action: 'CLOSE', version: question.question.version })
      .expect(201);
    expect(closed.body.question.status).toBe('CLOSED');
    await api()
      .post(`${base}/support/questions/${question.question.id}/status`)
      .set('Authorization', ehpadApe.auth)
      .send({ action: 'REOPEN', version: closed.body.question.version })
      .expect(403);
    const reopened = await api()
      .post(`${base}/support/questions/${question.question.id}/status`)
      .set('Authorization', cdApr)
      .send({ action: 'REOPEN', version: closed.body.question.version })
      .expect(201);
    expect(reopened.body.question.status).toBe('ANSWERED');
    question = reopened.body;
  });

  it('publishes it anonymised in the FAQ of the region, found without accents; not with the structure’s name', async () => {
    const publish = (auth: string, body: Record<string, unknown>) =>
      api()
        .post(`${base}/support/questions/${question.question.id}/faq`)
        .set('Authorization', auth)
        .send({ version: question.question.version, target: 'REGION', ...body });
    const named = await publish(arsApr, {
      question: 'L’EHPAD Le Parc demande qui compter au 31/12.',
      answer: 'Les personnes présentes.',
    }).expect(400);
    expect(named.body.message).toContain('nom de la structure');
    await publish(arsApr, { question: `Le ${EHPAD_45} demande…`, answer: 'Réponse' }).expect(400);
    await publish(ehpadApe.auth, { question: 'Qui compter ?', answer: 'Réponse' }).expect(403);
    await publish(arsApr, { question: 'Qui compter ?', answer: 'Réponse', target: 'NATIONAL' }).expect(403);
    const entry: FaqEntryDto = (
      await publish(arsApr, {
        question: 'Faut-il compter les personnes en hébergement temporaire dans l’effectif au 31/12 ?',
        answer: 'Oui, lorsqu’elles sont présentes au 31 décembre.',
        target: 'NATIONAL_PROPOSAL',
      }).expect(201)
    ).body;
    expect(entry).toMatchObject({
      level: 'REGION',
      regionCode: '24',
      itemCode: 'personnes_accompagnees_31_12',
      proposedNational: true,
      authorityName: 'ARS Centre-Val de Loire',
    });
    const faq = async (auth: string, query = '') =>
      (await api().get(`${base}/faq${query}`).set('Authorization', auth).expect(200)).body as FaqEntryDto[];
    for (const q of ['HEBERGEMENT temporaire', 'hébergement', 'decembre effectif']) {
      expect((await faq(imeApe, `?q=${encodeURIComponent(q)}`)).map((e) => e.id)).toEqual([entry.id]);
    }
    expect(await faq(imeApe, '?q=piscine')).toEqual([]);
    expect(await faq(imeApe, `?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect((await faq(cdApr)).map((e) => e.id)).toEqual([entry.id]);
    // Another region reads neither the question nor the regional FAQ entry.
    expect(await faq(ehpad75Ape)).toEqual([]);
    expect(await faq(ars11Apr)).toEqual([]);
    const summary = await api().get(`${base}/faq/summary`).set('Authorization', ogApe).expect(200);
    expect(summary.body).toEqual({
      total: 1,
      byItem: { personnes_accompagnees_31_12: 1 },
      byIndicator: {},
    });
    const thread = await api()
      .get(`${base}/support/questions/${question.question.id}`)
      .set('Authorization', arsApr)
      .expect(200);
    expect(thread.body.question.faqEntryId).toBe(entry.id);

    // The national administrator publishes the proposal nationally: every region reads it.
    const proposals = await faq(national, '?proposed=true');
    expect(proposals.map((e) => e.id)).toEqual([entry.id]);
    await api().post(`${base}/faq/${entry.id}/national`).set('Authorization', arsApr).expect(403);
    const published = await api()
      .post(`${base}/faq/${entry.id}/national`)
      .set('Authorization', national)
      .expect(201);
    expect(published.body).toMatchObject({ level: 'NATIONAL', regionCode: null, proposedNational: false });
    await api().post(`${base}/faq/${entry.id}/national`).set('Authorization', national).expect(409);
    expect((await faq(ehpad75Ape, '?q=hebergement')).map((e) => e.id)).toEqual([entry.id]);
  });

  it('counts open questions and the time to a first answer per authority of the territory', async () => {
    await api()
      .post(`${base}/support/questions`)
      .set('Authorization', ogApe)
      .send({ finess: FOYER_45, subject: 'Foyer de vie', body: 'Quelle catégorie ?' })
      .expect(201);
    const stats = async (auth: string): Promise<SupportStats> =>
      (await api().get(`${base}/support/stats`).set('Authorization', auth).expect(200)).body;
    const ars = await stats(arsApr);
    expect(ars.rows).toEqual([
      {
        authority: { kind: 'ARS', code: '24', name: 'ARS Centre-Val de Loire' },
        total: 1,
        waiting: 0,
        open: 1,
        answered: 1,
        medianHoursToFirstAnswer: expect.any(Number),
        meanHoursToFirstAnswer: expect.any(Number),
      },
    ]);
    const cd = await stats(cdApr);
    expect(cd.rows).toEqual([
      expect.objectContaining({
        authority: expect.objectContaining({ kind: 'CD', code: '45' }),
        total: 2,
        waiting: 1,
        open: 2,
        answered: 1,
      }),
    ]);
    expect((await stats(national)).rows).toHaveLength(2);
    expect((await stats(ars11Apr)).rows).toEqual([]);
    await api().get(`${base}/support/stats`).set('Authorization', ehpadApe.auth).expect(403);
  });

  it('lets the publishing authority withdraw its regional entry, and only national a national one', async () => {
    const [foyer] = (
      await api().get(`${base}/support/questions?finess=${FOYER_45}`).set('Authorization', cdApr).expect(200)
    ).body.items;
    const entry: FaqEntryDto = (
      await api()
        .post(`${base}/support/questions/${foyer.id}/faq`)
        .set('Authorization', cdApr)
        .send({
          question: 'Quelle catégorie pour un foyer de vie ?',
          answer: 'EANM.',
          target: 'REGION',
          version: foyer.version,
        })
        .expect(201)
    ).body;
    expect(entry).toMatchObject({ authorityName: 'Département Loiret', canWithdraw: true, version: 1 });
    const listed = async (auth: string) =>
      ((await api().get(`${base}/faq`).set('Authorization', auth).expect(200)).body as FaqEntryDto[]).find(
        (e) => e.id === entry.id,
      );
    expect((await listed(arsApr))?.canWithdraw).toBe(false);
    expect((await listed(national))?.canWithdraw).toBe(true);
    const withdraw = (auth: string, id: string, version: number | string) =>
      api().delete(`${base}/faq/${id}?version=${version}`).set('Authorization', auth);
    await withdraw(arsApr, entry.id, 1).expect(403);
    await withdraw(cdApr, entry.id, 2).expect(409);
    await withdraw(cdApr, entry.id, 'x').expect(400);
    await withdraw(cdApr, entry.id, 1).expect(204);
    expect(await listed(cdApr)).toBeUndefined();
    await withdraw(cdApr, entry.id, 1).expect(404);
    // The national entry of the earlier test: national only.
    const [nationalEntry] = (
      await api().get(`${base}/faq?q=hebergement`).set('Authorization', arsApr).expect(200)
    ).body as FaqEntryDto[];
    expect(nationalEntry).toMatchObject({ level: 'NATIONAL', canWithdraw: false });
    await withdraw(arsApr, nationalEntry!.id, nationalEntry!.version).expect(403);
  });
});
