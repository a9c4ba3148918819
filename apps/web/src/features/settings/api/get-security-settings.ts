import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SecuritySettings } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** The security settings of the platform (national administrator only). */
export function getSecuritySettings(signal?: AbortSignal): Promise<SecuritySettings> {
  return unwrap(api.GET('/api/settings/security', { signal }));
}

export function getSecuritySettingsQueryOptions() {
  return queryOptions({
    queryKey: ['settings', 'security'] as const,
    queryFn: ({ signal }) => getSecuritySettings(signal),
  });
}

export function useSecuritySettings() {
  return useQuery(getSecuritySettingsQueryOptions());
}
