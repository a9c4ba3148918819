/**
 * The printed restitutions through HTTP (issue 15 §3): a structure's PDF and a territory's report,
 * made uncompressed here so that their text can be read back through the fonts' ToUnicode maps —
 * statuses in French, the trend since last campaign, and French numbers whose thousands separator
 * the embedded font draws (never its missing-glyph box).
 */
import request from 'supertest';
import { renderPdf } from '../../src/modules/restitution/pdf-renderer';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { storeIndicator } from '../factories/indicators';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import { pdfText } from '../setup/pdf-text';
import type { TestApp } from '../setup/test-app';

const { OG_45, EHPAD_45 } = REGISTRY;
const YEAR = 2026;
/** File active (personnes): the Loiret's EHPAD, 1 050 to 1 600 people; EHPAD_45 1 240 (1 180 in 2025). */
const FILE_ACTIVE: [string, number][] = [
  [EHPAD_45, 1240],
  [finessNumber('45000121'), 1050],
  [finessNumber('45000131'), 1100],
  [finessNumber('45000141'), 1300],
  [finessNumber('45000151'), 1480],
  [finessNumber('45000161'), 1600],
];
/**
 * The qualitative axes' answers of the six (all in the Loiret, region 24): waste policy yes for 4
 * of 6 → 66,7 %; accounting on software for 3 of 6 (EHPAD_45 a spreadsheet) → 50 %; HR SI from one
 * module for 4 of the 5 that gave a number → 80 %.
 */
const PRACTICES: Record<string, unknown>[] = [
  { dd_politique_dechets: true, si_outil_comptabilite: 'tableur', si_rh_modules: 5 },
  { dd_politique_dechets: true, si_outil_comptabilite: 'logiciel_dedie', si_rh_modules: 0 },
  { dd_politique_dechets: false, si_outil_comptabilite: 'module_progiciel', si_rh_modules: 2 },
  { dd_politique_dechets: true, si_outil_comptabilite: 'logiciel_dedie', si_rh_modules: 3 },
  { dd_politique_dechets: false, si_outil_comptabilite: 'aucun', si_rh_modules: 1 },
  { dd_politique_dechets: true, si_outil_comptabilite: 'tableur' },
];
const ENGLISH_STATUS = /CONFIRMED|IN_PROGRESS|INVALIDATED|VALIDATED|NOT_STARTED/;
/** What the practices' section must never print: a type, a level, a raw value, a code (snake_case). */
const ENGLISH_CODES =
  /\b(boolean|choice|integer|NATION|REGION|DEPARTMENT|true|false|null|undefined)\b|\b[a-z]+_[a-z_]+\b/;
