import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiTokenRequest, CreatedApiToken } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { getApiTokensQueryOptions } from './get-api-tokens';

/** Creates a token: the answer holds its secret, the only time it is ever shown. */
export function createApiToken(request: CreateApiTokenRequest): Promise<CreatedApiToken> {
  return apiClient.post<CreatedApiToken>('/api-tokens', request);
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation<CreatedApiToken, ApiClientError, CreateApiTokenRequest>({
    mutationFn: createApiToken,
    // The secret must not outlive the page that shows it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getApiTokensQueryOptions().queryKey }),
  });
}
