/**
 * Campaign follow-up through HTTP on a real database: counts by scope, reminders and the launch
 * email (outbox and campaign_mailings), the referents of the authorities and the campaign scope
 * (one change, the XLSX list and its all-or-nothing upload).
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { formatDateFr } from '@tdb/submission-workflow';
import { loginAs, persistAccount } from '../factories/accounts';
import { datesFor, openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45, IME_45, FOYER_45, SAVS_18, EHPAD_75, IME_75 } = REGISTRY;
const YEAR = 2026;

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('campaign follow-up, emails, referents and scope (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let arsApr: string;
  let cdApr: string;
  let esmsApe: { auth: string; email: string };
  let ogUser: { auth: string; email: string };
  let ime75Ape: { auth: string; email: string };
  let disabledEmail: string;

  const api = () => request(t.http);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.dataSource.query(sql, params))[0].n);

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION');
    const account = async (grant: Parameters<typeof persistAccount>[1][number]) => {
      const created = await persistAccount(t.dataSource, [grant]);
      return { auth: await loginAs(t.http, created.email), email: created.email };
    };
    arsApr = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'APR' })).auth;
    cdApr = (await account({ organisation: { kind: 'CD', code: '45' }, role: 'APR' })).auth;
    esmsApe = await account({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    ogUser = await account({ organisation: { kind: 'OG', code: OG_45 }, role: 'USER', rights: ['READ'] });
    ime75Ape = await account({ organisation: { kind: 'ESMS', code: IME_75 }, role: 'APE' });
    disabledEmail = (
      await persistAccount(t.dataSource, [{ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' }], {
        status: 'DISABLED',
      })
    ).email;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('follow-up', () => {
    const followUp = (auth: string, query = '') =>
      api().get(`/api/campaigns/${YEAR}/follow-up${query}`).set('Authorization', auth).expect(200);

    it('counts the submissions of the caller scope only, with the late structures and their days left', async () => {
      const ars = (await followUp(arsApr)).body;
      const cd = (await followUp(cdApr)).body;
      const esms = (await followUp(esmsApe.auth)).body;
      const all = (await followUp(national)).body;
      expect(all.total).toBe(6);
      expect(ars.total).toBe(2);
      expect(ars.late.map((s: { finess: string }) => s.finess).sort()).toEqual([EHPAD_45, IME_45].sort());
      expect(cd.late.map((s: { finess: string }) => s.finess).sort()).toEqual([EHPAD_45, FOYER_45].sort());
      expect(esms).toMatchObject({ total: 1, totals: { NOT_STARTED: 1 } });
      expect(esms.late).toEqual([
        expect.objectContaining({ finess: EHPAD_45, daysLeft: 10, overdue: false }),
      ]);
      expect(ars.phase).toBe('COLLECTION');
      expect(ars.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ departmentCode: '45', departmentName: 'Loiret', total: 1 }),
        ]),
      );
    });

    it('filters by department and category', async () => {
      const cher = (await followUp(national, '?department=18')).body;
      expect(cher.total).toBe(1);
      expect(cher.late[0].finess).toBe(SAVS_18);
      const ehpad = (await followUp(national, '?category=EHPAD')).body;
      expect(ehpad.total).toBe(2);
      await api()
        .get(`/api/campaigns/${YEAR}/follow-up?department=Loiret`)
        .set('Authorization', national)
        .expect(400);
    });
  });

  describe('reminders', () => {
    const body = { organisation: { kind: 'ARS', code: '24' } };

    it('previews the default French template with placeholders filled', async () => {
      const preview = await api()
        .post(`/api/campaigns/${YEAR}/reminders/preview`)
        .set('Authorization', arsApr)
        .send(body)
        .expect(200);
      expect(preview.body).toMatchObject({ structures: 2, recipients: 3, withoutRecipient: 0 });
      expect(preview.body.body).toContain('{date_limite}');
      expect(preview.body.sample.body).toContain(formatDateFr(datesFor('COLLECTION').collectionEnd));
      expect(preview.body.sample.body).toMatch(/FINESS \d{9}/);
      expect(preview.body.sample.body).toContain(`/campagnes/${YEAR}/structures/`);
      expect(preview.body.sample.body).not.toMatch(/\{[a-z_]+\}/);
    });

    it('refuses a CD administrator writing for the ARS, and says so in French', async () => {
      const res = await api()
        .post(`/api/campaigns/${YEAR}/reminders`)
        .set('Authorization', cdApr)
        .send(body)
        .expect(403);
      expect(res.body.message).toEqual(expect.any(String));
    });

    it('sends one email per recipient and late structure, to active APE/USER accounts only, and records it', async () => {
      const before = await count(`SELECT count(*) AS n FROM outbox_emails`);
      const res = await api()
        .post(`/api/campaigns/${YEAR}/reminders`)
        .set('Authorization', arsApr)
        .send({ ...body, subject: 'Relance {structure}' })
        .expect(201);
      expect(res.body).toEqual({ structures: 2, recipients: 3, withoutRecipient: 0 });
      const emails: { recipient: string; subject: string }[] = await t.dataSource.query(
        `SELECT recipient, subject FROM outbox_emails WHERE subject LIKE 'Relance %' ORDER BY recipient, subject`,
      );
      expect(await count(`SELECT count(*) AS n FROM outbox_emails`)).toBe(before + 3);
      expect(emails.filter((e) => e.recipient === esmsApe.email)).toEqual([
        { recipient: esmsApe.email, subject: 'Relance EHPAD LE PARC' },
      ]);
      expect(emails.filter((e) => e.recipient === ogUser.email)).toHaveLength(2);
      expect(emails.map((e) => e.recipient)).not.toContain(disabledEmail);
      expect(emails.map((e) => e.recipient)).not.toContain(ime75Ape.email);
      const mailings = await t.dataSource.query(
        `SELECT kind, organisation_kind, organisation_code, recipients, structures FROM campaign_mailings`,
      );
      expect(mailings).toEqual([
        { kind: 'REMINDER', organisation_kind: 'ARS', organisation_code: '24', recipients: 3, structures: 2 },
      ]);
    });

    it('refuses with a French 409 when no structure is late', async () => {
      const res = await api()
        .post(`/api/campaigns/${YEAR}/reminders`)
        .set('Authorization', national)
        .send({ organisation: { kind: 'CD', code: '28' } })
        .expect(409);
      expect(res.body.message).toMatch(/^Aucune structure en retard/);
    });
  });

  describe('launch email', () => {
    it('fills the campaign dates and the preparation grid link; counts structures without recipient', async () => {
      const template = {
        organisation: { kind: 'CD', code: '45' },
        subject: 'Campagne {annee}',
        body: 'Bonjour {structure} ({finess}) : collecte du {date_debut} au {date_limite}. Grille : {lien}',
      };
      const preview = await api()
        .post(`/api/campaigns/${YEAR}/launch-email/preview`)
        .set('Authorization', cdApr)
        .send(template)
        .expect(200);
      const dates = datesFor('COLLECTION');
      expect(preview.body.sample.body).toContain(
        `collecte du ${formatDateFr(dates.collectionStart)} au ${formatDateFr(dates.collectionEnd)}`,
      );
      expect(preview.body.sample.body).toMatch(new RegExp(`/campagnes/${YEAR}/structures/\\d{9}$`));
      expect(preview.body.sample.subject).toBe(`Campagne ${YEAR}`);
      const paris = await api()
        .post(`/api/campaigns/${YEAR}/launch-email/preview`)
        .set('Authorization', national)
        .send({ organisation: { kind: 'ARS', code: '11' } })
        .expect(200);
      expect(paris.body).toMatchObject({ structures: 2, recipients: 1, withoutRecipient: 1 });

      const sent = await api()
        .post(`/api/campaigns/${YEAR}/launch-email`)
        .set('Authorization', cdApr)
        .send(template)
        .expect(201);
      expect(sent.body).toEqual({ structures: 2, recipients: 3, withoutRecipient: 0 });
      expect(
        await count(`SELECT count(*) AS n FROM outbox_emails WHERE subject = $1`, [`Campagne ${YEAR}`]),
      ).toBe(3);
    });

    it('lists the mailings of the caller authority (national: all)', async () => {
      const cd = await api().get(`/api/campaigns/${YEAR}/mailings`).set('Authorization', cdApr).expect(200);
      expect(cd.body.map((m: { kind: string }) => m.kind)).toEqual(['LAUNCH']);
      expect(cd.body[0]).toMatchObject({ organisationName: 'Département Loiret', recipients: 3 });
      const all = await api()
        .get(`/api/campaigns/${YEAR}/mailings`)
        .set('Authorization', national)
        .expect(200);
      expect(all.body).toHaveLength(2);
      const reminders = await api()
        .get(`/api/campaigns/${YEAR}/mailings?kind=REMINDER`)
        .set('Authorization', national)
        .expect(200);
      expect(reminders.body.map((m: { organisationCode: string }) => m.organisationCode)).toEqual(['24']);
      // A structure's account holds no authority grant: the refusal says who may, naming no authority.
      const refused = await api()
        .get(`/api/campaigns/${YEAR}/mailings`)
        .set('Authorization', esmsApe.auth)
        .expect(403);
      expect(refused.body.message).toBe(
        "Écrire aux structures est réservé à l'administrateur principal (APR) et aux contrôleurs d'une ARS ou d'un Département, et à l'administrateur national : votre compte n'a aucune de ces habilitations.",
      );
      const tokens = await api().get('/api/api-tokens').set('Authorization', esmsApe.auth).expect(403);
      expect(tokens.body.message).toMatch(/^Les jetons d'API sont gérés par l'administrateur principal/);
    });
  });

  describe('referents', () => {
    const referent = {
      organisation: { kind: 'CD', code: '45' },
      name: 'Claire Martin',
      email: 'claire.martin@loiret.fr',
      phone: '02 38 00 00 00',
      roleLabel: 'Référente TDB',
    };

    it('are named by the APR of their authority, read by anyone, removed by that APR only', async () => {
      const created = await api()
        .post('/api/referents')
        .set('Authorization', cdApr)
        .send(referent)
        .expect(201);
      expect(created.body).toMatchObject({
        organisationKind: 'CD',
        organisationCode: '45',
        organisationName: 'Département Loiret',
        email: 'claire.martin@loiret.fr',
      });
      const list = await api()
        .get('/api/referents?kind=CD&code=45')
        .set('Authorization', esmsApe.auth)
        .expect(200);
      expect(list.body).toEqual([created.body]);
      await api()
        .post('/api/referents')
        .set('Authorization', arsApr)
        .send({ ...referent, email: 'autre@loiret.fr' })
        .expect(403);
      await api().delete(`/api/referents/${created.body.id}`).set('Authorization', arsApr).expect(403);
      const bad = await api()
        .post('/api/referents')
        .set('Authorization', cdApr)
        .send({ ...referent, email: 'pas-un-courriel' })
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('n’est pas une adresse valide');
      await api().post('/api/referents').set('Authorization', cdApr).send(referent).expect(409);
      await api().delete(`/api/referents/${created.body.id}`).set('Authorization', cdApr).expect(204);
      expect(
        (await api().get('/api/referents?kind=CD&code=45').set('Authorization', cdApr).expect(200)).body,
      ).toEqual([]);
    });
  });

  describe('campaign scope', () => {
    const patch = (finess: string, auth: string, body: Record<string, unknown>) =>
      api().patch(`/api/campaigns/${YEAR}/submissions/${finess}/scope`).set('Authorization', auth).send(body);
    const scopeOf = async (finess: string) =>
      (
        await t.dataSource.query(
          `SELECT in_scope, scope_reason FROM submissions WHERE campaign_year = $1 AND finess = $2`,
          [YEAR, finess],
        )
      )[0];

    it('excludes with a reason only, refuses a started submission but to national, and audits', async () => {
      const refused = await patch(FOYER_45, cdApr, { inScope: false }).expect(400);
      expect(refused.body.message).toMatch(/motif d’exclusion est obligatoire/);
      await patch(FOYER_45, arsApr, { inScope: false, reason: 'Fermée' }).expect(403);
      const excluded = await patch(FOYER_45, cdApr, { inScope: false, reason: 'Fermée en 2025' }).expect(200);
      expect(excluded.body).toMatchObject({
        finess: FOYER_45,
        inScope: false,
        scopeReason: 'Fermée en 2025',
      });
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_log WHERE action = 'campaign.scope.exclude' AND target_label = $1`,
          ['FOYER DE VIE LES TILLEULS'],
        ),
      ).toBe(1);
      // The list shows it with includeExcluded=true only; "false" means false, anything else is refused.
      const listed = async (includeExcluded: string) =>
        (
          await api()
            .get(`/api/campaigns/${YEAR}/submissions?pageSize=100&includeExcluded=${includeExcluded}`)
            .set('Authorization', cdApr)
            .expect(200)
        ).body.items.some((s: { finess: string }) => s.finess === FOYER_45);
      expect(await listed('true')).toBe(true);
      expect(await listed('false')).toBe(false);
      const garbage = await api()
        .get(`/api/campaigns/${YEAR}/submissions?includeExcluded=${'a'.repeat(7_000)}`)
        .set('Authorization', cdApr)
        .expect(400);
      expect(garbage.body.errors).toEqual([
        { field: 'includeExcluded', message: '« includeExcluded » vaut true ou false.' },
      ]);
      await patch(FOYER_45, cdApr, { inScope: true }).expect(200);
      expect(await scopeOf(FOYER_45)).toEqual({ in_scope: true, scope_reason: null });

      await t.dataSource.query(
        `UPDATE submissions SET status = 'IN_PROGRESS' WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, IME_45],
      );
      const started = await patch(IME_45, arsApr, { inScope: false, reason: 'Doublon' }).expect(409);
      expect(started.body.message).toMatch(/seule l’administration nationale/);
      await patch(IME_45, national, { inScope: false, reason: 'Doublon', version: 999 }).expect(409);
      await patch(IME_45, national, { inScope: false, reason: 'Doublon' }).expect(200);
      await patch(IME_45, national, { inScope: true }).expect(200);
    });

    const download = async (auth: string, query = '') => {
      const res = await api()
        .get(`/api/campaigns/${YEAR}/scope.xlsx${query}`)
        .set('Authorization', auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      return workbook;
    };

    it('downloads the list with its header, the FINESS as text and the APE contacts', async () => {
      const workbook = await download(national, '?region=24');
      const sheet = workbook.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        'Type',
        'FINESS',
        'Raison sociale',
        'Catégorie',
        'Département',
        'Compétence',
        'OG FINESS',
        'OG',
        'Dans le périmètre',
        "Motif d'exclusion",
        'APE actuel (courriel)',
        'APE actuel (nom)',
        'APE à créer : nom',
        'APE à créer : prénom',
        'APE à créer : courriel',
        'APE à créer : téléphone',
        'APE à créer : transfert',
      ]);
      // The four ESMS of the region, then their organisme gestionnaire.
      expect(sheet.rowCount).toBe(6);
      const finesses: unknown[] = [];
      sheet.eachRow((row, n) => n > 1 && finesses.push(row.getCell(2).value));
      expect(finesses.every((f) => typeof f === 'string' && /^\d{9}$/.test(f))).toBe(true);
      expect(finesses).not.toContain(EHPAD_75);
      let ehpadRow = 0;
      sheet.eachRow((row, n) => row.getCell(2).value === EHPAD_45 && (ehpadRow = n));
      expect(sheet.getCell(ehpadRow, 1).value).toBe('ESMS');
      expect(String(sheet.getCell(ehpadRow, 11).value)).toContain(esmsApe.email);
      const ars = await download(arsApr);
      expect(ars.worksheets[0]!.rowCount).toBe(4);
    });

    it('lists each OG with its APE contacts, an ESMS with its own APE only', async () => {
      const ogApe = await persistAccount(
        t.dataSource,
        [{ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' }],
        {
          firstName: 'Odile',
          lastName: 'Gestion',
        },
      );
      const workbook = await download(national, '?region=24');
      const rows: unknown[][] = [];
      workbook.worksheets[0]!.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
      expect(rows.map((r) => r[0])).toEqual(['ESMS', 'ESMS', 'ESMS', 'ESMS', 'OG']);
      expect(rows[4]!.slice(0, 12)).toEqual([
        'OG',
        OG_45,
        'ASSOCIATION DU LOIRET',
        'Organisme gestionnaire',
        '45 Loiret',
        '',
        OG_45,
        'ASSOCIATION DU LOIRET',
        '',
        '',
        ogApe.email,
        'Odile Gestion',
      ]);
      // The OG's APE is on the OG row, not on the rows of its ESMS.
      for (const row of rows.slice(0, 4)) expect(String(row[10] ?? '')).not.toContain(ogApe.email);
      // A region's list names the OGs of its ESMS only.
      const paris = await download(national, '?region=11');
      const types: unknown[][] = [];
      paris.worksheets[0]!.eachRow(
        (row, n) => n > 1 && types.push([row.getCell(1).value, row.getCell(2).value]),
      );
      expect(types.filter((t) => t[0] === 'OG').map((t) => t[1])).toEqual([REGISTRY.OG_75]);
      // An ESMS's user gets its own row and its OG's.
      const own = await download(esmsApe.auth);
      const mine: unknown[][] = [];
      own.worksheets[0]!.eachRow(
        (row, n) => n > 1 && mine.push([row.getCell(1).value, row.getCell(2).value]),
      );
      expect(mine).toEqual([
        ['ESMS', EHPAD_45],
        ['OG', OG_45],
      ]);
    });

    it('uploads back all-or-nothing: a bad line is reported by number and nothing changes', async () => {
      const workbook = await download(national);
      const sheet = workbook.worksheets[0]!;
      const rowOf = (finess: string) => {
        let found = 0;
        sheet.eachRow((row, n) => row.getCell(2).value === finess && (found = n));
        return found;
      };
      sheet.getCell(rowOf(EHPAD_75), 9).value = 'Non';
      sheet.getCell(rowOf(EHPAD_75), 10).value = 'Fermeture définitive';
      sheet.getCell(rowOf(SAVS_18), 9).value = 'Peut-être';
      const upload = async (auth: string, status: number) => {
        const file = Buffer.from(await workbook.xlsx.writeBuffer());
        return api()
          .post(`/api/campaigns/${YEAR}/scope`)
          .set('Authorization', auth)
          .attach('file', file, 'perimetre.xlsx')
          .expect(status);
      };
      const rejected = await upload(national, 422);
      expect(rejected.body.errors).toEqual([
        { line: rowOf(SAVS_18), message: expect.stringContaining('Oui ou Non') },
      ]);
      expect(await scopeOf(EHPAD_75)).toEqual({ in_scope: true, scope_reason: null });

      sheet.getCell(rowOf(SAVS_18), 9).value = 'Oui';
      const outside = await upload(arsApr, 422);
      const lines = outside.body.errors.map((e: { line: number }) => e.line);
      expect(lines).toEqual(expect.arrayContaining([rowOf(EHPAD_75), rowOf(SAVS_18)]));
      expect(await scopeOf(EHPAD_75)).toEqual({ in_scope: true, scope_reason: null });

      const ok = await upload(national, 201);
      expect(ok.body).toEqual({ included: 0, excluded: 1, unchanged: 5 });
      expect(await scopeOf(EHPAD_75)).toEqual({ in_scope: false, scope_reason: 'Fermeture définitive' });
    });

    it('provisions the APEs the authority wrote in the list (kept structures only), as the APE import does', async () => {
      const workbook = await download(national, '?region=24');
      const sheet = workbook.worksheets[0]!;
      const rowOf = (finess: string) => {
        let found = 0;
        sheet.eachRow((row, n) => row.getCell(2).value === finess && (found = n));
        return found;
      };
      const foyer = rowOf(FOYER_45);
      sheet.getCell(foyer, 13).value = 'Durand';
      sheet.getCell(foyer, 14).value = 'Lucie';
      sheet.getCell(foyer, 15).value = 'lucie.durand@foyer.test';
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await api()
        .post('/api/accounts/import')
        .set('Authorization', national)
        .attach('file', file, 'perimetre.xlsx')
        .expect(200);
      expect(JSON.stringify(res.body)).toContain('lucie.durand@foyer.test');
      const grants = await t.dataSource.query(
        `SELECT g.organisation_code, g.role FROM grants g JOIN accounts a ON a.id = g.account_id WHERE a.email = $1`,
        ['lucie.durand@foyer.test'],
      );
      expect(grants).toEqual([{ organisation_code: FOYER_45, role: 'APE' }]);
    });

    it('provisions the APE of an OG from its row, by transfer when it has one', async () => {
      const workbook = await download(national, '?region=24');
      const sheet = workbook.worksheets[0]!;
      let og = 0;
      sheet.eachRow((row, n) => row.getCell(1).value === 'OG' && row.getCell(2).value === OG_45 && (og = n));
      sheet.getCell(og, 13).value = 'Nouvel';
      sheet.getCell(og, 14).value = 'Oscar';
      sheet.getCell(og, 15).value = 'oscar.nouvel@association.test';
      const send = async (status: number) =>
        api()
          .post('/api/accounts/import')
          .set('Authorization', national)
          .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'perimetre.xlsx')
          .expect(status);
      // The OG has its APE (Odile): without « transfert », the line is an error naming her.
      const refused = await send(422);
      expect(refused.body.errors).toEqual([
        {
          line: og,
          message: expect.stringContaining('a déjà son administrateur principal (APE) : Odile Gestion.'),
        },
      ]);
      sheet.getCell(og, 17).value = 'utilisateur';
      await send(200);
      const grants = await t.dataSource.query(
        `SELECT a.email, g.role FROM grants g JOIN accounts a ON a.id = g.account_id
          WHERE g.organisation_kind = 'OG' AND g.organisation_code = $1 ORDER BY a.email`,
        [OG_45],
      );
      expect(grants).toEqual(
        expect.arrayContaining([
          { email: 'oscar.nouvel@association.test', role: 'APE' },
          expect.objectContaining({ role: 'USER' }),
        ]),
      );
      expect(grants.filter((g: { role: string }) => g.role === 'APE')).toHaveLength(1);
      // The scope upload ignores the OG rows: the same file is read as before.
      const upload = await api()
        .post(`/api/campaigns/${YEAR}/scope`)
        .set('Authorization', national)
        .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'perimetre.xlsx')
        .expect(201);
      expect(upload.body).toEqual({ included: 0, excluded: 0, unchanged: 4 });
    });
  });
});
