import { toQueryString } from '@/lib/api-client';

/** The territory of an export of the data entered: a region (its ARS) or a département. */
export interface ExportTerritory {
  level: 'REGION' | 'DEPARTMENT';
  code: string;
}

/** The API path (without /api) of the 331-column export of a region or a département. */
export function dataExportPath(year: number, territory: ExportTerritory): string {
  return territory.level === 'REGION'
    ? `/campaigns/${year}/exports/regional.xlsx${toQueryString({ region: territory.code })}`
    : `/campaigns/${year}/exports/department.xlsx${toQueryString({ department: territory.code })}`;
}

/** The name the API gives the file (used when its answer does not say). */
export function dataExportFileName(year: number, territory: ExportTerritory): string {
  return territory.level === 'REGION'
    ? `export-tdbesms-${year}-region-${territory.code}-agg.xlsx`
    : `export-tdbesms-${year}-departement-${territory.code}-agg.xlsx`;
}
