import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Paginated, StructureSearchQuery, StructureSummary } from '@tdb/contracts';
import { apiClient, toQueryString } from '@/lib/api-client';

export function getStructures(
  params: StructureSearchQuery,
  signal?: AbortSignal,
): Promise<Paginated<StructureSummary>> {
  const query = toQueryString({
    q: params.q?.trim(),
    finess: params.finess,
    category: params.category,
    department: params.department,
    region: params.region,
    competence: params.competence,
    og: params.og,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
  });
  return apiClient.get<Paginated<StructureSummary>>(`/structures${query}`, signal);
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
