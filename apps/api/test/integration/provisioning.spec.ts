import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginAs, persistAccount } from '../factories/accounts';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, FOYER_45, IME_45, OG_45: OG } = REGISTRY;

describe('bulk provisioning of APE accounts (HTTP, real database)', () => {
  let t: TestApp;
  let cdApr: string;

  beforeAll(async () => {
    ({ t } = await startAppWithRegistry());

    cdApr = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'CD', code: '45' }, role: 'APR' }])).email,
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const upload = (content: Buffer, name: string) =>
    request(t.http).post('/api/accounts/import').set('Authorization', cdApr).attach('file', content, name);
  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('rejects the whole file when a line is bad or outside the caller’s competence, naming each line', async () => {
    const before = [await count('accounts'), await count('grants'), await count('outbox_emails')];
    const csv = [
      'FINESS;Nom;Prénom;Courriel;Téléphone',
      `${FOYER_45};Martin;Claire;claire.martin@foyer.test;02 38 00 00 01`,
      `${IME_45};Durand;Paul;paul.durand@ime.test;`,
      `${FOYER_45.slice(0, 8)}${(Number(FOYER_45[8]) + 1) % 10};Petit;Léa;lea.petit@foyer.test;`,
      `${EHPAD_45};Leroy;;pas-un-courriel;`,
    ].join('\n');
    const res = await upload(Buffer.from(csv, 'latin1'), 'ape.csv').expect(422);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    expect(res.body.errors[0].message).toMatch(/Département|ARS/);
    expect(res.body.errors[1].message).toMatch(/clé/);
    expect(res.body.errors[2].message).toMatch(/prénom manquant.*courriel invalide/);
    expect([await count('accounts'), await count('grants'), await count('outbox_emails')]).toEqual(before);
  });

  it('creates the APE accounts of a CSV file, invites them, and changes nothing the second time', async () => {
    const csv = [
      'FINESS;Nom;Prénom;Courriel;Téléphone',
      `${FOYER_45};Martin;Claire;claire.martin@foyer.test;02 38 00 00 01`,
      `${OG};Bernard;Luc;luc.bernard@association.test;`,
    ].join('\r\n');
    const first = await upload(Buffer.from(`\uFEFF${csv}`, 'utf8'), 'ape.csv').expect(200);
    expect(first.body).toMatchObject({ applied: true, invited: 2, grantsAdded: 0, unchanged: 0 });
    const invitations = await t.dataSource.query(`SELECT recipient FROM outbox_emails ORDER BY recipient`);
    expect(invitations.map((r: { recipient: string }) => r.recipient)).toEqual([
      'claire.martin@foyer.test',
      'luc.bernard@association.test',
    ]);
    const second = await upload(Buffer.from(csv, 'utf8'), 'ape.csv').expect(200);
    expect(second.body).toMatchObject({ invited: 0, grantsAdded: 0, unchanged: 2 });
  });

  it('reads an XLSX file too, adding a grant to an existing account', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('APE');
    sheet.addRow(['N° FINESS', 'Nom', 'Prénom', 'Adresse électronique', 'Tél.']);
    sheet.addRow([EHPAD_45, 'Martin', 'Claire', 'claire.martin@foyer.test', '']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(buffer, 'ape.xlsx').expect(200);
    expect(res.body).toMatchObject({
      invited: 0,
      grantsAdded: 1,
      lines: [{ line: 2, finess: EHPAD_45, outcome: 'grant_added' }],
    });
  });

  it('refuses a line for a structure that has its APE unless the file says what becomes of it', async () => {
    const before = [await count('accounts'), await count('grants'), await count('outbox_emails')];
    const csv = [
      'FINESS;Nom;Prénom;Courriel;Téléphone',
      `${FOYER_45};Autre;Anne;anne.autre@foyer.test;`,
      `${OG};Bis;Luc;luc.bis@association.test;`,
    ].join('\n');
    const res = await upload(Buffer.from(csv, 'utf8'), 'ape.csv').expect(422);
    expect(res.body.errors).toEqual([
      {
        line: 2,
        message: expect.stringContaining(
          `La structure ${FOYER_45} a déjà son administrateur principal (APE) : Claire Martin.`,
        ),
      },
      {
        line: 3,
        message: expect.stringContaining('a déjà son administrateur principal (APE) : Luc Bernard.'),
      },
    ]);
    expect(res.body.errors[0].message).toMatch(/colonne « Transfert », « utilisateur » ou « retrait »/);
    // One line per FINESS, and a transfer the file must spell in words it understands.
    const twice = [
      'FINESS;Nom;Prénom;Courriel;Transfert',
      `${FOYER_45};Autre;Anne;anne.autre@foyer.test;utilisateur`,
      `${FOYER_45};Encore;Eva;eva.encore@foyer.test;retrait`,
      `${OG};Bis;Luc;luc.bis@association.test;contrôleur`,
      `${EHPAD_45};Autre;Anne;anne.autre@foyer.test;peut-être`,
    ].join('\n');
    const rejected = await upload(Buffer.from(twice, 'utf8'), 'ape.csv').expect(422);
    expect(rejected.body.errors.map((e: { line: number; message: string }) => [e.line, e.message])).toEqual([
      [3, expect.stringContaining('la ligne 2 désigne déjà l’APE de ce FINESS')],
      [4, expect.stringContaining('peut devenir : « USER »')],
      [5, expect.stringContaining('transfert « peut-être » non compris')],
    ]);
    expect([await count('accounts'), await count('grants'), await count('outbox_emails')]).toEqual(before);

    const transfer = [
      'FINESS;Nom;Prénom;Courriel;Transfert',
      `${FOYER_45};Autre;Anne;anne.autre@foyer.test;Utilisateur`,
    ].join('\n');
    const applied = await upload(Buffer.from(transfer, 'utf8'), 'ape.csv').expect(200);
    expect(applied.body).toMatchObject({
      applied: true,
      invited: 1,
      lines: [{ line: 2, finess: FOYER_45, outcome: 'invited', transfer: 'USER' }],
    });
    const claire = await t.dataSource.query(
      `SELECT g.role, g.organisation_code FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE a.email = 'claire.martin@foyer.test' ORDER BY g.role, g.organisation_code`,
    );
    expect(claire).toEqual([
      { role: 'APE', organisation_code: EHPAD_45 },
      { role: 'USER', organisation_code: FOYER_45 },
    ]);
    const [mail] = await t.dataSource.query(
      `SELECT subject FROM outbox_emails WHERE recipient = 'claire.martin@foyer.test' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(mail.subject).toMatch(/transfert de votre rôle/);
  });

  it('offers the grant to a person the caller does not manage, answering as for a new address', async () => {
    const stranger = await persistAccount(t.dataSource, [
      { organisation: { kind: 'NATIONAL', code: 'FR' }, role: 'NATIONAL_ADMIN' },
    ]);
    const grantsBefore = await t.dataSource.query(`SELECT role FROM grants WHERE account_id = $1`, [
      stranger.id,
    ]);
    // Both structures have their APE: the file says what becomes of it (a transfer).
    const csv = [
      'FINESS;Nom;Prénom;Courriel;Téléphone;Transfert',
      `${FOYER_45};Intrus;Ivan;${stranger.email.toUpperCase()};;utilisateur`,
      `${EHPAD_45};Nouveau;Noé;noe.nouveau@foyer.test;;retrait`,
    ].join('\n');
    const res = await upload(Buffer.from(csv, 'utf8'), 'ape.csv').expect(200);
    // Both lines answer the same: nothing tells that the first address had an account.
    expect(res.body).toMatchObject({ invited: 2, grantsAdded: 0, unchanged: 0 });
    expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['invited', 'invited']);
    expect(JSON.stringify(res.body)).not.toContain(stranger.id);
    // The stranger gains nothing until they accept; they are asked by email.
    expect(await t.dataSource.query(`SELECT role FROM grants WHERE account_id = $1`, [stranger.id])).toEqual(
      grantsBefore,
    );
    const [offer] = await t.dataSource.query(
      `SELECT subject FROM outbox_emails WHERE lower(recipient) = lower($1) ORDER BY created_at DESC LIMIT 1`,
      [stranger.email],
    );
    expect(offer.subject).toMatch(/habilitation vous est proposée/);
  });

  it('refuses callers who administer nothing', async () => {
    const reader = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'CD', code: '45' }, role: 'READER' }]))
        .email,
    );
    await request(t.http)
      .post('/api/accounts/import')
      .set('Authorization', reader)
      .attach('file', Buffer.from('FINESS;Nom\n'), 'a.csv')
      .expect(403);
  });
});
