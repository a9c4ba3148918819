import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StructureRestitution } from '@tdb/contracts';
import { api, unwrap, unwrapFile } from '@/lib/api-client';
import { fileDownload, type FileDownload } from './file-download';

export function getStructureRestitution(
  year: number,
  finess: string,
  signal?: AbortSignal,
): Promise<StructureRestitution> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions/{finess}/restitution', {
      params: { path: { year, finess } },
      signal,
    }),
  );
}

export function getStructureRestitutionQueryOptions(year: number, finess: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess, 'restitution'] as const,
    queryFn: ({ signal }) => getStructureRestitution(year, finess, signal),
  });
}

/** A structure's values placed among its peers (national, regional, departmental). */
export function useStructureRestitution(year: number, finess: string) {
  return useQuery(getStructureRestitutionQueryOptions(year, finess));
}

/** The structure's restitution as a report (PDF, A4) or a spreadsheet (XLSX). */
export function structureRestitutionFile(year: number, finess: string, format: 'pdf' | 'xlsx'): FileDownload {
  const params = { path: { year, finess } };
  return fileDownload(['structure-restitution', year, finess, format], () =>
    unwrapFile(
      format === 'pdf'
        ? api.GET('/api/campaigns/{year}/submissions/{finess}/restitution.pdf', { params, parseAs: 'blob' })
        : api.GET('/api/campaigns/{year}/submissions/{finess}/restitution.xlsx', { params, parseAs: 'blob' }),
    ),
  );
}
