import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MyStepsDto } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';

export function getMySteps(year: number, signal?: AbortSignal): Promise<MyStepsDto> {
  return apiClient.get<MyStepsDto>(`/campaigns/${year}/my-steps`, signal);
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
