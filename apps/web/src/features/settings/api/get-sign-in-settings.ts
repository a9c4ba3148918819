import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuthoritySignInSettings } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** Every ARS and département, and whether its staff must sign in through the identity provider. */
export function getSignInSettings(signal?: AbortSignal): Promise<AuthoritySignInSettings> {
  return unwrap(api.GET('/api/settings/sign-in', { signal }));
}

export function getSignInSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['settings', 'sign-in'] as const,
    queryFn: ({ signal }) => getSignInSettings(signal),
  });
}

export function useSignInSettings() {
  return useQuery(getSignInSettingsQueryOptions());
}
