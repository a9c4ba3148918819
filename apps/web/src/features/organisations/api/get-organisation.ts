import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrganisationDetail } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getOrganisation(finess: string, signal?: AbortSignal): Promise<OrganisationDetail> {
  return unwrap(api.GET('/api/organisations/{finess}', { params: { path: { finess } }, signal }));
}

export function getOrganisationQueryOptions(finess: string) {
  return queryOptions({
    queryKey: ['organisations', finess] as const,
    queryFn: ({ signal }) => getOrganisation(finess, signal),
  });
}

export function useOrganisation(finess: string) {
  return useQuery(getOrganisationQueryOptions(finess));
}
