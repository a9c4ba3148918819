import { api, unwrapFile } from '@/lib/api-client';
import { fileDownload, type FileDownload } from './file-download';

/** The territory of an export of the data entered: a region (its ARS) or a département. */
export interface ExportTerritory {
  level: 'REGION' | 'DEPARTMENT';
  code: string;
}

/** The 331-column export (XLSX) of a region or a département. */
export function dataExportFile(year: number, territory: ExportTerritory): FileDownload {
  return fileDownload(['data-export', year, territory.level, territory.code], () =>
    unwrapFile(
      territory.level === 'REGION'
        ? api.GET('/api/campaigns/{year}/exports/regional.xlsx', {
            params: { path: { year }, query: { region: territory.code } },
            parseAs: 'blob',
          })
        : api.GET('/api/campaigns/{year}/exports/department.xlsx', {
            params: { path: { year }, query: { department: territory.code } },
            parseAs: 'blob',
          }),
    ),
  );
}

/** The name the API gives the file (used when its answer does not say). */
export function dataExportFileName(year: number, territory: ExportTerritory): string {
  return territory.level === 'REGION'
    ? `export-tdbesms-${year}-region-${territory.code}-agg.xlsx`
    : `export-tdbesms-${year}-departement-${territory.code}-agg.xlsx`;
}
