import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiTokenRequest, CreatedApiToken } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getApiTokensQueryOptions } from './get-api-tokens';

/** Creates a token: the answer holds its secret, the only time it is ever shown. */
export function createApiToken(request: CreateApiTokenRequest): Promise<CreatedApiToken> {
  return unwrap(api.POST('/api/api-tokens', { body: request }));
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
