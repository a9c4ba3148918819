import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';
import { authStore } from '@/lib/auth/auth-store';

/** My account and grants, as the API knows them now (the session keeps the copy of the login). */
export async function getMe(signal?: AbortSignal): Promise<Account> {
  const account: Account = await unwrap(api.GET('/api/auth/me', { signal }));
  // Keep the header and the permissions in step with grants added or removed since the login.
  authStore.updateAccount(account);
  return account;
}

export function getMeQueryOptions() {
  return queryOptions({
    queryKey: ['accounts', 'me'] as const,
    queryFn: ({ signal }) => getMe(signal),
  });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}
