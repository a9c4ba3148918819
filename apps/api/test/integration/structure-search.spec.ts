/**
 * One search box, one meaning: the registry and a campaign's submissions find the same structures
 * for the same text — hyphenated and apostrophed names typed as they are written, words in any
 * order, FINESS numbers (issue 15 §2).
 */
import request from 'supertest';
import { NATIONAL, loginAs, persistAccount } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import {
  buildEjLine,
  buildEtLine,
  finessNumber,
  headerLine,
  writeExtract,
} from '../factories/finess-extract';
import { startTestApp, type TestApp } from '../setup/test-app';

const OG = finessNumber('45000102');
const GERMAIN = finessNumber('45000111');
const ETE = finessNumber('45000121');
const MARTIN = finessNumber('45000131');
const OTHER = finessNumber('45000141');
const YEAR = 2026;

const LOIRET = {
  departement: '45',
  libdepartement: 'LOIRET',
  commune: '234',
  ligneacheminement: '45000 ORLEANS',
};

describe('structure search in the registry and in the submissions (HTTP, real database)', () => {
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    t = await startTestApp();
    auth = await loginAs(t.http, (await persistAccount(t.dataSource, [NATIONAL])).email);
    const et = (finess: string, name: string, categetab = '500') =>
      buildEtLine({ finess, ogFiness: OG, name, longName: name, categetab, ...LOIRET });
    const extract = writeExtract(
      [
        headerLine(),
        et(GERMAIN, 'EHPAD SAINT-GERMAIN DE LA CHAPELLE'),
        et(ETE, "RÉSIDENCE L'ÉTÉ INDIEN D'ORLÉANS"),
        et(MARTIN, 'EHPAD SAINT-MARTIN'),
        et(OTHER, 'IME LES TILLEULS', '183'),
        buildEjLine({ finess: OG, name: 'ASSOCIATION SAINT-GERMAIN', departement: '45' }),
      ],
      'utf8',
    );
    await request(t.http)
      .post('/api/imports/finess')
      .set('Authorization', auth)
      .attach('file', extract, 'registry.csv')
      .expect(200);
    await openCampaign(t, auth, YEAR, 'COLLECTION');
  });

  afterAll(async () => {
    await t?.close();
  });

  const found = async (path: string, q: string): Promise<string[]> => {
    const res = await request(t.http).get(path).set('Authorization', auth).query({ q }).expect(200);
    return res.body.items.map((s: { finess: string }) => s.finess).sort();
  };

  it.each([
    ['SAINT-GERMAIN', [GERMAIN]],
    ['saint germain', [GERMAIN]],
    ['germain saint', [GERMAIN]],
    ['EHPAD SAINT-GERMAIN DE LA CHAPELLE', [GERMAIN]],
    ["RÉSIDENCE L'ÉTÉ INDIEN D'ORLÉANS", [ETE]],
    ['Résidence l’été indien d’Orléans', [ETE]],
    ['l’ete', [ETE]],
    ['saint', [GERMAIN, MARTIN]],
    ['  Saint  ', [GERMAIN, MARTIN]],
    [GERMAIN, [GERMAIN]],
    [OG, [ETE, GERMAIN, MARTIN, OTHER]],
    ['4500011', [GERMAIN]],
    ['450001', [ETE, GERMAIN, MARTIN, OTHER]],
    ["'-", []],
  ])('%s finds the same structures in the registry and in the submissions', async (q, expected) => {
    const sorted = [...expected].sort();
    expect(await found('/api/structures', q)).toEqual(sorted);
    expect(await found(`/api/campaigns/${YEAR}/submissions`, q)).toEqual(sorted);
  });
});
