/**
 * The benchmark of a data item (issue 14 §5) through HTTP on a real database: per category, the
 * distribution of the values entered by the VALIDATED or CONFIRMED structures of a territory of
 * the caller's scope, checked against hand-computed figures (percentile type 7); groups under 5
 * suppressed; OG-level items read from the OG's entry; non-numeric items, out-of-scope territories
 * and structures' accounts refused in French.
 */
import request from 'supertest';
import type { GrantInput, ItemBenchmark, ItemBenchmarkGroup } from '@tdb/contracts';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45, IME_45, FOYER_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;
const ITEM = 'personnes_accompagnees_31_12';
/** Entered once per organisme gestionnaire (decimal, €). */
const OG_ITEM = 'si_budget_exploitation';
const OG_B = finessNumber('45000902');

type Row = [
  finess: string,
  category: string,
  department: string,
  status: string,
  value: unknown,
  og?: string,
];

const F = (n: number) => finessNumber(`450009${String(n).padStart(2, '0')}`);

/**
 * EHPAD of the Loiret (shared competence), VALIDATED or CONFIRMED: 12 7 30 41 50 100 → sorted
 * 7 12 30 41 50 100, n 6, mean 40; type 7 (h = 5p): D1 9.5, D2 12, D3 21, D4 30, D5 35.5, D6 41,
 * D7 45.5, D8 50, D9 75. With the Cher's EHPAD (20, 60), region 24: 7 12 20 30 41 50 60 100, n 8,
 * mean 40; h = 7p: D1 10.5, D2 15.2, D3 21, D4 28, D5 35.5, D6 42.8, D7 49.1, D8 56, D9 72.
 * IME of the Loiret (ARS only): 3 1 4 1 5 → n 5 (shown), mean 2.8; h = 4p: 1, 1, 1.4, 2.2, 3, 3.4,
 * 3.8, 4.2, 4.6. Foyers de vie (EANM, Département only): 3 values → suppressed.
 * Left out: an EHPAD in progress (1000), one out of the campaign's scope (999), one without value,
 * one whose value is not a number.
 */
const POPULATION: Row[] = [
  [EHPAD_45, 'EHPAD', '45', 'VALIDATED', 12],
  [F(1), 'EHPAD', '45', 'CONFIRMED', 7],
  [F(2), 'EHPAD', '45', 'VALIDATED', 30],
  [F(3), 'EHPAD', '45', 'CONFIRMED', 41, OG_B],
  [F(4), 'EHPAD', '45', 'VALIDATED', 50, OG_B],
  [F(5), 'EHPAD', '45', 'VALIDATED', 100],
  [F(6), 'EHPAD', '45', 'IN_PROGRESS', 1000],
  [F(7), 'EHPAD', '45', 'VALIDATED', 999],
  [F(8), 'EHPAD', '45', 'CONFIRMED', null],
  [F(9), 'EHPAD', '45', 'CONFIRMED', 'beaucoup'],
  [finessNumber('18000911'), 'EHPAD', '18', 'VALIDATED', 20],
  [finessNumber('18000921'), 'EHPAD', '18', 'CONFIRMED', 60],
  [IME_45, 'IME', '45', 'VALIDATED', 3],
  [F(11), 'IME', '45', 'VALIDATED', 1],
  [F(12), 'IME', '45', 'CONFIRMED', 4],
  [F(13), 'IME', '45', 'VALIDATED', 1],
  [F(14), 'IME', '45', 'VALIDATED', 5],
  [FOYER_45, 'EANM', '45', 'VALIDATED', 8],
  [F(21), 'EANM', '45', 'VALIDATED', 9],
  [F(22), 'EANM', '45', 'CONFIRMED', 10],
  [EHPAD_75, 'EHPAD', '75', 'CONFIRMED', 500],
];
const OUT_OF_CAMPAIGN_SCOPE = F(7);

const COMPETENCE: Record<string, string> = { EHPAD: 'SHARED', IME: 'ARS', EANM: 'CD' };
const FINESS_CATEGORY: Record<string, string> = { EHPAD: '500', IME: '183', EANM: '449' };

