import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FollowUp, LateStructure } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export interface FollowUpQuery {
  department?: string;
  category?: string;
}

/** The follow-up as the API sends it: its late structures carry `daysLeft` and `overdue`. */
export type FollowUpData = Omit<FollowUp, 'late'> & { late: LateStructure[] };

export function getFollowUp(
  year: number,
  params: FollowUpQuery,
  signal?: AbortSignal,
): Promise<FollowUpData> {
  return unwrap(
    api.GET('/api/campaigns/{year}/follow-up', {
      params: { path: { year }, query: { department: params.department, category: params.category } },
      signal,
    }),
  );
}

export function getFollowUpQueryOptions(year: number, params: FollowUpQuery = {}) {
  return queryOptions({
    queryKey: ['campaigns', year, 'follow-up', params] as const,
    queryFn: ({ signal }) => getFollowUp(year, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFollowUp(year: number, params: FollowUpQuery = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...getFollowUpQueryOptions(year, params),
    enabled: (options.enabled ?? true) && year > 0,
  });
}
