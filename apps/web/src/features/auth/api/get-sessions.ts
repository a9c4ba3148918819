import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getSessions(signal?: AbortSignal): Promise<SessionInfo[]> {
  return unwrap(api.GET('/api/auth/sessions', { signal }));
}

export function getSessionsQueryOptions() {
  return queryOptions({
    queryKey: ['sessions'] as const,
    queryFn: ({ signal }) => getSessions(signal),
  });
}

export function useSessions() {
  return useQuery(getSessionsQueryOptions());
}
