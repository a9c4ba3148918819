import {
  ownTerritory,
  readsTerritories,
  scopeOf,
  scopeOfGrants,
  territoryInScope,
  type TerritoryRef,
} from './index';
import { ACTORS, TODAY } from './test-fixtures';

const NATION: TerritoryRef = { level: 'NATION', code: 'FR' };
const REGION_24: TerritoryRef = { level: 'REGION', code: '24' };
const REGION_11: TerritoryRef = { level: 'REGION', code: '11' };
const LOIRET: TerritoryRef = { level: 'DEPARTMENT', code: '45' };
const INDRE_ET_LOIRE: TerritoryRef = { level: 'DEPARTMENT', code: '37' };
const PARIS: TerritoryRef = { level: 'DEPARTMENT', code: '75' };

describe('territoryInScope', () => {
  it.each([
    ['NATIONAL', [NATION, REGION_24, REGION_11, LOIRET, INDRE_ET_LOIRE, PARIS]],
    // An ARS: its region and each of its départements (Loiret and Indre-et-Loire are in 24).
    ['ARS24 READER', [REGION_24, LOIRET, INDRE_ET_LOIRE]],
    ['ARS24 APR', [REGION_24, LOIRET, INDRE_ET_LOIRE]],
    // A Département: its own only, never its region nor a neighbour.
    ['CD45 READER', [LOIRET]],
    ['CD45 CONTROLLER', [LOIRET]],
    ['CD37 APR', [INDRE_ET_LOIRE]],
    ['OG45 APE', []],
    ['ESMS USER', []],
  ] as const)('%s covers exactly %j', (name, covered) => {
    const scope = scopeOf(ACTORS[name], TODAY);
    for (const territory of [NATION, REGION_24, REGION_11, LOIRET, INDRE_ET_LOIRE, PARIS]) {
      expect([territory, territoryInScope(scope, territory)]).toEqual([
        territory,
        (covered as readonly TerritoryRef[]).includes(territory),
      ]);
    }
  });

  it('refuses an unknown département to an ARS', () => {
    expect(
      territoryInScope(scopeOf(ACTORS['ARS24 READER'], TODAY), { level: 'DEPARTMENT', code: '00' }),
    ).toBe(false);
  });
});

describe('readsTerritories', () => {
  it.each([
    ['NATIONAL', true],
    ['ARS24 READER', true],
    ['ARS24 APR', true],
    ['CD45 READER', true],
    ['CD37 APR', true],
    // Organismes gestionnaires and ESMS: their structures, never a territory as a whole.
    ['OG45 APE', false],
    ['ESMS USER', false],
  ] as const)('%s reads a territory as a whole: %s', (name, expected) => {
    expect(readsTerritories(scopeOf(ACTORS[name], TODAY))).toBe(expected);
  });

  it('is true exactly when some territory is in scope', () => {
    const territories: TerritoryRef[] = [NATION, REGION_24, REGION_11, LOIRET, INDRE_ET_LOIRE, PARIS];
    for (const actor of Object.values(ACTORS)) {
      const scope = scopeOf(actor, TODAY);
      expect(readsTerritories(scope)).toBe(territories.some((t) => territoryInScope(scope, t)));
    }
  });
});

describe('ownTerritory', () => {
  it('is the territory of the one authority (an API token), the nation for national', () => {
    expect(ownTerritory(scopeOf(ACTORS['ARS24 READER'], TODAY))).toEqual(REGION_24);
    expect(ownTerritory(scopeOf(ACTORS['ARS24 READER'], TODAY), 'REGION')).toEqual(REGION_24);
    expect(ownTerritory(scopeOf(ACTORS['ARS24 READER'], TODAY), 'DEPARTMENT')).toBeNull();
    expect(ownTerritory(scopeOf(ACTORS['CD45 READER'], TODAY), 'DEPARTMENT')).toEqual(LOIRET);
    expect(ownTerritory(scopeOf(ACTORS['CD45 READER'], TODAY), 'REGION')).toBeNull();
    expect(ownTerritory(scopeOf(ACTORS['NATIONAL'], TODAY))).toEqual(NATION);
    expect(ownTerritory(scopeOf(ACTORS['NATIONAL'], TODAY), 'REGION')).toBeNull();
    expect(ownTerritory(scopeOf(ACTORS['OG45 APE'], TODAY))).toBeNull();
  });

  it('is none when the grants name several authorities of the level', () => {
    const grant = (kind: 'ARS' | 'CD', code: string, role: 'APR' | 'READER') => ({
      organisation: { kind, code },
      role,
      rights: [],
      entryDomains: null,
      validFrom: null,
      validUntil: null,
    });
    const two = scopeOfGrants([grant('CD', '45', 'APR'), grant('CD', '37', 'READER')]);
    expect(ownTerritory(two, 'DEPARTMENT')).toBeNull();
    // Two roles on the same Département are one territory.
    const same = scopeOfGrants([grant('CD', '45', 'APR'), grant('CD', '45', 'READER')]);
    expect(ownTerritory(same, 'DEPARTMENT')).toEqual(LOIRET);
    // An ARS and a Département: one of each level.
    const mixed = scopeOfGrants([grant('ARS', '24', 'READER'), grant('CD', '45', 'READER')]);
    expect(ownTerritory(mixed, 'REGION')).toEqual(REGION_24);
    expect(ownTerritory(mixed, 'DEPARTMENT')).toEqual(LOIRET);
    expect(ownTerritory(mixed)).toBeNull();
  });
});
