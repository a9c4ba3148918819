/**
 * "Mes étapes" through HTTP on a real database: each profile's steps in the current phase, measured
 * on counts of its own scope (structures without APE, validated submissions awaiting the authority,
 * shared ones the Département has not consulted, atypia flags), and refreshed by the actions.
 */
import request from 'supertest';
import type { GuideStepDto, MyStepsDto } from '@tdb/contracts';
import { loginAs, persistAccount } from '../factories/accounts';
import { movePhase, openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45, IME_45, IME_75 } = REGISTRY;
const YEAR = 2026;

describe('GET /campaigns/:year/my-steps (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let arsApr: string;
  let arsController: string;
  let cdController: string;
  let ehpadApe: string;
  let ogEntryUser: string;
  let ime75Ape: string;

  const api = () => request(t.http);
  const steps = async (auth: string): Promise<MyStepsDto> =>
    (await api().get(`/api/campaigns/${YEAR}/my-steps`).set('Authorization', auth).expect(200)).body;
  const step = (answer: MyStepsDto, id: string): GuideStepDto | undefined =>
    answer.blocks.flatMap((b) => b.steps).find((s) => s.id === id);

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'COLLECTION');
    const account = async (grant: Parameters<typeof persistAccount>[1][number]) =>
      loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
    arsApr = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'APR' });
    arsController = await account({ organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' });
    cdController = await account({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    ehpadApe = await account({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    ogEntryUser = await account({
      organisation: { kind: 'OG', code: OG_45 },
      role: 'USER',
      rights: ['ENTRY'],
      entryDomains: ['RESSOURCES_HUMAINES', 'FINANCES'],
    });
    ime75Ape = await account({ organisation: { kind: 'ESMS', code: IME_75 }, role: 'APE' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('tells the APR of the ARS, in the collection, the structures of its scope still without an APE', async () => {
    const answer = await steps(arsApr);
    expect(answer).toMatchObject({
      campaignYear: YEAR,
      phase: 'COLLECTION',
      guideVersion: expect.any(String),
    });
    expect(answer.blocks.map((b) => [b.role, b.label])).toEqual([
      ['APR', 'Administrateur principal (APR) – ARS Centre-Val de Loire'],
    ]);
    // ARS 24: the EHPAD (shared, its APE) and the IME (ARS only, no APE on it or on its OG).
    expect(step(answer, 'authority.name-apes')).toMatchObject({
      progress: '1 structure n’a pas encore d’APE.',
      link: { page: 'scope' },
    });
    expect(step(answer, 'authority.follow-collection')?.progress).toBe(
      '0 structure sur 2 a validé sa saisie.',
    );
    // Its deadline (the first day of the collection) is past.
    expect(step(answer, 'authority.referents')).toMatchObject({
      state: 'LATE',
      deadline: expect.any(String),
    });

    const ogApe = await persistAccount(t.dataSource, [
      { organisation: { kind: 'OG', code: OG_45 }, role: 'APE' },
    ]);
    expect(step(await steps(arsApr), 'authority.name-apes')).toMatchObject({ state: 'DONE' });
    await t.dataSource.query(`DELETE FROM accounts WHERE id = $1`, [ogApe.id]);
  });

  it('gives a structure its own steps, the domains of a user, and links to its one structure', async () => {
    const ime = await steps(ime75Ape);
    expect(ime.blocks.map((b) => b.role)).toEqual(['APE']);
    expect(ime.onlyFiness).toBe(IME_75);
    expect(step(ime, 'structure.validate')?.progress).toBe('0 structure sur 1 a validé sa saisie.');
    expect(step(ime, 'structure.name-users')?.progress).toBe(
      'Aucun utilisateur nommé : vous saisissez seul.',
    );

    // The APE of the EHPAD names the users of the EHPAD (the OG's user is its OG's APE's to name).
    expect(step(await steps(ehpadApe), 'structure.name-users')?.progress).toBe(
      'Aucun utilisateur nommé : vous saisissez seul.',
    );
    await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['READ'] },
    ]);
    expect(step(await steps(ehpadApe), 'structure.name-users')?.progress).toBe('1 utilisateur nommé.');

    const user = await steps(ogEntryUser);
    expect(user.blocks.map((b) => b.role)).toEqual(['USER']);
    expect(user.onlyFiness).toBeNull();
    expect(user.onlyOgFiness).toBe(OG_45);
    expect(step(user, 'structure.enter')?.text).toContain(
      'Domaines à saisir : Ressources humaines, finances.',
    );
    expect(step(user, 'structure.validate')).toBeUndefined();
  });

  it('in the fiabilisation, counts what awaits each authority and what a structure has to answer', async () => {
    await movePhase(t, national, YEAR, 'FIABILISATION');
    await t.dataSource.query(
      `UPDATE submissions SET status = 'VALIDATED' WHERE campaign_year = $1 AND finess = ANY($2)`,
      [YEAR, [EHPAD_45, IME_45]],
    );
    await t.dataSource.query(
      `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind,
                                 target_code, value, message, status)
       VALUES ($1, $2, 'T1', 'Test', 'bounds', 'high', 'item', 'x', 1, 'Valeur atypique', 'OPEN'),
              ($1, $2, 'T2', 'Test', 'bounds', 'high', 'item', 'y', 1, 'Valeur atypique', 'JUSTIFIED'),
              ($1, $3, 'T1', 'Test', 'bounds', 'high', 'item', 'x', 1, 'Valeur atypique', 'TO_CORRECT')`,
      [YEAR, EHPAD_45, IME_75],
    );

    const ars = await steps(arsController);
    expect(ars.phase).toBe('FIABILISATION');
    expect(step(ars, 'authority.decide')?.progress).toBe('2 saisies validées attendent votre décision.');
    expect(step(ars, 'authority.open-flags')).toMatchObject({
      state: 'TODO',
      progress: '1 atypie ouverte.',
      link: { page: 'atypia', query: { status: 'OPEN', vue: 'toutes' } },
    });
    expect(step(ars, 'authority.justified-flags')?.progress).toBe('1 atypie justifiée à trancher.');
    expect(step(ars, 'authority.mark-consulted')).toBeUndefined();
    // Each step's link lists what the step counts: the list's « à traiter » filter, same condition.
    const listed = async (auth: string, query: Record<string, string> | undefined) =>
      (
        await api()
          .get(`/api/campaigns/${YEAR}/submissions`)
          .query(query ?? {})
          .set('Authorization', auth)
          .expect(200)
      ).body.items
        .map((i: { finess: string }) => i.finess)
        .sort();
    expect(step(ars, 'authority.decide')?.link?.query).toEqual({ work: 'DECIDE' });
    expect(await listed(arsController, step(ars, 'authority.decide')?.link?.query)).toEqual(
      [EHPAD_45, IME_45].sort(),
    );

    // The Département confirms none of these (shared, ARS only): it marks the EHPAD consulted.
    const cd = await steps(cdController);
    expect(step(cd, 'authority.decide')?.progress).toBe(
      'Aucune saisie validée en attente de votre décision.',
    );
    expect(step(cd, 'authority.mark-consulted')).toMatchObject({
      state: 'TODO',
      progress: '1 saisie de compétence partagée à consulter.',
    });
    expect(await listed(cdController, step(cd, 'authority.decide')?.link?.query)).toEqual([]);
    expect(await listed(cdController, step(cd, 'authority.mark-consulted')?.link?.query)).toEqual([EHPAD_45]);
    // Without the filter the Département lists its whole scope, shared structures included.
    expect(await listed(cdController, undefined)).toEqual(expect.arrayContaining([EHPAD_45]));
    await api()
      .get(`/api/campaigns/${YEAR}/submissions?work=ALL`)
      .set('Authorization', cdController)
      .expect(400)
      .expect((r) => expect(JSON.stringify(r.body)).toContain('DECIDE ou CONSULT'));
    const detail = await api()
      .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}`)
      .set('Authorization', cdController)
      .expect(200);
    await api()
      .post(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/transitions`)
      .set('Authorization', cdController)
      .send({ action: 'MARK_CONSULTED', version: detail.body.version })
      .expect(201);
    expect(step(await steps(cdController), 'authority.mark-consulted')?.state).toBe('DONE');
    expect(await listed(cdController, { work: 'CONSULT' })).toEqual([]);

    // A structure answers the flags that are its own: open or to correct.
    expect(step(await steps(ime75Ape), 'structure.answer-flags')?.progress).toBe(
      '1 atypie à justifier ou corriger.',
    );
    expect(step(await steps(ehpadApe), 'structure.answer-flags')?.progress).toBe(
      '1 atypie à justifier ou corriger.',
    );

    // A person with two profiles reads each block in that profile's scope: as APE of the Paris IME
    // its one flag, not the region's (the ARS block counts the region's open flag).
    const both = await loginAs(
      t.http,
      (
        await persistAccount(t.dataSource, [
          { organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' },
          { organisation: { kind: 'ESMS', code: IME_75 }, role: 'APE' },
        ])
      ).email,
    );
    const twoBlocks = await steps(both);
    expect(twoBlocks.blocks.map((b) => b.role)).toEqual(expect.arrayContaining(['CONTROLLER', 'APE']));
    const apeBlock = twoBlocks.blocks.find((b) => b.role === 'APE');
    expect(apeBlock?.steps.find((s) => s.id === 'structure.answer-flags')?.progress).toBe(
      '1 atypie à justifier ou corriger.',
    );
    const controllerBlock = twoBlocks.blocks.find((b) => b.role === 'CONTROLLER');
    expect(controllerBlock?.steps.find((s) => s.id === 'authority.open-flags')?.progress).toBe(
      '1 atypie ouverte.',
    );
  });

  it('answers 404 for a year without campaign and 401 without a session', async () => {
    await api().get(`/api/campaigns/2031/my-steps`).set('Authorization', national).expect(404);
    await api().get(`/api/campaigns/${YEAR}/my-steps`).expect(401);
  });
});
