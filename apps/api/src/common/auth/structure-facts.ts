import type { StructureFacts } from '@tdb/access';

/** The columns of `structures` an access decision reads, as SQL returns them. */
export interface StructureFactsRow {
  finess: string;
  og_finess: string;
  department_code: string;
  region_code: string;
  competence: 'ARS' | 'CD' | 'SHARED';
  category_code: string;
}

/** A structure row → what the access rules read (one mapping for every campaign feature). */
export function structureFactsOf(row: StructureFactsRow): StructureFacts {
  return {
    // char(9) columns: trimmed in case a shorter code was ever stored.
    finess: row.finess.trim(),
    ogFiness: row.og_finess.trim(),
    departmentCode: row.department_code,
    regionCode: row.region_code,
    competence: row.competence,
    categoryCode: row.category_code,
  };
}
