/**
 * Late structures (issue 14 §1–2, ADR 0011): after the collection, the competent authority gives a
 * structure an extension with a reason — visible to it, logged, emailed, revocable, listed in the
 * follow-up — and the national administrator extends the collection for every late structure.
 * Every action of a submission comes with the reason it is refused now.
 */
import request from 'supertest';
import { getDictionary, itemsFor } from '@tdb/dictionary';
import { formatDateFr } from '@tdb/submission-workflow';
import { parisToday } from '../../src/common/auth/access.service';
import { loginAs, persistAccount } from '../factories/accounts';
import { movePhase, openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const YEAR = 2026;
const { EHPAD_45, IME_45, FOYER_45 } = REGISTRY;

/** An integer item the structure enters itself (not at OG level). */
const itemOf = (category: string): string =>
  itemsFor(getDictionary(YEAR), category).find(
    (i) => i.type === 'integer' && !i.ogLevel && (i.max ?? 1e9) > 100,
  )!.code;

const shift = (days: number): string => {
  const date = new Date(`${parisToday()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe('extensions of the entry for late structures (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ape: { auth: string; email: string };
  let arsController: string;
  let cdController: string;
  let arsReader: string;

  const detail = (finess: string, auth: string) =>
    request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${finess}`)
      .set('Authorization', auth)
      .expect(200);
  const save = async (finess: string, auth: string, value: number) => {
    const current = await detail(finess, auth);
    return request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${finess}/values`)
      .set('Authorization', auth)
      .send({ version: current.body.version, values: { [itemOf(current.body.categoryCode)]: value } });
  };
  const grant = (finess: string, auth: string, until: string, reason = 'Changement de direction en mai') =>
    request(t.http)
      .post(`/api/campaigns/${YEAR}/submissions/${finess}/extension`)
      .set('Authorization', auth)
      .send({ until, reason });

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION');
    const account = async (grantInput: Parameters<typeof persistAccount>[1][number]) => {
      const created = await persistAccount(t.dataSource, [grantInput]);
      return { auth: await loginAs(t.http, created.email), email: created.email };
    };
    ape = await account({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    arsController = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' })).auth;
    cdController = (await account({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' })).auth;
    arsReader = (await account({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' })).auth;
    // Entered during the collection, never validated; then the collection closes.
    await save(EHPAD_45, ape.auth, 40).then((r) => expect(r.status).toBe(200));
    await movePhase(t, national, YEAR, 'FIABILISATION');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('says to a late structure why it can no longer enter, and that an extension would let it', async () => {
    const refused = await save(EHPAD_45, ape.auth, 41);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/collecte est close depuis le .* délai/);
    const page = await detail(EHPAD_45, ape.auth);
    expect(page.body.extension).toBeNull();
    expect(page.body.actions.find((a: { action: string }) => a.action === 'SAVE')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/^La collecte est close depuis le .*\.$/),
    });
    expect(page.body.extensionAction).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/autorité compétente/),
    });
  });

  it('refuses an extension to a reader, a wrong date, or a date past the fiabilisation, changing nothing', async () => {
    const reader = await grant(EHPAD_45, arsReader, shift(5));
    expect(reader.status).toBe(403);
    expect(reader.body.message).toMatch(/^Délai impossible : Seule l'autorité compétente/);
    const past = await grant(EHPAD_45, arsController, shift(-1));
    expect(past.status).toBe(400);
    expect(past.body.message).toMatch(/est déjà passé/);
    const late = await grant(EHPAD_45, arsController, shift(90));
    expect(late.status).toBe(400);
    expect(late.body.message).toMatch(/ne peut dépasser la fin de la fiabilisation/);
    const malformed = await grant(EHPAD_45, arsController, '30/06/2026');
    expect(malformed.status).toBe(400);
    expect((await detail(EHPAD_45, ape.auth)).body.extension).toBeNull();
  });

  it('lets the competent authority grant one: the structure sees it, is told, and enters until that day', async () => {
    const until = shift(7);
    const granted = await grant(EHPAD_45, arsController, until).expect(201);
    expect(granted.body.extension).toMatchObject({
      until,
      reason: 'Changement de direction en mai',
      authority: 'ARS Centre-Val de Loire',
      current: true,
      label: `Délai accordé par ARS Centre-Val de Loire jusqu'au ${formatDateFr(until)} inclus.`,
    });
    const page = await detail(EHPAD_45, ape.auth);
    expect(page.body.extension.label).toMatch(/^Délai accordé par ARS Centre-Val de Loire/);
    expect(page.body.actions.find((a: { action: string }) => a.action === 'SAVE')).toEqual({
      action: 'SAVE',
      allowed: true,
      reason: null,
    });
    expect((await save(EHPAD_45, ape.auth, 42)).status).toBe(200);
    const [mail] = await t.dataSource.query(
      `SELECT subject, body_text FROM outbox_emails WHERE recipient = $1 AND subject LIKE '%délai accordé%'`,
      [ape.email],
    );
    expect(mail.body_text).toContain(`jusqu'au ${formatDateFr(until)} inclus`);
    const [audit] = await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'submission.extension_granted' AND target_id = $1`,
      [`${YEAR}/${EHPAD_45}`],
    );
    expect(audit.details).toMatchObject({ until, reason: 'Changement de direction en mai' });
  });

  it('lists the structure in the follow-up with the days left of its extension', async () => {
    const followUp = await request(t.http)
      .get(`/api/campaigns/${YEAR}/follow-up`)
      .set('Authorization', arsController)
      .expect(200);
    const late = followUp.body.late.find((l: { finess: string }) => l.finess === EHPAD_45);
    expect(late).toMatchObject({ daysLeft: 7, overdue: false, extension: { current: true } });
    const other = followUp.body.late.find((l: { finess: string }) => l.finess === IME_45);
    expect(other).toMatchObject({ overdue: true, extension: null });
  });

  it('says when the extension has ended, and refuses the entry again', async () => {
    await t.dataSource.query(
      `UPDATE submission_extensions SET until = $3 WHERE campaign_year = $1 AND finess = $2 AND revoked_at IS NULL`,
      [YEAR, EHPAD_45, shift(-1)],
    );
    const refused = await save(EHPAD_45, ape.auth, 43);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/délai accordé à la structure a pris fin le/);
    expect((await detail(EHPAD_45, ape.auth)).body.extension).toMatchObject({
      current: false,
      label: expect.stringMatching(/a pris fin le/),
    });
  });

  it('lets the other authority of a shared competence withdraw it, once', async () => {
    await grant(EHPAD_45, cdController, shift(3)).expect(201);
    const revoked = await request(t.http)
      .delete(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/extension`)
      .set('Authorization', cdController)
      .expect(200);
    expect(revoked.body.extension).toBeNull();
    expect((await save(EHPAD_45, ape.auth, 44)).status).toBe(409);
    const again = await request(t.http)
      .delete(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/extension`)
      .set('Authorization', cdController)
      .expect(404);
    expect(again.body.message).toMatch(/Aucun délai en cours/);
    const history = await t.dataSource.query(
      `SELECT revoke_reason FROM submission_extensions WHERE campaign_year = $1 AND finess = $2 ORDER BY granted_at`,
      [YEAR, EHPAD_45],
    );
    expect(history.map((h: { revoke_reason: string }) => h.revoke_reason)).toEqual([
      'Remplacé par un nouveau délai',
      'Retiré par l’autorité',
    ]);
  });

  it('refuses an ARS extension to a structure of the Département only, saying who is competent', async () => {
    const res = await grant(FOYER_45, arsController, shift(5));
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/compétence exclusive du Département/);
  });

  it('extends the collection for every structure that has not validated (national administrator only)', async () => {
    const refused = await request(t.http)
      .post(`/api/campaigns/${YEAR}/extension`)
      .set('Authorization', arsController)
      .send({ until: shift(10), reason: 'Panne nationale' });
    expect(refused.status).toBe(403);
    const [{ n: late }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM submissions WHERE campaign_year = $1 AND in_scope AND status NOT IN ('VALIDATED', 'CONFIRMED')`,
      [YEAR],
    );
    const res = await request(t.http)
      .post(`/api/campaigns/${YEAR}/extension`)
      .set('Authorization', national)
      .send({ until: shift(10), reason: 'Panne nationale' })
      .expect(201);
    expect(res.body).toEqual({ extended: late, until: shift(10) });
    expect((await detail(IME_45, national)).body.extension).toMatchObject({
      authority: 'Administration nationale',
      until: shift(10),
    });
    expect((await save(EHPAD_45, ape.auth, 45)).status).toBe(200);
  });
});