function expectGroup(
  group: ItemBenchmarkGroup | undefined,
  expected: Omit<ItemBenchmarkGroup, 'categoryLabel'>,
) {
  expect(group).toBeDefined();
  const { deciles, mean, ...rest } = expected;
  expect(group).toMatchObject(rest);
  if (mean === null) expect(group!.mean).toBeNull();
  else expect(group!.mean).toBeCloseTo(mean, 9);
  if (deciles === null) expect(group!.deciles).toBeNull();
  else {
    expect(group!.deciles).toHaveLength(9);
    deciles.forEach((d, i) => expect([i + 1, group!.deciles![i]]).toEqual([i + 1, expect.closeTo(d, 9)]));
  }
}

describe('benchmark of a data item (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  const auth: Record<string, string> = {};

  async function login(grant: GrantInput): Promise<string> {
    return loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
  }

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR);
    await t.dataSource.query(
      `INSERT INTO managing_organisations (finess, name, legal_status_label, department_code)
       VALUES ($1, 'FONDATION B', 'Fondation', '45')`,
      [OG_B],
    );
    for (const [finess, category, department, status, value, og] of POPULATION) {
      const registered = await t.dataSource.query(`SELECT 1 FROM structures WHERE finess = $1`, [finess]);
      if (registered.length === 0) {
        await t.dataSource.query(
          `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                                   department_code, region_code, competence)
           VALUES ($1, $2, $3, lower($3), $4, $5, $6, $7, $8)`,
          [
            finess,
            og ?? OG_45,
            `${category} ${finess}`,
            category,
            FINESS_CATEGORY[category],
            department,
            department === '75' ? '11' : '24',
            COMPETENCE[category],
          ],
        );
        await t.dataSource.query(`INSERT INTO submissions (campaign_year, finess) VALUES ($1, $2)`, [
          YEAR,
          finess,
        ]);
      }
      // Every structure also carries its own value of the OG-level item: never read (the OG's is).
      const values = value === null ? { [OG_ITEM]: 5 } : { [ITEM]: value, [OG_ITEM]: 5 };
      await t.dataSource.query(
        `UPDATE submissions SET status = $3, values = $4::jsonb, in_scope = $5
          WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, finess, status, JSON.stringify(values), finess !== OUT_OF_CAMPAIGN_SCOPE],
      );
    }
    for (const [og, budget] of [
      [OG_45, 1000],
      [OG_B, 2000],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO og_submissions (campaign_year, og_finess, values) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (campaign_year, og_finess) DO UPDATE SET values = EXCLUDED.values`,
        [YEAR, og, JSON.stringify({ [OG_ITEM]: budget })],
      );
    }
    auth['ars'] = await login({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' });
    auth['cd45'] = await login({ organisation: { kind: 'CD', code: '45' }, role: 'CONTROLLER' });
    auth['esms'] = await login({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    auth['og'] = await login({ organisation: { kind: 'OG', code: OG_45 }, role: 'APE' });
    const cdApr = await login({ organisation: { kind: 'CD', code: '45' }, role: 'APR' });
    const token = await request(t.http)
      .post('/api/api-tokens')
      .set('Authorization', cdApr)
      .send({ name: 'Entrepôt du Département' })
      .expect(201);
    auth['cdToken'] = `Bearer ${token.body.token}`;
    auth['national'] = national;
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (who: string, query: Record<string, string>) =>
    request(t.http)
      .get(`/api/campaigns/${YEAR}/restitution/item-benchmark`)
      .query(query)
      .set('Authorization', auth[who]!);

  it('gives a Département its département’s distribution per category, hand-computed', async () => {
    const res = await get('cd45', { item: ITEM, department: '45' }).expect(200);
    const body = res.body as ItemBenchmark;
    expect(body.item).toEqual({
      code: ITEM,
      label: "Nombre de personnes accompagnées dans l'effectif au 31.12",
      unit: 'personnes',
      type: 'integer',
      domain: "Prestations de soins et d'accompagnement",
      ogLevel: false,
    });
    expect(body.territory).toEqual({ level: 'DEPARTMENT', code: '45', name: 'Loiret' });
    expect(body.minimumGroupSize).toBe(5);
    // Its scope: shared (EHPAD) and Département-only (EANM) ESMS; never the ARS-only IME.
    expect(body.groups.map((g) => g.categoryCode)).toEqual(['EHPAD', 'EANM']);
    expectGroup(
      body.groups.find((g) => g.categoryCode === 'EHPAD'),
      {
        categoryCode: 'EHPAD',
        suppressed: false,
        n: 6,
        mean: 40,
        min: 7,
        max: 100,
        deciles: [9.5, 12, 21, 30, 35.5, 41, 45.5, 50, 75],
      },
    );
    // Three foyers de vie: statistical secrecy, not even the count.
    expect(body.groups.find((g) => g.categoryCode === 'EANM')).toEqual({
      categoryCode: 'EANM',
      categoryLabel: expect.any(String),
      suppressed: true,
      n: null,
      mean: null,
      min: null,
      deciles: null,
      max: null,
    });
    expect(body.structures).toBeNull();
    expect(body.structuresTotal).toBe(9);
  });

  it('gives an ARS its region and its départements, a group of exactly 5 shown', async () => {
    const region = (await get('ars', { item: ITEM, region: '24' }).expect(200)).body as ItemBenchmark;
    expect(region.territory).toEqual({ level: 'REGION', code: '24', name: 'Centre-Val de Loire' });
    // Its scope: ARS-only and shared ESMS; never the Département-only foyers.
    expect(region.groups.map((g) => g.categoryCode)).toEqual(['EHPAD', 'IME']);
    expectGroup(
      region.groups.find((g) => g.categoryCode === 'EHPAD'),
      {
        categoryCode: 'EHPAD',
        suppressed: false,
        n: 8,
        mean: 40,
        min: 7,
        max: 100,
        deciles: [10.5, 15.2, 21, 28, 35.5, 42.8, 49.1, 56, 72],
      },
    );
    expectGroup(
      region.groups.find((g) => g.categoryCode === 'IME'),
      {
        categoryCode: 'IME',
        suppressed: false,
        n: 5,
        mean: 2.8,
        min: 1,
        max: 5,
        deciles: [1, 1, 1.4, 2.2, 3, 3.4, 3.8, 4.2, 4.6],
      },
    );
    const loiret = (await get('ars', { item: ITEM, department: '45' }).expect(200)).body as ItemBenchmark;
    expect(loiret.groups.find((g) => g.categoryCode === 'EHPAD')?.n).toBe(6);
    const cher = (await get('ars', { item: ITEM, department: '18' }).expect(200)).body as ItemBenchmark;
    // Two EHPAD in the Cher: suppressed.
    expect(cher.groups).toEqual([
      expect.objectContaining({ categoryCode: 'EHPAD', suppressed: true, n: null }),
    ]);
  });

  it('lists the structures counted, within the scope, with their decile', async () => {
    const body = (await get('cd45', { item: ITEM, department: '45', structures: 'true' }).expect(200))
      .body as ItemBenchmark;
    expect(body.structuresTotal).toBe(9);
    const listed = body.structures!;
    expect(listed.map((s) => [s.categoryCode, s.value])).toEqual([
      ['EANM', 8],
      ['EANM', 9],
      ['EANM', 10],
      ['EHPAD', 7],
      ['EHPAD', 12],
      ['EHPAD', 30],
      ['EHPAD', 41],
      ['EHPAD', 50],
      ['EHPAD', 100],
    ]);
    const of = (finess: string) => listed.find((s) => s.finess === finess);
    expect(of(F(1))).toMatchObject({ value: 7, decile: 1, departmentCode: '45' });
    expect(of(EHPAD_45)).toMatchObject({ value: 12, decile: 2 });
    expect(of(F(5))).toMatchObject({ value: 100, decile: 10 });
    // A suppressed group: values of the caller's own scope, no decile.
    expect(of(FOYER_45)).toMatchObject({ value: 8, decile: null });
    for (const hidden of [IME_45, F(6), F(7), F(8), F(9)]) expect(of(hidden)).toBeUndefined();
  });

  it('reads an OG-level item from the organisme gestionnaire’s entry', async () => {
    const body = (await get('cd45', { item: OG_ITEM, department: '45' }).expect(200)).body as ItemBenchmark;
    expect(body.item).toMatchObject({ code: OG_ITEM, unit: '€', type: 'decimal', ogLevel: true });
    // The EHPAD peers hold the budget of their OG, their own "5" never read: six of OG_45 (1000),
    // the two without a number of persons included, two of OG_B (2000). n 8, h = 7p.
    expectGroup(
      body.groups.find((g) => g.categoryCode === 'EHPAD'),
      {
        categoryCode: 'EHPAD',
        suppressed: false,
        n: 8,
        mean: 1250,
        min: 1000,
        max: 2000,
        // D1…D7 within the 1000s (h ≤ 4.9), D8 h 5.6 → 1600, D9 h 6.3 → 2000.
        deciles: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1600, 2000],
      },
    );
  });

  it('defaults to the caller’s own territory: a Département’s API token, the nation for national', async () => {
    const viaToken = (await get('cdToken', { item: ITEM }).expect(200)).body as ItemBenchmark;
    expect(viaToken.territory).toMatchObject({ level: 'DEPARTMENT', code: '45' });
    expect(viaToken.groups.find((g) => g.categoryCode === 'EHPAD')?.n).toBe(6);
    const nation = (await get('national', { item: ITEM }).expect(200)).body as ItemBenchmark;
    expect(nation.territory).toEqual({ level: 'NATION', code: 'FR', name: 'France' });
    // Every EHPAD of the country: Loiret (6), Cher (2), Paris (1).
    expect(nation.groups.find((g) => g.categoryCode === 'EHPAD')).toMatchObject({ n: 9, min: 7, max: 500 });
    expect(nation.groups.find((g) => g.categoryCode === 'EANM')).toMatchObject({ suppressed: true });
  });

  it('refuses a non-numeric or unknown item with a French 400', async () => {
    const choice = await get('cd45', { item: 'sources_financement', department: '45' }).expect(400);
    expect(choice.body.message).toMatch(/n’est pas numérique \(liste de choix\)/);
    const date = await get('cd45', { item: 'date_ouverture', department: '45' }).expect(400);
    expect(date.body.message).toMatch(/n’est pas numérique \(date\)/);
    const unknown = await get('cd45', { item: 'inconnue', department: '45' }).expect(400);
    expect(unknown.body.message).toMatch(/n’est pas une donnée du dictionnaire/);
    const missing = await get('cd45', { department: '45' }).expect(400);
    expect(missing.body.message).toMatch(/Choisissez une donnée/);
    await get('cd45', { item: ITEM, department: '99' }).expect(400);
    await get('cd45', { item: ITEM, department: '45', region: '24' }).expect(400);
    await get('cd45', { item: ITEM, department: '45', structures: 'peut-être' }).expect(400);
    // An empty parameter is a missing one: the ARS's own region.
    const ars = await get('ars', { item: ITEM, department: '' }).expect(200);
    expect((ars.body as ItemBenchmark).territory.level).toBe('REGION');
  });

  it('refuses a territory out of the caller’s scope, and structures’ accounts, in French', async () => {
    const neighbour = await get('cd45', { item: ITEM, department: '18' }).expect(403);
    expect(neighbour.body.message).toBe(
      'Le benchmark des données saisies du département 18 – Cher est réservé à son Département, à l’ARS de sa région et à l’administration nationale.',
    );
    const region = await get('cd45', { item: ITEM, region: '24' }).expect(403);
    expect(region.body.message).toMatch(/réservé à son ARS/);
    await get('ars', { item: ITEM, region: '11' }).expect(403);
    await get('ars', { item: ITEM, department: '75' }).expect(403);
    const esms = await get('esms', { item: ITEM, department: '45' }).expect(403);
    expect(esms.body.message).toMatch(/réservé aux ARS, aux Départements et à l’administration nationale/);
    await get('og', { item: ITEM }).expect(403);
  });
});
