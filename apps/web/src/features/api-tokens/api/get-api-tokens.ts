import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiTokenInfo } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** The API tokens of my ARS or Département (every token for the national administrator), newest first. */
export function getApiTokens(signal?: AbortSignal): Promise<ApiTokenInfo[]> {
  return unwrap(api.GET('/api/api-tokens', { signal }));
}

export function getApiTokensQueryOptions() {
  return queryOptions({
    queryKey: ['api-tokens'] as const,
    queryFn: ({ signal }) => getApiTokens(signal),
  });
}

export function useApiTokens() {
  return useQuery(getApiTokensQueryOptions());
}
