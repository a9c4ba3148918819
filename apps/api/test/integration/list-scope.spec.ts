/**
 * Lists and nested collections never hold a record out of the caller's scope (issue 13 §1): every
 * GET operation of the OpenAPI document is called as each role, on data spanning two regions and
 * an organisme gestionnaire across both, and every FINESS of an ESMS found anywhere in the answer
 * (JSON, CSV, or the cells of an XLSX file) must be one the role may see.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { GrantInput } from '@tdb/contracts';
import { NATIONAL, loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { finessNumber } from '../factories/finess-extract';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { OG_45, OG_75, FOYER_45, EHPAD_45, IME_45, SAVS_18, EHPAD_75, IME_75 } = REGISTRY;
/** An IME of the Loiret's OG in Paris: the OG spans two regions (24 and 11). */
const IME_PARIS_OF_OG45 = finessNumber('75000041');
const YEAR = 2026;
const ALL = [FOYER_45, EHPAD_45, IME_45, SAVS_18, EHPAD_75, IME_75, IME_PARIS_OF_OG45];

/** Each role with the ESMS it may see (written out, not derived from the policy under test). */
const ROLES: Record<string, { grant: GrantInput; sees: string[] }> = {
  NATIONAL: { grant: NATIONAL, sees: ALL },
  ARS_24_APR: { grant: { organisation: { kind: 'ARS', code: '24' }, role: 'APR' }, sees: [EHPAD_45, IME_45] },
  ARS_24_CONTROLLER: {
    grant: { organisation: { kind: 'ARS', code: '24' }, role: 'CONTROLLER' },
    sees: [EHPAD_45, IME_45],
  },
  ARS_11_READER: {
    grant: { organisation: { kind: 'ARS', code: '11' }, role: 'READER' },
    sees: [EHPAD_75, IME_75, IME_PARIS_OF_OG45],
  },
  CD_45_APR: { grant: { organisation: { kind: 'CD', code: '45' }, role: 'APR' }, sees: [FOYER_45, EHPAD_45] },
  CD_18_CONTROLLER: {
    grant: { organisation: { kind: 'CD', code: '18' }, role: 'CONTROLLER' },
    sees: [SAVS_18],
  },
  OG_45_APE: {
    grant: { organisation: { kind: 'OG', code: OG_45 }, role: 'APE' },
    sees: [FOYER_45, EHPAD_45, IME_45, SAVS_18, IME_PARIS_OF_OG45],
  },
  EHPAD_45_APE: { grant: { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'APE' }, sees: [EHPAD_45] },
  EHPAD_45_USER: {
    grant: { organisation: { kind: 'ESMS', code: EHPAD_45 }, role: 'USER', rights: ['ENTRY', 'READ'] },
    sees: [EHPAD_45],
  },
};

/** Required query parameters of some operations, filled so that they answer with data. */
const QUERIES: Record<string, Record<string, string>> = {
  '/api/referents': { kind: 'ARS', code: '24' },
  '/api/campaigns/{year}/restitution/table': { indicators: '' },
  '/api/campaigns/{year}/restitution/table.xlsx': { indicators: '' },
  '/api/campaigns/{year}/restitution/map': { category: 'EHPAD', indicator: '' },
  '/api/campaigns/{year}/restitution/scatter': { category: 'EHPAD', x: '', y: '' },
  '/api/campaigns/{year}/restitution/territory-report.pdf': { kind: 'ARS', code: '24' },
  '/api/campaigns/{year}/exports/regional.xlsx': { region: '24' },
  '/api/campaigns/{year}/exports/department.xlsx': { department: '45' },
  '/api/campaigns/{year}/exports/regional.csv': { region: '24' },
  '/api/campaigns/{year}/exports/department.csv': { department: '45' },
  '/api/campaigns/{year}/exports/regional.jsonl': { region: '24' },
  '/api/campaigns/{year}/exports/department.jsonl': { department: '45' },
  '/api/campaigns/{year}/restitution/item-benchmark': {
    item: 'personnes_accompagnees_31_12',
    department: '45',
    structures: 'true',
  },
  '/api/campaigns/{year}/scope.xlsx': {},
  '/api/accounts/principal': { kind: 'ESMS', code: EHPAD_45 },
};

