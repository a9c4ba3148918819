import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Account, AccountSearchQuery, Paginated } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** The accounts the caller manages (the API filters them by its perimeter), and its own. */
export function getAccounts(params: AccountSearchQuery, signal?: AbortSignal): Promise<Paginated<Account>> {
  // Empty values and lists are left out of the query string.
  return unwrap(api.GET('/api/accounts', { params: { query: { ...params, q: params.q?.trim() } }, signal }));
}

export function getAccountsQueryOptions(params: AccountSearchQuery) {
  return queryOptions({
    queryKey: ['accounts', 'list', params] as const,
    queryFn: ({ signal }) => getAccounts(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAccounts(params: AccountSearchQuery) {
  return useQuery(getAccountsQueryOptions(params));
}
