import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Paginated, StructureSummary } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export interface StructureOptionsQuery {
  q: string;
  /** Only the ESMS of this organisme gestionnaire (FINESS juridique). */
  og?: string;
}

export const STRUCTURE_OPTIONS_PAGE_SIZE = 10;

/** The structures to choose from when granting on an ESMS or an OG (the structures search of the API). */
export function getStructureOptions(
  params: StructureOptionsQuery,
  signal?: AbortSignal,
): Promise<Paginated<StructureSummary>> {
  return unwrap(
    api.GET('/api/structures', {
      params: {
        query: {
          q: params.q.trim(),
          og: params.og,
          page: 1,
          pageSize: STRUCTURE_OPTIONS_PAGE_SIZE,
          sort: 'name',
        },
      },
      signal,
    }),
  );
}

export function getStructureOptionsQueryOptions(params: StructureOptionsQuery) {
  return queryOptions({
    queryKey: [
      'structures',
      { ...params, pageSize: STRUCTURE_OPTIONS_PAGE_SIZE, purpose: 'options' },
    ] as const,
    queryFn: ({ signal }) => getStructureOptions(params, signal),
    enabled: params.q.trim().length >= 2,
  });
}

export function useStructureOptions(params: StructureOptionsQuery) {
  return useQuery(getStructureOptionsQueryOptions(params));
}
