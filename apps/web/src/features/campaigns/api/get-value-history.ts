import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ValueHistoryEntry } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getValueHistory(
  year: number,
  finess: string,
  itemCode: string,
  signal?: AbortSignal,
): Promise<ValueHistoryEntry[]> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions/{finess}/history', {
      params: { path: { year, finess }, query: { item: itemCode } },
      signal,
    }),
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
