import request from 'supertest';
import { startTestApp, type TestApp } from '../setup/test-app';
import { NATIONAL, loginAs, persistAccount } from '../factories/accounts';
import {
  buildEjLine,
  buildEtLine,
  buildGeoLine,
  finessNumber,
  headerLine,
  writeExtract,
} from '../factories/finess-extract';

const OG_BIG = finessNumber('75000002');
const OG_SMALL = finessNumber('2A000003');
const EHPAD_PARIS = finessNumber('75000001');
const SAVS_PARIS = finessNumber('75000011');
const IME_AJACCIO = finessNumber('2A000021');
const FAM_LEGACY = finessNumber('69000031');
const HOSPITAL = finessNumber('75000041');

function sampleExtract(overrides: { ehpadName?: string; date?: string } = {}): string[] {
  return [
    headerLine(overrides.date),
    buildEtLine({
      finess: EHPAD_PARIS,
      ogFiness: OG_BIG,
      longName: overrides.ehpadName ?? 'EHPAD RÉSIDENCE LES CHÊNES',
    }),
    buildEtLine({
      finess: SAVS_PARIS,
      ogFiness: OG_BIG,
      name: 'SAVS ÉLAN',
      longName: 'SAVS ÉLAN PARIS',
      categetab: '446',
    }),
    buildEtLine({
      finess: IME_AJACCIO,
      ogFiness: OG_SMALL,
      name: 'IME U LICETU',
      longName: 'IME U LICETU',
      categetab: '183',
      departement: '2A',
      libdepartement: 'CORSE DU SUD',
      commune: '004',
      ligneacheminement: '20000 AJACCIO',
    }),
    buildEtLine({
      finess: FAM_LEGACY,
      ogFiness: OG_BIG,
      name: 'FAM LA SOIE',
      longName: 'FOYER ACCUEIL MÉDICALISÉ LA SOIE',
      categetab: '437',
      departement: '69',
      libdepartement: 'RHONE',
      commune: '123',
      ligneacheminement: '69003 LYON',
    }),
    buildEtLine({
      finess: HOSPITAL,
      ogFiness: OG_BIG,
      name: 'CH SAINTE-ANNE',
      longName: 'CENTRE HOSPITALIER SAINTE-ANNE',
      categetab: '355',
    }),
    buildGeoLine(EHPAD_PARIS),
    buildEjLine({ finess: OG_BIG, name: 'ASSOCIATION DES CHÊNES' }),
    buildEjLine({ finess: OG_SMALL, name: 'ASSOCIATION CORSE HANDICAP', departement: '2A' }),
  ];
}

