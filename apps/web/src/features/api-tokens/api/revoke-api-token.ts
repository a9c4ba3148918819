import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenInfo } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getApiTokensQueryOptions } from './get-api-tokens';

/** Revokes a token at once (the integrations using it are refused from then on). */
export function revokeApiToken(id: string): Promise<ApiTokenInfo> {
  return unwrap(api.DELETE('/api/api-tokens/{id}', { params: { path: { id } } }));
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation<ApiTokenInfo, ApiClientError, string>({
    mutationFn: revokeApiToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getApiTokensQueryOptions().queryKey }),
  });
}
