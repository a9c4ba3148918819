/**
 * From parsed FINESS rows to the TDB referential: an ESMS (FINESS géographique in one of the 20 TDB
 * categories, in one of the 101 departments) and its organisme gestionnaire (FINESS juridique).
 */
import { categoryOfFinessCode, departmentOfFinessCode, type Competence } from '@tdb/reference';
import type { GeolocalisationRecord, StructureEjRecord, StructureEtRecord } from './extract-parser';

export interface EsmsRecord {
  /** FINESS géographique */
  readonly finess: string;
  /** FINESS juridique of the organisme gestionnaire */
  readonly ogFiness: string;
  /** rslongue when present, else rs; whitespace collapsed */
  readonly name: string;
  /** rs */
  readonly shortName: string;
  /** TDB category code (e.g. EHPAD, EAM) */
  readonly categoryCode: string;
  /** FINESS categetab as found (may be a legacy code, e.g. 437 for EAM) */
  readonly finessCategoryCode: string;
  /** INSEE department code (01…95, 2A, 2B, 971…976) */
  readonly departmentCode: string;
  /** INSEE region code */
  readonly regionCode: string;
  readonly competence: Competence;
  readonly street: string | null;
  readonly complement: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** INSEE commune code */
  readonly communeCode: string | null;
  readonly phone: string | null;
  readonly siret: string | null;
  /** ISO YYYY-MM-DD */
  readonly openedOn: string | null;
  /** WGS84, null without a usable geolocalisation row */
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export type EsmsMapping =
  | { ok: true; esms: EsmsRecord }
  | { ok: false; reason: string }
  /** Not a TDB structure (category or department outside the TDB): skip it, it is not an error. */
  | { ok: 'out-of-scope'; reason: string };

export interface OrganisationRecord {
  /** FINESS juridique */
  readonly finess: string;
  /** rslongue when present, else rs */
  readonly name: string;
  /** rs */
  readonly shortName: string;
  /** statutjur */
  readonly legalStatusCode: string | null;
  /** libstatutjur */
  readonly legalStatusLabel: string | null;
  /** INSEE department code of the head office; null outside the 101 departments (e.g. 9J). */
  readonly departmentCode: string | null;
  readonly regionCode: string | null;
  /** departement field as written in the extract */
  readonly finessDepartment: string;
  readonly street: string | null;
  readonly complement: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly communeCode: string | null;
  readonly phone: string | null;
  readonly siren: string | null;
}

export type OrganisationMapping =
  { ok: true; organisation: OrganisationRecord } | { ok: false; reason: string };

function clean(value: string | null): string | null {
  if (value === null) return null;
  const v = value.replace(/\s+/g, ' ').trim();
  return v === '' ? null : v;
}

/** Maps a `structureet` row (and its optional `geolocalisation` row) to a TDB ESMS. */
export function toEsmsRecord(et: StructureEtRecord, geo?: GeolocalisationRecord): EsmsMapping {
  const category = categoryOfFinessCode(et.finessCategoryCode);
  if (!category) {
    return { ok: 'out-of-scope', reason: `catégorie FINESS hors TDB : ${et.finessCategoryCode}` };
  }
  const department = departmentOfFinessCode(et.finessDepartment);
  if (!department) {
    return { ok: 'out-of-scope', reason: `département hors TDB : ${et.finessDepartment}` };
  }
  if (geo && geo.finess !== et.finess) {
    return {
      ok: false,
      reason: `géolocalisation d'un autre établissement : ${geo.finess} au lieu de ${et.finess}`,
    };
  }
  const shortName = clean(et.name);
  const name = clean(et.longName) ?? shortName;
  if (name === null || shortName === null) return { ok: false, reason: 'rs : raison sociale vide' };
  return {
    ok: true,
    esms: {
      finess: et.finess,
      ogFiness: et.ogFiness,
      name,
      shortName,
      categoryCode: category.code,
      finessCategoryCode: et.finessCategoryCode,
      departmentCode: department.code,
      regionCode: department.regionCode,
      competence: category.competence,
      street: clean(et.street),
      complement: clean(et.complement),
      postalCode: et.postalCode,
      city: clean(et.city),
      communeCode: et.communeCode,
      phone: clean(et.phone),
      siret: clean(et.siret),
      openedOn: et.openedOn,
      latitude: geo?.latitude ?? null,
      longitude: geo?.longitude ?? null,
    },
  };
}

/** Maps a `structureej` row to an organisme gestionnaire. */
export function toOrganisationRecord(ej: StructureEjRecord): OrganisationMapping {
  const shortName = clean(ej.name);
  const name = clean(ej.longName) ?? shortName;
  if (name === null || shortName === null) return { ok: false, reason: 'rs : raison sociale vide' };
  const department = departmentOfFinessCode(ej.finessDepartment);
  return {
    ok: true,
    organisation: {
      finess: ej.finess,
      name,
      shortName,
      legalStatusCode: ej.legalStatusCode,
      legalStatusLabel: clean(ej.legalStatusLabel),
      departmentCode: department?.code ?? null,
      regionCode: department?.regionCode ?? null,
      finessDepartment: ej.finessDepartment,
      street: clean(ej.street),
      complement: clean(ej.complement),
      postalCode: ej.postalCode,
      city: clean(ej.city),
      communeCode: ej.communeCode,
      phone: clean(ej.phone),
      siren: clean(ej.siren),
    },
  };
}
