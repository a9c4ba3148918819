import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorValueDto } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getStructureIndicators(
  year: number,
  finess: string,
  signal?: AbortSignal,
): Promise<IndicatorValueDto[]> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions/{finess}/indicators', {
      params: { path: { year, finess } },
      signal,
    }),
  );
}

/** Under the submission's key: refetched whenever the submission is (its values change them). */
export function getStructureIndicatorsQueryOptions(year: number, finess: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess, 'indicators'] as const,
    queryFn: ({ signal }) => getStructureIndicators(year, finess, signal),
  });
}

export function useStructureIndicators(year: number, finess: string) {
  return useQuery(getStructureIndicatorsQueryOptions(year, finess));
}
