import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OgSubmissionDetail } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';

export function organisationEntryPath(year: number, ogFiness: string): string {
  return `/campaigns/${year}/organisations/${encodeURIComponent(ogFiness)}`;
}

export function getOrganisationEntry(
  year: number,
  ogFiness: string,
  signal?: AbortSignal,
): Promise<OgSubmissionDetail> {
  return apiClient.get<OgSubmissionDetail>(organisationEntryPath(year, ogFiness), signal);
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
