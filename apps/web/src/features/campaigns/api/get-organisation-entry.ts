import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OgSubmissionDetail } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getOrganisationEntry(
  year: number,
  ogFiness: string,
  signal?: AbortSignal,
): Promise<OgSubmissionDetail> {
  return unwrap(
    api.GET('/api/campaigns/{year}/organisations/{finess}', {
      params: { path: { year, finess: ogFiness } },
      signal,
    }),
  );
}

export function getOrganisationEntryQueryOptions(year: number, ogFiness: string) {
  return queryOptions({
    queryKey: ['campaign-organisations', year, ogFiness] as const,
    queryFn: ({ signal }) => getOrganisationEntry(year, ogFiness, signal),
  });
}

export function useOrganisationEntry(year: number, ogFiness: string) {
  return useQuery(getOrganisationEntryQueryOptions(year, ogFiness));
}
