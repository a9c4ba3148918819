import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReferenceData } from '@tdb/contracts';
import { api, unwrap } from '../api-client';

export function getReference(signal?: AbortSignal): Promise<ReferenceData> {
  return unwrap(api.GET('/api/reference', { signal }));
}

export function getReferenceQueryOptions() {
  return queryOptions({
    queryKey: ['reference'] as const,
    queryFn: ({ signal }) => getReference(signal),
    // The nomenclature changes with a release, not during a session.
    staleTime: Infinity,
  });
}

export function useReference() {
  return useQuery(getReferenceQueryOptions());
}
