/**
 * « Saisir une seule fois » (issue 17 §3) through HTTP on a real database: the FINESS equipment
 * extract imported all-or-nothing and idempotently, submissions prefilled with their capacities
 * (marked with the source and its date), a structure's own value never overwritten and compared
 * with FINESS as a non-blocking coherence warning, and only the national administrator importing.
 */
import request from 'supertest';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { finessNumber, writeExtract } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, IME_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;
const UNKNOWN = finessNumber('33000099');

/** One `equipementsocial` row (28 fields). */
function equipment(
  finess: string,
  de: string,
  ta: string,
  authorised: number | string,
  installed: number | string,
  client = '711',
): string {
  const f = Array<string>(28).fill('');
  f[0] = 'equipementsocial';
  f[1] = finess;
  f[2] = de;
  f[3] = `Discipline ${de}`;
  f[4] = ta;
  f[5] = ta === '21' ? 'Accueil de Jour' : 'Hébergement Complet Internat';
  f[6] = client;
  f[7] = 'P.A. dépendantes';
  f[9] = String(installed);
  f[15] = 'N';
  f[16] = '2005-01-01';
  f[18] = String(authorised);
  f[24] = 'N';
  f[25] = '2017-01-03';
  return f.join(';');
}

const header = (date = '2026-01-15') => `finess;etalab;100;${date}`;

function firstExtract(): string[] {
  return [
    header(),
    equipment(EHPAD_45, '924', '11', 84, 80),
    equipment(EHPAD_45, '657', '11', 6, 6),
    equipment(EHPAD_45, '924', '21', 12, 10),
    `structureet;${EHPAD_45};${REGISTRY.OG_45}`,
    equipment(IME_45, '901', '13', 40, 40, '010'),
    equipment(UNKNOWN, '924', '11', 50, 50), // an establishment TDB does not follow
  ];
}

