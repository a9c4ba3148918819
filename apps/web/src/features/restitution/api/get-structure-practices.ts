import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StructurePractices } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getStructurePractices(
  year: number,
  finess: string,
  signal?: AbortSignal,
): Promise<StructurePractices> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions/{finess}/restitution/practices', {
      params: { path: { year, finess } },
      signal,
    }),
  );
}

export function getStructurePracticesQueryOptions(year: number, finess: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess, 'restitution', 'practices'] as const,
    queryFn: ({ signal }) => getStructurePractices(year, finess, signal),
  });
}

/** The qualitative axes (O04–O06): the structure's practices beside the share of its peers having them. */
export function useStructurePractices(year: number, finess: string) {
  return useQuery(getStructurePracticesQueryOptions(year, finess));
}