async function textOf(res: request.Response): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? cell.value)))),
    );
    return cells.join('\n');
  }
  if (type.includes('json')) return JSON.stringify(res.body);
  if (type.includes('text') || type.includes('csv')) return res.text;
  return ''; // PDF: compressed streams, read by the restitution tests
}

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('no record out of scope in any list or nested collection (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    ({ t, national } = await startAppWithRegistry());
    await t.dataSource.query(
      `INSERT INTO structures (finess, og_finess, name, search_text, category_code, finess_category_code,
                               department_code, region_code, competence, city)
       VALUES ($1, $2, 'IME DU LOIRET À PARIS', 'ime du loiret a paris', 'IME', '183', '75', '11', 'ARS', 'PARIS')`,
      [IME_PARIS_OF_OG45, OG_45],
    );
    await openCampaign(t, national, YEAR);
    // Validated values everywhere, so that the benchmark of a data item has peers to leak.
    await t.dataSource.query(
      `UPDATE submissions SET status = 'VALIDATED', values = '{"personnes_accompagnees_31_12": 10}'::jsonb
        WHERE campaign_year = $1`,
      [YEAR],
    );
    // A question of every structure to its referents, so that the support's lists have something to leak.
    for (const finess of ALL)
      await t.dataSource.query(
        `INSERT INTO support_questions (campaign_year, finess, subject, asked_by_name) VALUES ($1, $2, 'Question', 'Test')`,
        [YEAR, finess],
      );
    for (const [name, role] of Object.entries(ROLES))
      tokens.set(name, await loginAs(t.http, (await persistAccount(t.dataSource, [role.grant])).email));
    // Accounts holding grants everywhere, so that account lists have something to leak.
    for (const finess of ALL)
      await persistAccount(t.dataSource, [{ organisation: { kind: 'ESMS', code: finess }, role: 'APE' }]);
    await persistAccount(t.dataSource, [{ organisation: { kind: 'OG', code: OG_75 }, role: 'APE' }]);
    // Indicator codes for the restitution's required parameters.
    const guide = (await request(t.http).get('/api/indicators/guide').expect(200)).body;
    const ehpad = guide.sheets.filter(
      (s: { kind: string; categories: string[] | 'ALL' }) =>
        s.kind !== 'distribution' && (s.categories === 'ALL' || s.categories.includes('EHPAD')),
    );
    const [x, y] = [ehpad[0].code, ehpad[1].code];
    QUERIES['/api/campaigns/{year}/restitution/table']!['indicators'] = `${x},${y}`;
    QUERIES['/api/campaigns/{year}/restitution/table.xlsx']!['indicators'] = `${x},${y}`;
    QUERIES['/api/campaigns/{year}/restitution/map']!['indicator'] = x;
    Object.assign(QUERIES['/api/campaigns/{year}/restitution/scatter']!, { x, y });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds in no answer an ESMS the role may not see', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const paths = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([, methods]) => 'get' in methods)
      .map(([path]) => path)
      // Ids of other records (flags, accounts, tokens, sessions) are the path matrix's business.
      .filter((path) => !/\{(id|flagId|token)\}/.test(path));
    expect(paths.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    let answered = 0;
    for (const [name, role] of Object.entries(ROLES)) {
      const hidden = ALL.filter((f) => !role.sees.includes(f));
      for (const path of paths) {
        // A structure's own routes are asked about a structure the role sees.
        const url = path
          .replace('{year}', String(YEAR))
          .replace('{ogFiness}', OG_45)
          .replace(
            '{finess}',
            path.startsWith('/api/organisations') || path.includes('/organisations/') ? OG_45 : role.sees[0]!,
          );
        const res = await request(t.http)
          .get(url)
          .query(QUERIES[path] ?? {})
          .set('Authorization', tokens.get(name)!)
          .buffer(true)
          .parse(binary);
        expect([url, res.status < 500]).toEqual([url, true]);
        if (res.status >= 300) continue;
        answered++;
        const type = String(res.headers['content-type'] ?? '');
        // JSON lines (exports) are read as text, like CSV: every line is searched.
        if (type.includes('json') && !type.includes('ndjson'))
          res.body = JSON.parse(res.body.toString('utf8'));
        else if (!type.includes('spreadsheetml')) res.text = res.body.toString('utf8');
        const text = await textOf(res);
        for (const finess of hidden) if (text.includes(finess)) leaks.push(`${name} GET ${url}: ${finess}`);
      }
    }
    expect(answered).toBeGreaterThan(150);
    expect(leaks).toEqual([]);
    // Hundreds of requests, files among them: minutes on a busy machine.
  }, 600_000);
});
