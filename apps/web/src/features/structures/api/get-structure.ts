import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/openapi.gen';

/**
 * A structure as the API answers it (GET /structures/{finess}). Not @tdb/contracts' StructureDetail:
 * the API's document has `location` optional where the contract has it always present (or null).
 */
export type StructureDetailResponse = components['schemas']['StructureDetailResponse'];

export function getStructure(finess: string, signal?: AbortSignal): Promise<StructureDetailResponse> {
  return unwrap(api.GET('/api/structures/{finess}', { params: { path: { finess } }, signal }));
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