describe('structures registry (HTTP, real database)', () => {
  let t: TestApp;

  let auth: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await persistAccount(t.dataSource, [NATIONAL]);
    auth = await loginAs(t.http, admin.email);
  });

  afterAll(async () => {
    await t?.close();
  });

  const upload = (lines: string[], query = '', encoding: 'latin1' | 'utf8' = 'latin1') =>
    request(t.http)
      .post(`/api/imports/finess${query}`)
      .set('Authorization', auth)
      .attach('file', writeExtract(lines, encoding), 'finess.csv');

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('reports a healthy database', async () => {
    const res = await request(t.http).get('/api/health').set('Authorization', auth).expect(200);
    expect(res.body.database).toMatchObject({ status: 'up', kind: t.database.kind });
    // Security headers on every answer.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('rejects a file whose line 17 has a wrong FINESS key, names the line and writes nothing', async () => {
    const lines = [headerLine()];
    for (let i = 0; i < 20; i++) {
      lines.push(
        buildEtLine({ finess: finessNumber(`750010${String(i).padStart(2, '0')}`), ogFiness: OG_BIG }),
      );
    }
    const good = lines[16]!.split(';');
    const badKey = ((Number(good[1]!.slice(-1)) + 1) % 10).toString();
    good[1] = good[1]!.slice(0, 8) + badKey;
    lines[16] = good.join(';'); // line 17 of the file
    const res = await upload(lines).expect(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.message).toMatch(/rien n’a été importé/);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].line).toBe(17);
    expect(res.body.errors[0].message).toMatch(/clé/i);
    expect(await count('structures')).toBe(0);
    expect(await count('managing_organisations')).toBe(0);
    expect(await count('finess_imports')).toBe(0);
  });

  it('keeps the good lines with ?partial=true and reports the bad ones', async () => {
    const lines = [
      headerLine(),
      buildEtLine({ finess: finessNumber('75009001'), ogFiness: OG_BIG }),
      'structureet;trop;court',
    ];
    const res = await upload(lines, '?partial=true').expect(200);
    expect(res.body).toMatchObject({ applied: true, partial: true, created: 1 });
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 3 })]);
    await t.dataSource.query(
      `DELETE FROM structure_history; DELETE FROM structures; DELETE FROM managing_organisations; DELETE FROM finess_imports`,
    );
  });

  it('imports the TDB categories of an extract and skips the others', async () => {
    const res = await upload(sampleExtract()).expect(200);
    expect(res.body).toMatchObject({
      applied: true,
      fileDate: '2026-01-15',
      linesRead: 9,
      keptStructures: 4,
      skippedOutOfScope: 1,
      created: 4,
      updated: 0,
      unchanged: 0,
      organisationsCreated: 2,
      errors: [],
    });
    expect(await count('structures')).toBe(4);
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const res = await upload(sampleExtract()).expect(200);
    expect(res.body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
      organisationsCreated: 0,
      organisationsUpdated: 0,
    });
  });

  it('reads a UTF-8 file like an ISO-8859-1 one', async () => {
    const res = await upload(sampleExtract(), '', 'utf8').expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('a newer file updates what changed and records it in the history', async () => {
    const res = await upload(
      sampleExtract({ ehpadName: 'EHPAD RÉSIDENCE LES GRANDS CHÊNES', date: '2026-02-15' }),
    ).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const detail = await request(t.http)
      .get(`/api/structures/${EHPAD_PARIS}`)
      .set('Authorization', auth)
      .expect(200);
    expect(detail.body).toMatchObject({
      name: 'EHPAD RÉSIDENCE LES GRANDS CHÊNES',
      shortName: 'EHPAD LES CHÊNES',
    });
    expect(detail.body.history[0]).toMatchObject({
      kind: 'IMPORT_UPDATED',
      changes: { name: { from: 'EHPAD RÉSIDENCE LES CHÊNES', to: 'EHPAD RÉSIDENCE LES GRANDS CHÊNES' } },
    });
  });

  it('stores category, department, region, competence, OG, address and geolocation', async () => {
    const res = await request(t.http)
      .get(`/api/structures/${EHPAD_PARIS}`)
      .set('Authorization', auth)
      .expect(200);
    expect(res.body).toMatchObject({
      finess: EHPAD_PARIS,
      categoryCode: 'EHPAD',
      finessCategoryCode: '500',
      departmentCode: '75',
      regionCode: '11',
      competence: 'SHARED',
      ogFiness: OG_BIG,
      ogName: 'ASSOCIATION DES CHÊNES',
      address: { postalCode: '75013', city: 'PARIS', communeCode: '75113' },
      og: { finess: OG_BIG, name: 'ASSOCIATION DES CHÊNES', structureCount: 3 },
    });
    expect(res.body.location.latitude).toBeCloseTo(48.85, 1);
    expect(res.body.location.longitude).toBeCloseTo(2.35, 1);
    const corsica = await request(t.http)
      .get(`/api/structures/${IME_AJACCIO}`)
      .set('Authorization', auth)
      .expect(200);
    expect(corsica.body).toMatchObject({ departmentCode: '2A', regionCode: '94', competence: 'ARS' });
    const legacy = await request(t.http)
      .get(`/api/structures/${FAM_LEGACY}`)
      .set('Authorization', auth)
      .expect(200);
    expect(legacy.body).toMatchObject({ categoryCode: 'EAM', finessCategoryCode: '437' });
  });

  it('finds structures by name without accents nor case', async () => {
    const res = await request(t.http)
      .get('/api/structures')
      .set('Authorization', auth)
      .query({ q: 'grands chenes' })
      .expect(200);
    expect(res.body.items.map((s: { finess: string }) => s.finess)).toEqual([EHPAD_PARIS]);
    const elan = await request(t.http)
      .get('/api/structures')
      .set('Authorization', auth)
      .query({ q: 'ELAN' })
      .expect(200);
    expect(elan.body.items.map((s: { finess: string }) => s.finess)).toEqual([SAVS_PARIS]);
  });

  it('finds a structure by its FINESS number, and the structures of an OG by its FINESS juridique', async () => {
    const byFiness = await request(t.http)
      .get('/api/structures')
      .set('Authorization', auth)
      .query({ q: IME_AJACCIO })
      .expect(200);
    expect(byFiness.body.total).toBe(1);
    const byOg = await request(t.http)
      .get('/api/structures')
      .set('Authorization', auth)
      .query({ og: OG_BIG })
      .expect(200);
    expect(byOg.body.total).toBe(3);
  });

  it('filters by category, department, region and competence, paginates and sorts', async () => {
    const get = (query: Record<string, string | number>) =>
      request(t.http).get('/api/structures').set('Authorization', auth).query(query).expect(200);
    expect((await get({ category: 'EHPAD,IME' })).body.total).toBe(2);
    expect((await get({ department: '2A' })).body.items[0].finess).toBe(IME_AJACCIO);
    expect((await get({ region: '84' })).body.items[0].finess).toBe(FAM_LEGACY);
    expect((await get({ competence: 'CD' })).body.items.map((s: { finess: string }) => s.finess)).toEqual([
      SAVS_PARIS,
    ]);
    const page2 = await get({ pageSize: 2, page: 2, sort: 'name' });
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    // The same paging as headers, for integrators: the total and the links to walk the pages.
    expect(page2.headers['x-total-count']).toBe('4');
    expect(page2.headers['link']).toBe(
      [
        '</api/structures?pageSize=2&page=1&sort=name>; rel="first"',
        '</api/structures?pageSize=2&page=1&sort=name>; rel="prev"',
        '</api/structures?pageSize=2&page=2&sort=name>; rel="last"',
      ].join(', '),
    );
    expect(page2.body.items.map((s: { name: string }) => s.name)).toEqual([
      'IME U LICETU',
      'SAVS ÉLAN PARIS',
    ]);
    const desc = await get({ sort: '-finess', pageSize: 1 });
    expect(desc.body.items[0].finess).toBe(
      [EHPAD_PARIS, SAVS_PARIS, IME_AJACCIO, FAM_LEGACY].sort().reverse()[0],
    );
  });

  it('refuses bad search parameters with a French 400', async () => {
    const res = await request(t.http)
      .get('/api/structures')
      .set('Authorization', auth)
      .query({ category: 'HOPITAL', pageSize: 1000 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([
        'Catégorie inconnue : HOPITAL.',
        'La taille de page ne peut pas dépasser 200.',
      ]),
    );
  });

  it('shows an OG with its ESMS, and answers 404 in French for unknown numbers', async () => {
    const og = await request(t.http)
      .get(`/api/organisations/${OG_BIG}`)
      .set('Authorization', auth)
      .expect(200);
    expect(og.body).toMatchObject({
      finess: OG_BIG,
      structureCount: 3,
      legalStatus: expect.stringContaining('Association'),
    });
    expect(og.body.structures).toHaveLength(3);
    const missing = await request(t.http)
      .get(`/api/structures/${finessNumber('75999999')}`)
      .set('Authorization', auth)
      .expect(404);
    expect(missing.body).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Aucune structure'),
    });
    const bad = await request(t.http).get('/api/structures/abc').set('Authorization', auth).expect(400);
    expect(bad.body.message).toMatch(/n’est pas un numéro FINESS/);
  });

  it('corrects a category with a reason, keeps it in the history, and refuses a stale version', async () => {
    const before = await request(t.http)
      .get(`/api/structures/${SAVS_PARIS}`)
      .set('Authorization', auth)
      .expect(200);
    const corrected = await request(t.http)
      .patch(`/api/structures/${SAVS_PARIS}/category`)
      .set('Authorization', auth)
      .send({
        categoryCode: 'SSIAD',
        reason: 'Service de soins infirmiers enregistré à tort en SAVS',
        version: before.body.version,
      })
      .expect(200);
    expect(corrected.body).toMatchObject({
      categoryCode: 'SSIAD',
      competence: 'ARS',
      categoryCorrected: true,
      version: before.body.version + 1,
    });
    expect(corrected.body.history[0]).toMatchObject({
      kind: 'CATEGORY_CORRECTED',
      reason: 'Service de soins infirmiers enregistré à tort en SAVS',
      changes: { categoryCode: { from: 'SAVS', to: 'SSIAD' }, competence: { from: 'CD', to: 'ARS' } },
    });
    const stale = await request(t.http)
      .patch(`/api/structures/${SAVS_PARIS}/category`)
      .set('Authorization', auth)
      .send({
        categoryCode: 'SAMSAH',
        reason: 'Deuxième correction concurrente',
        version: before.body.version,
      })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', current: { categoryCode: 'SSIAD' } });
    const noReason = await request(t.http)
      .patch(`/api/structures/${SAVS_PARIS}/category`)
      .set('Authorization', auth)
      .send({ categoryCode: 'SAMSAH', version: corrected.body.version })
      .expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const after = await request(t.http)
      .get(`/api/structures/${SAVS_PARIS}`)
      .set('Authorization', auth)
      .expect(200);
    expect(after.body.categoryCode).toBe('SSIAD');
  });

  it('keeps a hand-corrected category when the next import still says SAVS', async () => {
    await upload(
      sampleExtract({ ehpadName: 'EHPAD RÉSIDENCE LES GRANDS CHÊNES', date: '2026-03-15' }),
    ).expect(200);
    const after = await request(t.http)
      .get(`/api/structures/${SAVS_PARIS}`)
      .set('Authorization', auth)
      .expect(200);
    expect(after.body).toMatchObject({
      categoryCode: 'SSIAD',
      finessCategoryCode: '446',
      categoryCorrected: true,
    });
  });

  it('answers malformed JSON and missing files with a 4xx, never a 500', async () => {
    const sendRaw = (body: string) =>
      request(t.http)
        .patch(`/api/structures/${SAVS_PARIS}/category`)
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send(body);
    const res = await sendRaw('{"categoryCode": ').expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/n’est pas un JSON valide/),
    });
    // A JSON value that is not an object or an array (the parser's strict mode) is said the same.
    const bare = await sendRaw('null').expect(400);
    expect(bare.body.message).toMatch(/un objet ou un tableau JSON est attendu/);
    const tooLarge = await sendRaw(JSON.stringify({ categoryCode: 'x'.repeat(1_100_000) })).expect(413);
    expect(tooLarge.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/au plus 1 Mo/),
    });
    const noFile = await request(t.http).post('/api/imports/finess').set('Authorization', auth).expect(400);
    expect(noFile.body.message).toMatch(/Joignez le fichier/);
  });

  it('documents every route in the OpenAPI document', async () => {
    const res = await request(t.http).get('/api/docs-json').set('Authorization', auth).expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/reference',
        '/api/structures',
        '/api/structures/{finess}',
        '/api/structures/{finess}/category',
        '/api/organisations/{finess}',
        '/api/imports/finess',
      ]),
    );
  });
});
