import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorGuide } from '@tdb/contracts';
import { api, unwrap } from '../api-client';

/** The "Guide des indicateurs" of a campaign year (the latest campaign when none is given); public. */
export function getIndicatorGuide(year: number | undefined, signal?: AbortSignal): Promise<IndicatorGuide> {
  return unwrap(
    api.GET('/api/indicators/guide', {
      params: { query: { year: year === undefined ? undefined : String(year) } },
      signal,
    }),
  );
}

export function getIndicatorGuideQueryOptions(year?: number) {
  return queryOptions({
    queryKey: ['indicator-guide', year ?? 'latest'] as const,
    queryFn: ({ signal }) => getIndicatorGuide(year, signal),
    // The sheets change with the dictionary only.
    staleTime: 10 * 60_000,
  });
}

export function useIndicatorGuide(year?: number) {
  return useQuery(getIndicatorGuideQueryOptions(year));
}
