import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CampaignSummary } from '@tdb/contracts';
import { api, unwrap } from '../api-client';

export function getCampaigns(signal?: AbortSignal): Promise<CampaignSummary[]> {
  return unwrap(api.GET('/api/campaigns', { signal }));
}

export function getCampaignsQueryOptions() {
  return queryOptions({
    queryKey: ['campaigns'] as const,
    queryFn: ({ signal }) => getCampaigns(signal),
  });
}

export function useCampaigns(options: { enabled?: boolean } = {}) {
  return useQuery({ ...getCampaignsQueryOptions(), enabled: options.enabled ?? true });
}
