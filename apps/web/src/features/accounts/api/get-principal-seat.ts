import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PrincipalSeat } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';
import type { PrincipalOrganisation } from '../utils/principal-seat';

/**
 * The principal administrator seat of an organisation (APR of an ARS or CD, APE of an OG or ESMS):
 * who holds it — named only when the caller manages that account — and what a transfer may make of
 * them. Asked only by someone who may designate that principal (403 otherwise).
 */
export function getPrincipalSeat(
  organisation: PrincipalOrganisation,
  signal?: AbortSignal,
): Promise<PrincipalSeat> {
  return unwrap(
    api.GET('/api/accounts/principal', {
      params: { query: { kind: organisation.kind, code: organisation.code } },
      signal,
    }),
  );
}

export function getPrincipalSeatQueryOptions(organisation: PrincipalOrganisation | null) {
  return queryOptions({
    queryKey: ['accounts', 'principal', organisation] as const,
    queryFn: ({ signal }) => getPrincipalSeat(organisation!, signal),
    enabled: organisation !== null,
    // A refusal (403) or an unknown organisation (404) is an answer: the form lets the API decide.
    retry: false,
  });
}

export function usePrincipalSeat(organisation: PrincipalOrganisation | null) {
  return useQuery(getPrincipalSeatQueryOptions(organisation));
}
