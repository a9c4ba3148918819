import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Account, AccountSearchQuery, Paginated } from '@tdb/contracts';
import { apiClient, toQueryString } from '@/lib/api-client';

/** The accounts the caller manages (the API filters them by its perimeter), and its own. */
export function getAccounts(params: AccountSearchQuery, signal?: AbortSignal): Promise<Paginated<Account>> {
  const query = toQueryString({
    q: params.q?.trim(),
    role: params.role,
    organisationKind: params.organisationKind,
    organisationCode: params.organisationCode,
    status: params.status,
    page: params.page,
    pageSize: params.pageSize,
  });
  return apiClient.get<Paginated<Account>>(`/accounts${query}`, signal);
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
