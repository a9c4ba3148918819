import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StructureDetail } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';

export function getStructure(finess: string, signal?: AbortSignal): Promise<StructureDetail> {
  return apiClient.get<StructureDetail>(`/structures/${encodeURIComponent(finess)}`, signal);
}

export function getStructureQueryOptions(finess: string) {
  return queryOptions({
    queryKey: ['structures', finess] as const,
    queryFn: ({ signal }) => getStructure(finess, signal),
  });
}

export function useStructure(finess: string) {
  return useQuery(getStructureQueryOptions(finess));
}
