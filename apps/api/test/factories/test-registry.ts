import request from 'supertest';
import { startTestApp, type TestApp } from '../setup/test-app';
import type { TestDatabase } from '../setup/test-database';
import { NATIONAL, loginAs, persistAccount } from './accounts';
import { buildEjLine, buildEtLine, finessNumber, headerLine, writeExtract } from './finess-extract';

/**
 * A small registry for authorization tests, in Centre-Val de Loire (24: Loiret 45, Cher 18) and in
 * Île-de-France (11: Paris 75), with one structure of each competence.
 */
export const REGISTRY = {
  OG_45: finessNumber('45000002'),
  FOYER_45: finessNumber('45000011'), // foyer de vie (EANM): Département only
  EHPAD_45: finessNumber('45000021'), // shared ARS + Département
  IME_45: finessNumber('45000031'), // ARS only
  SAVS_18: finessNumber('18000041'), // Département only, in the Cher, same OG
  OG_75: finessNumber('75000002'),
  EHPAD_75: finessNumber('75000021'),
  IME_75: finessNumber('75000031'),
} as const;

const LOIRET = {
  departement: '45',
  libdepartement: 'LOIRET',
  commune: '234',
  ligneacheminement: '45000 ORLEANS',
};
const CHER = {
  departement: '18',
  libdepartement: 'CHER',
  commune: '033',
  ligneacheminement: '18000 BOURGES',
};
const PARIS = {
  departement: '75',
  libdepartement: 'PARIS',
  commune: '113',
  ligneacheminement: '75013 PARIS',
};

function registryLines(): string[] {
  const r = REGISTRY;
  const et = (finess: string, ogFiness: string, name: string, categetab: string, place: typeof LOIRET) =>
    buildEtLine({ finess, ogFiness, name, longName: name, categetab, ...place });
  return [
    headerLine(),
    et(r.FOYER_45, r.OG_45, 'FOYER DE VIE LES TILLEULS', '382', LOIRET),
    et(r.EHPAD_45, r.OG_45, 'EHPAD LE PARC', '500', LOIRET),
    et(r.IME_45, r.OG_45, 'IME LA SOURCE', '183', LOIRET),
    et(r.SAVS_18, r.OG_45, 'SAVS DU CHER', '446', CHER),
    et(r.EHPAD_75, r.OG_75, 'EHPAD DE PARIS', '500', PARIS),
    et(r.IME_75, r.OG_75, 'IME DE PARIS', '183', PARIS),
    buildEjLine({ finess: r.OG_45, name: 'ASSOCIATION DU LOIRET', departement: '45' }),
    buildEjLine({ finess: r.OG_75, name: 'ASSOCIATION DE PARIS', departement: '75' }),
  ];
}

/**
 * The API on a fresh database holding REGISTRY, and a signed-in national administrator; `env`
 * overrides configuration variables, `options.database` names the database (as startTestApp).
 */
export async function startAppWithRegistry(
  env: Record<string, string> = {},
  options: { database?: TestDatabase } = {},
): Promise<{ t: TestApp; national: string }> {
  const t = await startTestApp(env, options);
  const national = await loginAs(t.http, (await persistAccount(t.dataSource, [NATIONAL])).email);
  await request(t.http)
    .post('/api/imports/finess')
    .set('Authorization', national)
    .attach('file', writeExtract(registryLines()), 'registry.csv')
    .expect(200);
  return { t, national };
}