describe('checks by the authority during the collection (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ape: string;
  let arsController: string;

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION', 0.01);
    const persisted = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: IME_45 }, role: 'APE' },
    ]);
    ape = await loginAs(t.http, persisted.email);
    arsController = await loginAs(
      t.http,
      (
        await persistAccount(t.dataSource, [
          { organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' },
        ])
      ).email,
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets the ARS send a validated submission back during the collection, not confirm it yet, and says why', async () => {
    // Validated by the structure (as the campaign tests walk it; its completeness is not the point here).
    await t.dataSource.query(
      `UPDATE submissions SET status = 'VALIDATED', version = version + 1 WHERE campaign_year = $1 AND finess = $2`,
      [YEAR, IME_45],
    );
    const validated = await request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${IME_45}`)
      .set('Authorization', ape)
      .expect(200);
    const seen = await request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${IME_45}`)
      .set('Authorization', arsController)
      .expect(200);
    const byAction = Object.fromEntries(
      seen.body.actions.map((a: { action: string; allowed: boolean; reason: string | null }) => [
        a.action,
        a,
      ]),
    );
    expect(byAction.INVALIDATE).toEqual({ action: 'INVALIDATE', allowed: true, reason: null });
    expect(byAction.CONFIRM.allowed).toBe(false);
    expect(byAction.CONFIRM.reason).toBe(
      `La fiabilisation n'ouvre que le ${formatDateFr(seen.body.campaign.dates.fiabilisationStart)}.`,
    );
    const confirm = await request(t.http)
      .post(`/api/campaigns/${YEAR}/submissions/${IME_45}/transitions`)
      .set('Authorization', arsController)
      .send({ action: 'CONFIRM', version: validated.body.version });
    expect(confirm.status).toBe(409);
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/submissions/${IME_45}/transitions`)
      .set('Authorization', arsController)
      .send({
        action: 'INVALIDATE',
        version: validated.body.version,
        reason: 'Places incohérentes avec 2025',
      })
      .expect(201);
    const back = await request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${IME_45}`)
      .set('Authorization', ape)
      .expect(200);
    expect(back.body.status).toBe('INVALIDATED');
    expect(back.body.transitions.at(-1)).toMatchObject({ reason: 'Places incohérentes avec 2025' });
  });
});
