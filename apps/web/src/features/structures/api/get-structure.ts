import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StructureDetail } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';
import { paths } from '@/lib/paths';

export function getStructure(finess: string, signal?: AbortSignal): Promise<StructureDetail> {
  return apiClient.get<StructureDetail>(paths.structure.href(finess), signal);
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