describe('prefill from the State registers (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let ehpadApe: string;

  const upload = (lines: string[], auth = national) =>
    request(t.http)
      .post('/api/imports/finess-equipements')
      .set('Authorization', auth)
      .attach('file', writeExtract(lines), 'equipements.csv');
  const detail = (finess = EHPAD_45, auth = ehpadApe) =>
    request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${finess}`)
      .set('Authorization', auth)
      .expect(200);
  const registerValue = (body: { registerValues: { itemCode: string }[] }, item: string) =>
    body.registerValues.find((r) => r.itemCode === item);
  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    const ape = await persistAccount(t.dataSource, [
      { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' },
    ]);
    ehpadApe = await loginAs(t.http, ape.email);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('imports the equipment extract: known establishments only, values by the mapping', async () => {
    const res = await upload(firstExtract()).expect(200);
    expect(res.body).toMatchObject({
      source: 'FINESS_EQUIPEMENTS',
      fileDate: '2026-01-15',
      linesRead: 7,
      rows: 4,
      skippedUnknown: 1,
      created: 4,
      updated: 0,
      removed: 0,
      unchanged: 0,
      valuesChanged: 12,
      prefilledItems: 0,
      applied: true,
      errors: [],
    });
    const values = await t.dataSource.query(
      `SELECT item_code, value FROM register_values WHERE finess = $1 ORDER BY item_code`,
      [EHPAD_45],
    );
    expect(
      Object.fromEntries(values.map((v: { item_code: string; value: number }) => [v.item_code, v.value])),
    ).toEqual({
      lits_places_autorises_permanent: 84,
      lits_places_installes_permanent: 80,
      lits_places_autorises_temporaire: 6,
      lits_places_installes_temporaire: 6,
      places_autorisees_accueil_jour: 12,
      places_installees_accueil_jour: 10,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const res = await upload(firstExtract()).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: 4, valuesChanged: 0 });
  });

  it('rejects a file with bad lines, names them in French and writes nothing', async () => {
    const before = await count('register_imports');
    const lines = firstExtract();
    lines[2] = equipment(EHPAD_45, '657', '11', -3, 6); // line 3
    lines.push(equipment(IME_45, '901', '13', 40, 40, '010')); // line 8: the same row twice
    lines.push('equipement;1'); // line 9
    const res = await upload(lines).expect(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.errors).toEqual([
      { line: 3, message: 'capautot : capacité invalide : -3' },
      { line: 8, message: `ligne en double : FINESS ${IME_45}, 901 / 13 / 010 déjà présent dans le fichier` },
      { line: 9, message: 'type de ligne inconnu : « equipement » (equipementsocial attendu)' },
    ]);
    expect(await count('register_imports')).toBe(before);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM register_rows WHERE finess = $1 AND fields->>'capautot' = '6'`,
      [EHPAD_45],
    );
    expect(n).toBe(1);
  });

  it('prefills a new campaign’s capacities, marked with their source and date', async () => {
    await openCampaign(t, national, YEAR);
    const res = await detail();
    expect(res.body.values).toMatchObject({
      lits_places_autorises_permanent: 84,
      lits_places_installes_permanent: 80,
      lits_places_autorises_temporaire: 6,
      places_installees_accueil_jour: 10,
    });
    expect(registerValue(res.body, 'lits_places_installes_permanent')).toEqual({
      itemCode: 'lits_places_installes_permanent',
      source: 'FINESS_EQUIPEMENTS',
      sourceLabel: 'FINESS',
      value: 80,
      sourceDate: '2026-01-15',
      prefilledValue: 80,
      prefilledSourceDate: '2026-01-15',
    });
    expect(res.body.completeness).toBeGreaterThan(0);
    expect(res.body.issues.filter((i: { message: string }) => i.message.includes('FINESS'))).toEqual([]);
    const history = await request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/history?item=lits_places_installes_permanent`)
      .set('Authorization', ehpadApe)
      .expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ source: 'REGISTER', oldValue: null, newValue: 80 }),
    ]);
    // A structure FINESS says nothing about gets nothing.
    const paris = await detail(EHPAD_75, national);
    expect(paris.body.registerValues).toEqual([]);
    expect(paris.body.values.lits_places_installes_permanent).toBeUndefined();
  });

  it('keeps the source for comparison once the structure edits the value, and warns of the gap', async () => {
    const before = await detail();
    await request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/values`)
      .set('Authorization', ehpadApe)
      .send({ version: before.body.version, values: { lits_places_installes_permanent: 82 } })
      .expect(200);
    const res = await detail();
    expect(res.body.values.lits_places_installes_permanent).toBe(82);
    expect(registerValue(res.body, 'lits_places_installes_permanent')).toMatchObject({
      value: 80,
      prefilledValue: 80,
    });
    expect(res.body.issues).toContainEqual(
      expect.objectContaining({
        itemCode: 'lits_places_installes_permanent',
        blocking: false,
        message:
          'Écart avec FINESS au 15/01/2026 (80) : vérifiez la valeur, ou signalez à votre autorité la mise à jour de FINESS.',
      }),
    );
  });

  it('a newer extract refreshes the untouched prefills and never overwrites a typed value', async () => {
    // The structure empties a prefilled value: that is its answer too.
    const before = await detail();
    await request(t.http)
      .put(`/api/campaigns/${YEAR}/submissions/${EHPAD_45}/values`)
      .set('Authorization', ehpadApe)
      .send({ version: before.body.version, values: { places_installees_accueil_jour: null } })
      .expect(200);
    const res = await upload([
      header('2026-03-01'),
      equipment(EHPAD_45, '924', '11', 90, 81),
      equipment(EHPAD_45, '924', '21', 12, 10),
      equipment(IME_45, '901', '13', 40, 40, '010'),
    ]).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1, removed: 1, unchanged: 2 });
    // EHPAD: authorised permanent 84 → 90, both temporaries 6 → 0; the typed installed value stays.
    expect(res.body.prefilledItems).toBe(3);
    const after = await detail();
    expect(after.body.values).toMatchObject({
      lits_places_autorises_permanent: 90,
      lits_places_installes_permanent: 82,
      lits_places_autorises_temporaire: 0,
      lits_places_installes_temporaire: 0,
    });
    expect(registerValue(after.body, 'lits_places_autorises_permanent')).toMatchObject({
      value: 90,
      sourceDate: '2026-03-01',
      prefilledValue: 90,
      prefilledSourceDate: '2026-03-01',
    });
    expect(after.body.values.places_installees_accueil_jour).toBeUndefined();
    expect(registerValue(after.body, 'lits_places_installes_permanent')).toMatchObject({
      value: 81,
      prefilledValue: 80,
    });
    // Prefilling on request finds nothing more to do.
    const again = await request(t.http)
      .post(`/api/campaigns/${YEAR}/register-prefill`)
      .set('Authorization', national)
      .expect(200);
    expect(again.body).toEqual({ campaignYear: YEAR, submissions: 0, items: 0 });
  });

  it('lets only the national administrator import or prefill', async () => {
    const res = await upload(firstExtract(), ehpadApe).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/register-prefill`)
      .set('Authorization', ehpadApe)
      .expect(403);
    await request(t.http).post('/api/imports/finess-equipements').expect(401);
  });
});
