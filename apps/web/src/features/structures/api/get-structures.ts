import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Paginated, StructureSearchQuery, StructureSummary } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getStructures(
  params: StructureSearchQuery,
  signal?: AbortSignal,
): Promise<Paginated<StructureSummary>> {
  const { q, ...filters } = params;
  return unwrap(
    api.GET('/api/structures', {
      params: { query: { ...filters, ...(q?.trim() ? { q: q.trim() } : {}) } },
      signal,
    }),
  );
}

export function getStructuresQueryOptions(params: StructureSearchQuery) {
  return queryOptions({
    queryKey: ['structures', params] as const,
    queryFn: ({ signal }) => getStructures(params, signal),
    // Keep the previous page on screen while the next one loads (no flash of an empty table).
    placeholderData: keepPreviousData,
  });
}

export function useStructures(params: StructureSearchQuery) {
  return useQuery(getStructuresQueryOptions(params));
}
