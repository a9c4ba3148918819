import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TokenInfo } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** What an invitation or password reset link is for; 410 TOKEN_INVALID when used or expired. */
export function getTokenInfo(token: string, signal?: AbortSignal): Promise<TokenInfo> {
  return unwrap(api.GET('/api/auth/tokens/{token}', { params: { path: { token } }, signal }));
}

export function getTokenInfoQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['tokens', token] as const,
    queryFn: ({ signal }) => getTokenInfo(token, signal),
    enabled: token !== '',
    staleTime: Infinity,
  });
}

export function useTokenInfo(token: string) {
  return useQuery(getTokenInfoQueryOptions(token));
}
