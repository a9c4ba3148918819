/**
 * The qualitative axes of a structure's restitution (O04–O06, issue 15 §3) through HTTP on a real
 * database: each practice with the structure's answer (Oui, Non, date) and the share of its
 * category's peers (VALIDATED or CONFIRMED, in scope) having it in its département, region and
 * nation, hand-counted; OG-level practices read from the OG's entry; no figure under 5 peers; no
 * peer at all for the structure before the restitution date (ADR 0013); French 403/404.
 */
import request from 'supertest';
import type { GrantInput, PracticeRow, StructurePractices } from '@tdb/contracts';
import { loginAs, persistAccount } from '../factories/accounts';
import { movePhase, openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, OG_75, EHPAD_45, IME_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;
const OG_B = finessNumber('45000902');
const F = (n: number) => finessNumber(`450009${String(n).padStart(2, '0')}`);
const CHER_A = finessNumber('18000911');
const CHER_B = finessNumber('18000921');

type Row = [finess: string, department: string, status: string, values: Record<string, unknown>, og?: string];

/**
 * EHPAD peers. dd_politique_dechets (yes/no): Loiret answered 5 (EHPAD_45, F1, F2, F3, F5), yes 3
 * → 60 %; region 24 adds the Cher (yes, no) → 4 of 7, 57.1 %; nation adds Paris (yes) → 5 of 8,
 * 62.5 %. projet_etablissement_date (dated, every peer counts): Loiret 3 of 6 → 50 %; region 4 of
 * 8 → 50 %; nation 4 of 9 → 44.4 %. si_dpo (OG level: OG_45 yes, OG_B no, OG_75 not entered; each
 * structure's own false is never read): Loiret 4 of 6 → 66.7 %; region 6 of 8 → 75 %; nation 75 %.
 * si_outil_comptabilite (choice, held for software: logiciel_dedie, module_progiciel): Loiret
 * answered 5 (F5 nothing), software 3 (F1, F2, F4; EHPAD_45 a spreadsheet, F3 none) → 60 %; region
 * adds CHER_A (software), CHER_B's "excel" is no choice of the item → 4 of 6, 66.7 %; nation adds
 * Paris (software) → 5 of 7, 71.4 %. si_rh_modules (integer, held from 1): Loiret 5 numbers (F3's
 * "4" is text), 4 from 1 (EHPAD_45 5, F2 3, F4 9, F5 1; F1 0) → 80 %; region adds CHER_A 0 and
 * CHER_B 2 → 5 of 7, 71.4 %; nation the same (Paris: nothing).
 * Left out: an EHPAD in progress and one out of the campaign's scope (both yes, with a date,
 * software and 7 modules).
 */
const POPULATION: Row[] = [
  [
    EHPAD_45,
    '45',
    'VALIDATED',
    {
      dd_politique_dechets: true,
      projet_etablissement_date: '2024-03-12',
      si_outil_comptabilite: 'tableur',
      si_rh_modules: 5,
    },
  ],
  [
    F(1),
    '45',
    'CONFIRMED',
    {
      dd_politique_dechets: true,
      projet_etablissement_date: '2021-01-01',
      si_outil_comptabilite: 'logiciel_dedie',
      si_rh_modules: 0,
    },
  ],
  [
    F(2),
    '45',
    'VALIDATED',
    { dd_politique_dechets: false, si_outil_comptabilite: 'module_progiciel', si_rh_modules: 3 },
  ],
  [
    F(3),
    '45',
    'CONFIRMED',
    {
      dd_politique_dechets: false,
      projet_etablissement_date: '',
      si_outil_comptabilite: 'aucun',
      si_rh_modules: '4',
    },
    OG_B,
  ],
  [
    F(4),
    '45',
    'VALIDATED',
    { projet_etablissement_date: '2019-06-30', si_outil_comptabilite: 'logiciel_dedie', si_rh_modules: 9 },
    OG_B,
  ],
  [F(5), '45', 'VALIDATED', { dd_politique_dechets: true, si_rh_modules: 1 }],
  [
    F(6),
    '45',
    'IN_PROGRESS',
    {
      dd_politique_dechets: true,
      projet_etablissement_date: '2024-01-01',
      si_outil_comptabilite: 'logiciel_dedie',
      si_rh_modules: 7,
    },
  ],
  [
    F(7),
    '45',
    'VALIDATED',
    {
      dd_politique_dechets: true,
      projet_etablissement_date: '2024-01-01',
      si_outil_comptabilite: 'logiciel_dedie',
      si_rh_modules: 7,
    },
  ],
  [
    CHER_A,
    '18',
    'VALIDATED',
    {
      dd_politique_dechets: true,
      projet_etablissement_date: '2022-05-01',
      si_outil_comptabilite: 'module_progiciel',
      si_rh_modules: 0,
    },
  ],
  [
    CHER_B,
    '18',
    'CONFIRMED',
    { dd_politique_dechets: false, si_outil_comptabilite: 'excel', si_rh_modules: 2 },
  ],
  [
    EHPAD_75,
    '75',
    'CONFIRMED',
    { dd_politique_dechets: true, si_outil_comptabilite: 'logiciel_dedie' },
    OG_75,
  ],
];
const OUT_OF_CAMPAIGN_SCOPE = F(7);

const practice = (body: StructurePractices, axis: string, code: string): PracticeRow => {
  const row = body.axes.find((a) => a.code === axis)?.practices.find((p) => p.code === code);
  if (!row) throw new Error(`${axis} ${code} missing`);
  return row;
};
const shares = (row: PracticeRow) => row.peers?.map((p) => [p.level, p.territoryCode, p.n, p.share]);

describe('qualitative axes of a structure’s restitution (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  const auth: Record<string, string> = {};

  async function login(grant: GrantInput): Promise<string> {
    return loginAs(t.http, (await persistAccount(t.dataSource, [grant])).email);
  }

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'RESTITUTION');
    await t.dataSource.query(
      `INSERT INTO managing_organisations (finess, name, legal_status_label, department_code)
       VALUES ($1, 'FONDATION B', 'Fondation', '45')`,
      [OG_B],
    );
    for (const [finess, department, status, values, og] of [
      ...POPULATION,
      [IME_45, '45', 'VALIDATED', { dd_politique_dechets: true }] as Row,
    ]) {
      const registered = await t.dataSource.query(`SELECT 1 FROM structures WHERE finess = $1`, [finess]);
      if (registered.length === 0) {
        await t.dataSource.query(
          `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                                   department_code, region_code, competence)
           VALUES ($1, $2, $3, lower($3), 'EHPAD', '500', $4, '24', 'SHARED')`,
          [finess, og ?? OG_45, `EHPAD ${finess}`, department],
        );
        await t.dataSource.query(`INSERT INTO submissions (campaign_year, finess) VALUES ($1, $2)`, [
          YEAR,
          finess,
        ]);
      }
      await t.dataSource.query(
        `UPDATE submissions SET status = $3, values = $4::jsonb, in_scope = $5
          WHERE campaign_year = $1 AND finess = $2`,
        [
          YEAR,
          finess,
          status,
          JSON.stringify({ ...values, si_dpo: false }),
          finess !== OUT_OF_CAMPAIGN_SCOPE,
        ],
      );
    }
    for (const [og, dpo] of [
      [OG_45, true],
      [OG_B, false],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO og_submissions (campaign_year, og_finess, values) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (campaign_year, og_finess) DO UPDATE SET values = EXCLUDED.values`,
        [YEAR, og, JSON.stringify({ si_dpo: dpo })],
      );
    }
    auth['esms'] = await login({ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' });
    auth['ars'] = await login({ organisation: { kind: 'ARS', code: '24' }, role: 'READER' });
    auth['national'] = national;
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (who: string, finess: string) =>
    request(t.http)
      .get(`/api/campaigns/${YEAR}/submissions/${finess}/restitution/practices`)
      .set('Authorization', auth[who]!);

  it('gives each practice the structure’s answer and its peers’ share, hand-counted', async () => {
    const body = (await get('esms', EHPAD_45).expect(200)).body as StructurePractices;
    expect(body).toMatchObject({ campaignYear: YEAR, finess: EHPAD_45, categoryCode: 'EHPAD' });
    expect(body.stage.peers.available).toBe(true);
    expect(body.axes.map((a) => a.code)).toEqual(['O04', 'O05', 'O06']);
    expect(practice(body, 'O05', 'dd_politique_dechets')).toMatchObject({
      label: 'Politique de gestion des déchets',
      held: true,
      answer: 'Oui',
    });
    expect(shares(practice(body, 'O05', 'dd_politique_dechets'))).toEqual([
      ['NATION', 'FR', 8, 62.5],
      ['REGION', '24', 7, 57.1],
      ['DEPARTMENT', '45', 5, 60],
    ]);
    expect(practice(body, 'O06', 'projet_etablissement_date')).toMatchObject({
      type: 'date',
      held: true,
      date: '2024-03-12',
      answer: '12/03/2024',
    });
    expect(shares(practice(body, 'O06', 'projet_etablissement_date'))).toEqual([
      ['NATION', 'FR', 9, 44.4],
      ['REGION', '24', 8, 50],
      ['DEPARTMENT', '45', 6, 50],
    ]);
    // OG level: the OG's yes, never the structure's own false.
    expect(practice(body, 'O04', 'si_dpo')).toMatchObject({ held: true, answer: 'Oui' });
    expect(shares(practice(body, 'O04', 'si_dpo'))).toEqual([
      ['NATION', 'FR', 8, 75],
      ['REGION', '24', 8, 75],
      ['DEPARTMENT', '45', 6, 66.7],
    ]);
    expect(practice(body, 'O04', 'si_sauvegardes')).toMatchObject({ held: null, answer: 'Non renseigné' });
  });

  it('reads O04’s coverage: the tool chosen and the HR modules, beside the peers’ shares', async () => {
    const body = (await get('esms', EHPAD_45).expect(200)).body as StructurePractices;
    expect(practice(body, 'O04', 'si_outil_comptabilite')).toMatchObject({
      label: 'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
      type: 'choice',
      held: false,
      date: null,
      answer: 'Tableur / bureautique',
    });
    expect(shares(practice(body, 'O04', 'si_outil_comptabilite'))).toEqual([
      ['NATION', 'FR', 7, 71.4],
      ['REGION', '24', 6, 66.7],
      ['DEPARTMENT', '45', 5, 60],
    ]);
    expect(practice(body, 'O04', 'si_rh_modules')).toMatchObject({
      label: 'SI RH couvrant au moins un module',
      type: 'integer',
      held: true,
      answer: '5 modules sur 9',
    });
    expect(shares(practice(body, 'O04', 'si_rh_modules'))).toEqual([
      ['NATION', 'FR', 7, 71.4],
      ['REGION', '24', 7, 71.4],
      ['DEPARTMENT', '45', 5, 80],
    ]);
    // Nobody entered the invoicing tool: every group is too small, not a share of nothing.
    const invoicing = practice(body, 'O04', 'si_outil_facturation');
    expect(invoicing).toMatchObject({ held: null, answer: 'Non renseigné' });
    for (const p of invoicing.peers!) expect(p).toMatchObject({ suppressed: true, share: null });
    // The SI budget amounts are not practices.
    const codes = body.axes.flatMap((a) => a.practices.map((p) => p.code));
    expect(codes).toContain('si_budget_identifie');
    expect(codes).not.toContain('si_budget_exploitation');
  });

  it('shows no figure for a group under 5 peers, not even its size', async () => {
    const body = (await get('national', IME_45).expect(200)).body as StructurePractices;
    // IME_45 is registered as an IME: its one peer (itself) is too few everywhere.
    const row = practice(body, 'O05', 'dd_politique_dechets');
    expect(row.answer).toBe('Oui');
    expect(row.peers).toHaveLength(3);
    for (const p of row.peers!) expect(p).toMatchObject({ suppressed: true, n: null, share: null });
  });

  it('gives the structure no peer before the restitution date, its authority the provisional shares', async () => {
    await movePhase(t, national, YEAR, 'FIABILISATION');
    try {
      const own = (await get('esms', EHPAD_45).expect(200)).body as StructurePractices;
      expect(own.stage.peers.available).toBe(false);
      expect(own.stage.peers.reason).toMatch(/Les comparaisons avec les structures similaires/);
      expect(practice(own, 'O05', 'dd_politique_dechets')).toMatchObject({ answer: 'Oui', peers: null });
      expect(own.axes.every((a) => a.practices.every((p) => p.peers === null))).toBe(true);
      const ars = (await get('ars', EHPAD_45).expect(200)).body as StructurePractices;
      expect(ars.stage.provisional).toBe(true);
      expect(shares(practice(ars, 'O05', 'dd_politique_dechets'))?.[0]).toEqual(['NATION', 'FR', 8, 62.5]);
    } finally {
      await movePhase(t, national, YEAR, 'RESTITUTION');
    }
  });

  it('refuses another structure in French (403) and answers 404 for an unknown one', async () => {
    const refused = await get('esms', F(1)).expect(403);
    expect(refused.body.message).toMatch(/[a-zé]/);
    const missing = await get('national', finessNumber('45099999')).expect(404);
    expect(missing.body.message).toMatch(/Aucune structure/);
  });
});
