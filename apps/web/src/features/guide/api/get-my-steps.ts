import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MyStepsDto } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getMySteps(year: number, signal?: AbortSignal): Promise<MyStepsDto> {
  return unwrap(api.GET('/api/campaigns/{year}/my-steps', { params: { path: { year } }, signal }));
}

export function getMyStepsQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['my-steps', year] as const,
    queryFn: ({ signal }) => getMySteps(year, signal),
    // What remains changes with every action elsewhere: read again on each visit of the home page.
    staleTime: 0,
  });
}

export function useMySteps(year: number) {
  return useQuery(getMyStepsQueryOptions(year));
}
