import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthoritySignInSettings } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getSignInSettingsQueryOptions } from './get-sign-in-settings';

export interface AuthoritySignInChange {
  kind: 'ARS' | 'CD';
  code: string;
  providerRequired: boolean;
}

/** Requires (or no longer) the identity provider for the staff of one authority. */
export function updateAuthoritySignIn(change: AuthoritySignInChange): Promise<AuthoritySignInSettings> {
  return unwrap(
    api.PUT('/api/settings/sign-in/authorities/{kind}/{code}', {
      params: { path: { kind: change.kind, code: change.code } },
      body: { providerRequired: change.providerRequired },
    }),
  );
}

export function useUpdateAuthoritySignIn() {
  const queryClient = useQueryClient();
  return useMutation<AuthoritySignInSettings, ApiClientError, AuthoritySignInChange>({
    mutationFn: updateAuthoritySignIn,
    onSuccess: (settings) => {
      queryClient.setQueryData(getSignInSettingsQueryOptions().queryKey, settings);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: getSignInSettingsQueryOptions().queryKey }),
  });
}