/** The missing-glyph box (glyph 0, read as U+0000), the narrow no-break space, the replacement glyph. */
// eslint-disable-next-line no-control-regex -- glyph 0 is read as U+0000: that is what it looks for
const UNPRINTABLE = /[\u0000\u202f\ufffd]/;

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('printed restitutions (HTTP, real database, uncompressed PDF)', () => {
  let t: TestApp;
  let national: string;
  let ape: string;
  let ars: string;

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'RESTITUTION');
    const [{ dictionary_version: version }] = await t.dataSource.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    // Last year's campaign, closed, where EHPAD_45 had 1 180 people.
    await t.dataSource.query(
      `INSERT INTO dictionary_versions (version, campaign_year, content, content_hash)
       SELECT '2025.1', 2025, jsonb_set(jsonb_set(content, '{version}', '"2025.1"'), '{campaignYear}', '2025'), 'test'
         FROM dictionary_versions WHERE version = $1`,
      [version],
    );
    await t.dataSource.query(
      `INSERT INTO campaigns (year, dictionary_version, state, threshold, launch_date, accounts_setup_date, collection_start,
                              collection_end, fiabilisation_start, fiabilisation_end, restitution_start, closed_on)
       VALUES (2025, '2025.1', 'CLOSED', 0.9, '2025-01-15', '2025-03-01', '2025-04-15', '2025-05-31', '2025-06-01',
               '2025-08-31', '2025-09-01', '2025-12-15')`,
    );
    await storeIndicator(t.dataSource, 2025, EHPAD_45, 'P20', { value: 1180 }, '2025.1');
    for (const [k, [finess, value]] of FILE_ACTIVE.entries()) {
      if (finess !== EHPAD_45) {
        await t.dataSource.query(
          `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                                   department_code, region_code, competence)
           VALUES ($1, $2, $3, lower($3), 'EHPAD', '500', '45', '24', 'SHARED')`,
          [finess, OG_45, `EHPAD ${finess}`],
        );
        await t.dataSource.query(`INSERT INTO submissions (campaign_year, finess) VALUES ($1, $2)`, [
          YEAR,
          finess,
        ]);
      }
      await t.dataSource.query(
        `UPDATE submissions SET status = $3, values = $4::jsonb WHERE campaign_year = $1 AND finess = $2`,
        [YEAR, finess, k === 0 ? 'CONFIRMED' : 'VALIDATED', JSON.stringify(PRACTICES[k])],
      );
      await storeIndicator(t.dataSource, YEAR, finess, 'P20', { value }, version);
    }
    await request(t.http)
      .post(`/api/campaigns/${YEAR}/distributions/recompute`)
      .set('Authorization', national)
      .expect(201);
    ape = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' }]))
        .email,
    );
    ars = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'ARS', code: '24' }, role: 'READER' }]))
        .email,
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const download = async (path: string, auth: string): Promise<string> => {
    const res = await request(t.http)
      .get(`/api/campaigns/${YEAR}${path}`)
      .set('Authorization', auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return pdfText(res.body as Buffer);
  };

  it('reads back a missing glyph: the check below can fail', async () => {
    const buffer = await renderPdf({
      definition: { content: ['1\u202f240 personnes'], defaultStyle: { font: 'Roboto' } },
    });
    const text = pdfText(buffer);
    expect(text).toContain('1\u0000240 personnes');
    expect(text).toMatch(UNPRINTABLE);
  });

  it('prints a structure’s status in French, its trend since last campaign, and printable numbers', async () => {
    const text = await download(`/submissions/${EHPAD_45}/restitution.pdf`, ape);
    expect(text).toContain('Statut de la saisie : Confirmé.');
    expect(text).not.toMatch(ENGLISH_STATUS);
    expect(text).not.toMatch(UNPRINTABLE);
    // A narrow column wraps between the number and its unit, never inside the number.
    expect(text).toMatch(/P20 File active[\s\S]*1\u00a0240\s+personnes/);
    expect(text).toContain('Évolution');
    expect(text).toMatch(/2025 : 1\u00a0180\s+personnes\s+en hausse/);
    // The national median of the six: (1 240 + 1 300) / 2.
    expect(text).toContain('1\u00a0270 (n = 6)');
  });

  it('prints the qualitative axes’ practices in French, the structure’s answer beside its peers’ shares', async () => {
    const text = await download(`/submissions/${EHPAD_45}/restitution.pdf`, ape);
    // The section as one line: cells wrap anywhere in narrow columns (only the no-break spaces kept).
    const section = text
      .slice(text.indexOf('Pratiques en place\u00a0: système d’information'))
      .replace(/[ \n]+/g, ' ');
    expect(section.length).toBeGreaterThan(0);
    expect(text.indexOf('Pratiques en place')).toBeGreaterThan(text.indexOf('P20 File active'));
    for (const axis of [
      'O04 – Couverture fonctionnelle et maturité du système d’information',
      'O05 – Développement durable',
      'O06 – Orientations stratégiques, qualité, sécurité et réglementation',
    ]) {
      expect(section).toContain(axis);
    }
    expect(section).toContain('Pratique La structure France Région (24) Département (45)');
    // A yes/no practice, a tool (its choice's label, and whether it counts), the HR SI's modules.
    expect(section).toContain('Politique de gestion des déchets Oui 66,7\u00a0% (sur\u00a06)');
    expect(section).toContain(
      'Comptabilité couverte par un logiciel (dédié ou module de progiciel) Tableur / bureautique (pas en place) 50\u00a0% (sur\u00a06)',
    );
    expect(section).toContain(
      'SI RH couvrant au moins un module 5 modules sur 9 (en place) 80\u00a0% (sur\u00a05)',
    );
    // Nobody's answer: too few to show, in words.
    expect(section).toContain(
      'Facturation couverte par un logiciel (dédié ou module de progiciel) Non renseigné moins de 5 structures',
    );
    // The SI budget amounts are not compared, and the meaning says why.
    expect(section).toMatch(
      /budget du système d’information \(exploitation, investissement\)[^.]* ne sont pas comparés/,
    );
    expect(section).not.toMatch(ENGLISH_CODES);
    expect(section).not.toMatch(UNPRINTABLE);
  });

  it('prints a territory’s report with printable numbers and no English code', async () => {
    const text = await download('/restitution/territory-report.pdf?kind=ARS&code=24', ars);
    expect(text).toContain('Rapport territorial');
    expect(text).not.toMatch(ENGLISH_STATUS);
    expect(text).not.toMatch(UNPRINTABLE);
    expect(text).toMatch(/File active[\s\S]*6 1\u00a0270 personnes/);
  });
});
