import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrganisationDetail } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';
import { paths } from '@/lib/paths';

export function getOrganisation(finess: string, signal?: AbortSignal): Promise<OrganisationDetail> {
  return apiClient.get<OrganisationDetail>(paths.organisation.href(finess), signal);
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
