import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CampaignDetail } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getCampaign(year: number, signal?: AbortSignal): Promise<CampaignDetail> {
  return unwrap(api.GET('/api/campaigns/{year}', { params: { path: { year } }, signal }));
}

export function getCampaignQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['campaigns', year] as const,
    queryFn: ({ signal }) => getCampaign(year, signal),
  });
}

export function useCampaign(year: number, options: { enabled?: boolean } = {}) {
  return useQuery({ ...getCampaignQueryOptions(year), enabled: (options.enabled ?? true) && year > 0 });
}
