import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Dictionary } from '@tdb/dictionary';
import { apiClient } from '@/lib/api-client';

export function getDictionary(year: number, signal?: AbortSignal): Promise<Dictionary> {
  return apiClient.get<Dictionary>(`/campaigns/${year}/dictionary`, signal);
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
