/**
 * Category corrections by the ARS and the Département (issue 14 §4, ADR 0014): the authority
 * competent for the old or the new category corrects it within its territory, with a reason; the
 * other authority and the structure are informed; the open campaign's submission follows the new
 * category (expected items, completeness, indicators, peers) in the same transaction.
 */
import request from 'supertest';
import { evaluateSubmission, getDictionary, itemsFor } from '@tdb/dictionary';
import { getIndicatorDefinitions } from '@tdb/indicators';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const YEAR = 2026;
const { FOYER_45, IME_45 } = REGISTRY;

describe('category corrections by ARS and CD (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ape: { auth: string; email: string };
  let arsApr: { auth: string; email: string };
  let cdApr: { auth: string; email: string };
  let cdController: { auth: string; email: string };
  let cherApr: { auth: string; email: string };

  const structure = (finess: string, auth: string) =>
    request(t.http).get(`/api/structures/${finess}`).set('Authorization', auth);
  const submission = (finess: string, auth: string) =>
    request(t.http).get(`/api/campaigns/${YEAR}/submissions/${finess}`).set('Authorization', auth);
  const correct = async (
    finess: string,
    auth: string,
    categoryCode: string,
    reason = 'Autorisation ARS du 12 mars 2024',
  ) => {
    const { version } = (
      await request(t.http).get(`/api/structures/${finess}`).set('Authorization', national)
    ).body;
    return request(t.http)
      .patch(`/api/structures/${finess}/category`)
      .set('Authorization', auth)
      .send({ categoryCode, reason, version });
  };
  const emailsTo = async (email: string): Promise<{ subject: string; body_text: string }[]> =>
    t.dataSource.query(
      `SELECT subject, body_text FROM outbox_emails WHERE recipient = $1 AND subject LIKE 'Catégorie corrigée%'`,
      [email.toLowerCase()],
    );

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION');
    const account = async (grant: Parameters<typeof persistAccount>[1][number]) => {
      const created = await persistAccount(t.dataSource, [grant]);
      return { auth: await loginAs(t.http, created.email), email: created.email };
    };
    ape = await account({ organisation: { kind: 'ESMS', code: FOYER_45 }, role: 'APE' });
    arsApr = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'APR' });
    cdApr = await account({ organisation: { kind: 'CD', code: '45' }, role: 'APR' });
    cdController = await account({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    cherApr = await account({ organisation: { kind: 'CD', code: '18' }, role: 'APR' });
    // The foyer (EANM, Département only) enters its first figures.
    const current = (await submission(FOYER_45, ape.auth).expect(200)).body;
    const item = itemsFor(getDictionary(YEAR), 'EANM').find(
      (i) => i.type === 'integer' && !i.ogLevel && (i.max ?? 1e9) > 100,
    )!;
    await request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${FOYER_45}/values`)
      .set('Authorization', ape.auth)
      .send({ version: current.version, values: { [item.code]: 12 } })
      .expect(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the ARS the registry record of a Département-only structure it may correct, nothing of its campaign', async () => {
    const record = await structure(FOYER_45, arsApr.auth).expect(200);
    expect(record.body).toMatchObject({ finess: FOYER_45, categoryCode: 'EANM', registryOnly: true });
    expect((await structure(FOYER_45, cdApr.auth).expect(200)).body.registryOnly).toBe(false);
    const campaign = await submission(FOYER_45, arsApr.auth).expect(403);
    expect(campaign.body.message).toMatch(/compétence exclusive du Département/);
    // Outside its territory, no authority reaches it.
    expect((await structure(FOYER_45, cherApr.auth).expect(403)).body.message).toMatch(/périmètre/);
  });

  it('refuses a correction when neither category is of the authority, or outside its territory, changing nothing', async () => {
    const refused = await correct(FOYER_45, arsApr.auth, 'SAVS');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      "Une ARS corrige la catégorie d'une structure lorsque l'ancienne ou la nouvelle catégorie relève de sa compétence : EANM et SAVS sont de compétence exclusive du Département.",
    );
    expect((await correct(FOYER_45, cherApr.auth, 'SAVS')).status).toBe(403);
    expect((await correct(FOYER_45, ape.auth, 'MAS')).status).toBe(403);
    const record = await structure(FOYER_45, national).expect(200);
    expect(record.body).toMatchObject({ categoryCode: 'EANM', categoryCorrected: false });
    expect(await emailsTo(cdApr.email)).toEqual([]);
  });

  it('lets the ARS correct it into a category of its own; the submission follows, the Département and the structure are told', async () => {
    const before = (await submission(FOYER_45, ape.auth).expect(200)).body;
    const corrected = await correct(
      FOYER_45,
      arsApr.auth,
      'MAS',
      'Foyer requalifié en MAS (arrêté du 2 février 2026)',
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      categoryCode: 'MAS',
      competence: 'ARS',
      categoryCorrected: true,
      registryOnly: false,
    });
    const entry = corrected.body.history[0];
    expect(entry).toMatchObject({
      kind: 'CATEGORY_CORRECTED',
      by: arsApr.email,
      reason: 'Foyer requalifié en MAS (arrêté du 2 février 2026)',
      changes: { categoryCode: { from: 'EANM', to: 'MAS' }, competence: { from: 'CD', to: 'ARS' } },
    });

    // The open campaign's submission follows the new category in the same transaction.
    const dictionary = getDictionary(YEAR);
    const merged = { ...before.values, ...before.ogValues };
    const asEanm = evaluateSubmission(dictionary, 'EANM', merged).completeness;
    const asMas = evaluateSubmission(dictionary, 'MAS', merged).completeness;
    expect(asMas.expected).not.toBe(asEanm.expected);
    expect(entry.consequences[0]).toBe(
      `Campagne ${YEAR} : ${asMas.expected} données attendues (au lieu de ${asEanm.expected}), ` +
        `complétude ${Math.round(asEanm.ratio * 100)} % → ${Math.round(asMas.ratio * 100)} % ; ` +
        'indicateurs et valeurs atypiques recalculés, comparaison avec les MAS.',
    );
    expect(entry.consequences.slice(1)).toEqual([
      'Département 45 (Loiret) informé par courriel (2 destinataires).',
      'Administrateurs de la structure informés par courriel (1 destinataire).',
    ]);
    const after = (await submission(FOYER_45, ape.auth).expect(200)).body;
    expect(after).toMatchObject({ categoryCode: 'MAS', values: before.values });
    expect(after.completeness).toBeCloseTo(asMas.ratio, 4);
    expect(after.completenessDetail.expected).toBe(asMas.expected);
    // The indicators shown are those of a MAS, recomputed (an EANM has others).
    const applying = (category: string) =>
      getIndicatorDefinitions(YEAR)
        .indicators.filter((d) => d.categories === 'ALL' || d.categories.includes(category))
        .map((d) => d.code)
        .sort();
    expect(applying('MAS')).not.toEqual(applying('EANM'));
    const codes = (detail: { indicators: { code: string }[] }) => detail.indicators.map((i) => i.code).sort();
    expect(codes(before)).toEqual(applying('EANM'));
    expect(codes(after)).toEqual(applying('MAS'));

    // Competence changed hands: the ARS now checks it, the Département no longer does.
    await submission(FOYER_45, arsApr.auth).expect(200);
    expect((await submission(FOYER_45, cdController.auth).expect(403)).body.message).toMatch(
      /compétence exclusive de l'ARS/,
    );

    // Informed: the Département's APR and controller, the structure's APE; not the ARS itself.
    for (const email of [cdApr.email, cdController.email, ape.email]) {
      const [message] = await emailsTo(email);
      expect(message?.subject).toBe('Catégorie corrigée : FOYER DE VIE LES TILLEULS (' + FOYER_45 + ')');
      expect(message?.body_text).toContain(`a été corrigée par ${arsApr.email} : EANM devient MAS.`);
      expect(message?.body_text).toContain('Motif : Foyer requalifié en MAS (arrêté du 2 février 2026)');
      expect(message?.body_text).toContain(`Campagne ${YEAR} : ${asMas.expected} données attendues`);
    }
    expect(await emailsTo(arsApr.email)).toEqual([]);
  });

  it('lets the Département correct an ARS structure into its own category, and refuses the other way', async () => {
    const refused = await correct(IME_45, cdApr.auth, 'SSIAD');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/IME et SSIAD sont de compétence exclusive de l'ARS/);
    const corrected = await correct(IME_45, cdApr.auth, 'EANM', 'Accueil de jour pour adultes, pas un IME');
    expect(corrected.status).toBe(200);
    expect(corrected.body.history[0].consequences).toContain(
      'ARS Centre-Val de Loire informée par courriel (1 destinataire).',
    );
    const [message] = await emailsTo(arsApr.email);
    expect(message?.body_text).toContain('IME devient EANM.');
    expect(message?.body_text).toContain('Compétence : ARS seule → Département seul.');
  });
});
