import type { CompetenceCode, StructureHistoryEntry } from '@tdb/contracts';

/** Short labels of the competent authority, as the filters show them. */
export const COMPETENCE_LABELS: Readonly<Record<CompetenceCode, string>> = {
  ARS: 'ARS seule',
  CD: 'Département seul',
  SHARED: 'Conjointe',
};

/** Longer labels, for a structure's page. */
export const COMPETENCE_LONG_LABELS: Readonly<Record<CompetenceCode, string>> = {
  ARS: 'Agence régionale de santé (ARS) seule',
  CD: 'Conseil départemental seul',
  SHARED: 'Conjointe : ARS et conseil départemental',
};

export const HISTORY_KIND_LABELS: Readonly<Record<StructureHistoryEntry['kind'], string>> = {
  IMPORT_CREATED: 'Création (import FINESS)',
  IMPORT_UPDATED: 'Mise à jour (import FINESS)',
  CATEGORY_CORRECTED: 'Correction de la catégorie',
};

/** French names of the fields a history entry may list as changed. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Nom',
  shortName: 'Raison sociale courte',
  categoryCode: 'Catégorie',
  finessCategoryCode: 'Catégorie FINESS',
  categoryCorrected: 'Catégorie corrigée',
  competence: 'Compétence',
  departmentCode: 'Département',
  regionCode: 'Région',
  street: 'Adresse',
  complement: "Complément d'adresse",
  postalCode: 'Code postal',
  city: 'Commune',
  communeCode: 'Code commune',
  address: 'Adresse',
  phone: 'Téléphone',
  siret: 'SIRET',
  openedOn: "Date d'ouverture",
  location: 'Coordonnées',
  latitude: 'Latitude',
  longitude: 'Longitude',
  ogFiness: 'Organisme gestionnaire',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
