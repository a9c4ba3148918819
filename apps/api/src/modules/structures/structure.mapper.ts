import type {
  OrganisationSummary,
  StructureDetail,
  StructureHistoryEntry,
  StructureSummary,
} from '@tdb/contracts';
import { findCategory, findDepartment, findRegion } from '@tdb/reference';
import type { ManagingOrganisation } from './managing-organisation.entity';
import type { StructureHistory } from './structure-history.entity';
import type { Structure } from './structure.entity';

export type SummaryFields = Pick<
  Structure,
  | 'finess'
  | 'name'
  | 'categoryCode'
  | 'finessCategoryCode'
  | 'departmentCode'
  | 'regionCode'
  | 'competence'
  | 'city'
  | 'ogFiness'
>;

export function toStructureSummary(structure: SummaryFields, ogName: string | null): StructureSummary {
  return {
    finess: structure.finess,
    name: structure.name,
    categoryCode: structure.categoryCode,
    categoryLabel: findCategory(structure.categoryCode)?.shortLabel ?? structure.categoryCode,
    finessCategoryCode: structure.finessCategoryCode,
    departmentCode: structure.departmentCode,
    departmentName: findDepartment(structure.departmentCode)?.name ?? structure.departmentCode,
    regionCode: structure.regionCode,
    regionName: findRegion(structure.regionCode)?.name ?? structure.regionCode,
    competence: structure.competence,
    city: structure.city,
    ogFiness: structure.ogFiness,
    ogName,
  };
}

export function toOrganisationSummary(og: ManagingOrganisation, structureCount: number): OrganisationSummary {
  return { finess: og.finess, name: og.name, departmentCode: og.departmentCode, structureCount };
}

export function toHistoryEntry(entry: StructureHistory): StructureHistoryEntry {
  return {
    at: entry.at.toISOString(),
    by: entry.actor,
    kind: entry.kind,
    reason: entry.reason,
    changes: entry.changes,
    consequences: entry.consequences ?? [],
  };
}

export function toStructureDetail(
  structure: Structure,
  og: ManagingOrganisation,
  ogStructureCount: number,
  history: StructureHistory[],
  registryOnly = false,
): StructureDetail {
  return {
    ...toStructureSummary(structure, og.name),
    shortName: structure.shortName,
    address: {
      street: structure.street,
      complement: structure.complement,
      postalCode: structure.postalCode,
      city: structure.city,
      communeCode: structure.communeCode,
    },
    phone: structure.phone,
    siret: structure.siret,
    openedOn: structure.openedOn,
    location:
      structure.latitude !== null && structure.longitude !== null
        ? { latitude: structure.latitude, longitude: structure.longitude }
        : null,
    categoryCorrected: structure.categoryCorrected,
    registryOnly,
    og: toOrganisationSummary(og, ogStructureCount),
    history: history.map(toHistoryEntry),
    version: structure.version,
  };
}
