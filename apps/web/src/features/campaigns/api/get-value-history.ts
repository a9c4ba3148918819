import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ValueHistoryEntry } from '@tdb/contracts';
import { apiClient, toQueryString } from '@/lib/api-client';
import { submissionApiPath } from '@/lib/api/api-paths';

export function getValueHistory(
  year: number,
  finess: string,
  itemCode: string,
  signal?: AbortSignal,
): Promise<ValueHistoryEntry[]> {
  return apiClient.get<ValueHistoryEntry[]>(
    `${submissionApiPath(year, finess)}/history${toQueryString({ item: itemCode })}`,
    signal,
  );
}

export function getValueHistoryQueryOptions(year: number, finess: string, itemCode: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess, 'history', itemCode] as const,
    queryFn: ({ signal }) => getValueHistory(year, finess, itemCode, signal),
    staleTime: 0,
  });
}

export function useValueHistory(year: number, finess: string, itemCode: string) {
  return useQuery(getValueHistoryQueryOptions(year, finess, itemCode));
}
