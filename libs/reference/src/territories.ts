/**
 * Regions and departments from @etalab/decoupage-administratif (INSEE code officiel géographique),
 * restricted to the 18 regions and 101 departments that have an ARS and a Département: the overseas
 * collectivities (zone "com") are outside the TDB.
 */
import regionsData from '@etalab/decoupage-administratif/data/regions.json';
import departmentsData from '@etalab/decoupage-administratif/data/departements.json';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly overseas: boolean;
}

export interface Department {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly overseas: boolean;
}

interface RawTerritory {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

const collator = new Intl.Collator('fr');

export const REGIONS: readonly Region[] = (regionsData as RawTerritory[])
  .filter((r) => r.zone !== 'com')
  .map((r) => ({ code: r.code, name: r.nom, overseas: r.zone === 'drom' }))
  .sort((a, b) => collator.compare(a.name, b.name));

export const DEPARTMENTS: readonly Department[] = (departmentsData as RawTerritory[])
  .filter((d) => d.zone !== 'com')
  .map((d) => ({ code: d.code, name: d.nom, regionCode: d.region ?? '', overseas: d.zone === 'drom' }));

const regionByCode = new Map(REGIONS.map((r) => [r.code, r]));
const departmentByCode = new Map(DEPARTMENTS.map((d) => [d.code, d]));

export function findRegion(code: string): Region | undefined {
  return regionByCode.get(code);
}

export function findDepartment(code: string): Department | undefined {
  return departmentByCode.get(code);
}

export function departmentsOfRegion(regionCode: string): Department[] {
  return DEPARTMENTS.filter((d) => d.regionCode === regionCode);
}

/**
 * FINESS codes overseas departments with a letter (9A…9F) where INSEE uses 971…976
 * (shared/domain §3.1); metropolitan codes (01…95, 2A, 2B) are the same in both.
 */
const FINESS_OVERSEAS_DEPARTMENTS: Readonly<Record<string, string>> = {
  '9A': '971',
  '9B': '972',
  '9C': '973',
  '9D': '974',
  '9F': '976',
};

/** The INSEE department code of a FINESS `departement` field, or undefined when outside the TDB. */
export function departmentOfFinessCode(finessDepartment: string): Department | undefined {
  const code = finessDepartment.trim().toUpperCase();
  return findDepartment(FINESS_OVERSEAS_DEPARTMENTS[code] ?? code);
}

/** The FINESS `departement` field for an INSEE department code (inverse of departmentOfFinessCode). */
export function finessCodeOfDepartment(inseeCode: string): string {
  const entry = Object.entries(FINESS_OVERSEAS_DEPARTMENTS).find(([, insee]) => insee === inseeCode);
  return entry ? entry[0] : inseeCode;
}
