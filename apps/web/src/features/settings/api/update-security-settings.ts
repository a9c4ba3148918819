import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SecuritySettings } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getSecuritySettingsQueryOptions } from './get-security-settings';

/**
 * Changes the security settings; 409 (with the reason in French) when the second factor would become
 * mandatory while the administrator has none of their own.
 */
export function updateSecuritySettings(settings: SecuritySettings): Promise<SecuritySettings> {
  return unwrap(api.PUT('/api/settings/security', { body: settings }));
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation<SecuritySettings, ApiClientError, SecuritySettings>({
    mutationFn: updateSecuritySettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(getSecuritySettingsQueryOptions().queryKey, settings);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: getSecuritySettingsQueryOptions().queryKey }),
  });
}
