import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getAccount(id: string, signal?: AbortSignal): Promise<Account> {
  return unwrap(api.GET('/api/accounts/{id}', { params: { path: { id } }, signal }));
}

export function getAccountQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['accounts', id] as const,
    queryFn: ({ signal }) => getAccount(id, signal),
  });
}

export function useAccount(id: string) {
  return useQuery(getAccountQueryOptions(id));
}
