import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ItemIndicatorUse } from '@tdb/contracts';
import type { Dictionary } from '@tdb/dictionary';
import { api, unwrap } from '@/lib/api-client';

/** A campaign's dictionary as the API serves it: with the indicators reading each item (their help). */
export type CampaignDictionary = Dictionary & {
  indicatorsByItem: Readonly<Record<string, readonly ItemIndicatorUse[]>>;
};

export function getDictionary(year: number, signal?: AbortSignal): Promise<CampaignDictionary> {
  return unwrap(api.GET('/api/campaigns/{year}/dictionary', { params: { path: { year } }, signal }));
}

export function getDictionaryQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['campaigns', year, 'dictionary'] as const,
    queryFn: ({ signal }) => getDictionary(year, signal),
    // A campaign's dictionary is fixed once the campaign exists.
    staleTime: Infinity,
  });
}

export function useDictionary(year: number) {
  return useQuery(getDictionaryQueryOptions(year));
}
