import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ItemBenchmark } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** A benchmark's territory: a département or a region; neither is the caller's own (the nation for national). */
export interface ItemBenchmarkParams {
  item: string;
  department?: string;
  region?: string;
  structures?: boolean;
}

export function getItemBenchmark(
  year: number,
  params: ItemBenchmarkParams,
  signal?: AbortSignal,
): Promise<ItemBenchmark> {
  return unwrap(
    api.GET('/api/campaigns/{year}/restitution/item-benchmark', {
      params: {
        path: { year },
        query: {
          item: params.item,
          department: params.department,
          region: params.region,
          // Sent only when asked for (`structures=true`).
          structures: params.structures || undefined,
        },
      },
      signal,
    }),
  );
}

export function getItemBenchmarkQueryOptions(year: number, params: ItemBenchmarkParams) {
  return queryOptions({
    queryKey: ['restitution', year, 'item-benchmark', params] as const,
    queryFn: ({ signal }) => getItemBenchmark(year, params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The distribution per category of one numeric item entered by the peers of a territory. */
export function useItemBenchmark(year: number, params: ItemBenchmarkParams) {
  return useQuery({ ...getItemBenchmarkQueryOptions(year, params), enabled: params.item !== '' });
}
