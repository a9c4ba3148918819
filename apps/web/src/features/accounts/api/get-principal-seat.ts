import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrganisationRef, PrincipalSeat } from '@tdb/contracts';
import { apiClient, toQueryString } from '@/lib/api-client';

/**
 * The principal administrator seat of an organisation (APR of an ARS or CD, APE of an OG or ESMS):
 * who holds it — named only when the caller manages that account — and what a transfer may make of
 * them. Asked only by someone who may designate that principal (403 otherwise).
 */
export function getPrincipalSeat(
  organisation: OrganisationRef,
  signal?: AbortSignal,
): Promise<PrincipalSeat> {
  return apiClient.get<PrincipalSeat>(
    `/accounts/principal${toQueryString({ kind: organisation.kind, code: organisation.code })}`,
    signal,
  );
}

export function getPrincipalSeatQueryOptions(organisation: OrganisationRef | null) {
  return queryOptions({
    queryKey: ['accounts', 'principal', organisation] as const,
    queryFn: ({ signal }) => getPrincipalSeat(organisation!, signal),
    enabled: organisation !== null,
    // A refusal (403) or an unknown organisation (404) is an answer: the form lets the API decide.
    retry: false,
  });
}

export function usePrincipalSeat(organisation: OrganisationRef | null) {
  return useQuery(getPrincipalSeatQueryOptions(organisation));
}
