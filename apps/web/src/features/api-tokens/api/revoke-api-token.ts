import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenInfo } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { getApiTokensQueryOptions } from './get-api-tokens';

/** Revokes a token at once (the integrations using it are refused from then on). */
export function revokeApiToken(id: string): Promise<ApiTokenInfo> {
  return apiClient.delete<ApiTokenInfo>(`/api-tokens/${encodeURIComponent(id)}`);
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation<ApiTokenInfo, ApiClientError, string>({
    mutationFn: revokeApiToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getApiTokensQueryOptions().queryKey }),
  });
}
