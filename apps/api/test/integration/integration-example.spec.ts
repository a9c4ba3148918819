/**
 * The integration example of docs/integration (issue 16) run against the real API: an ARS's
 * read-only token pulls the indicators of its region page after page through the client generated
 * from the OpenAPI document, following the Link header. Keeps the example true.
 */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
// The example is documentation, outside every project: imported as a file on purpose, to run it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pullIndicators, toCsv } from '../../../../docs/integration/pull-indicators';
import { loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { storeIndicator } from '../factories/indicators';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, IME_45, EHPAD_75 } = REGISTRY;
const YEAR = 2026;

describe('integration example (docs/integration/pull-indicators.ts)', () => {
  let t: TestApp;
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    let national: string;
    ({ t, national } = await startAppWithRegistry());
    await openCampaign(t, national, YEAR, 'RESTITUTION');
    const [{ dictionary_version }] = await t.dataSource.query(
      `SELECT dictionary_version FROM campaigns WHERE year = $1`,
      [YEAR],
    );
    for (const [finess, value] of [
      [EHPAD_45, 87.5],
      [IME_45, 12],
      [EHPAD_75, 99],
    ] as const) {
      await storeIndicator(t.dataSource, YEAR, finess, 'P15', { value }, dictionary_version);
    }
    const apr = await loginAs(
      t.http,
      (await persistAccount(t.dataSource, [{ organisation: { kind: 'ARS', code: '24' }, role: 'APR' }]))
        .email,
    );
    token = (
      await request(t.http)
        .post('/api/api-tokens')
        .set('Authorization', apr)
        .send({ name: 'Entrepôt' })
        .expect(201)
    ).body.token;
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pulls every indicator of the token’s region, across pages, and writes a French CSV', async () => {
    // One structure per page: the example must follow the Link header to the last one.
    const rows = await pullIndicators({ baseUrl, token, year: YEAR, pageSize: 1 });
    const p15 = rows.filter((r) => r.indicatorCode === 'P15');
    // The ARS of Centre-Val de Loire reads its region only (not the Paris EHPAD).
    expect(p15.map((r) => [r.finess, r.value]).sort()).toEqual(
      [
        [EHPAD_45, 87.5],
        [IME_45, 12],
      ].sort(),
    );
    expect(new Set(rows.map((r) => r.finess)).has(EHPAD_75)).toBe(false);
    const csv = toCsv(p15);
    expect(csv.split('\n')[0]).toBe('finess;nom;categorie;departement;indicateur;valeur;decile_national');
    expect(csv).toContain(`${EHPAD_45};`);
  });

  it('says why, in French, when the token is wrong', async () => {
    await expect(pullIndicators({ baseUrl, token: 'tdb_faux', year: YEAR })).rejects.toThrow(
      /Tableau, page 1 : Votre session a expiré/,
    );
  });
});
