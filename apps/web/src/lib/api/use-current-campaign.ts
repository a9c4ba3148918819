import { useQuery } from '@tanstack/react-query';
import type { CampaignSummary } from '@tdb/contracts';
import { getCampaignsQueryOptions } from './get-campaigns';

/** The most recent open campaign, if any. */
export function currentCampaign(campaigns: readonly CampaignSummary[]): CampaignSummary | undefined {
  return campaigns.filter((c) => c.state === 'OPEN').sort((a, b) => b.year - a.year)[0];
}

/** The year of the current campaign (null while unknown, or when none is open). */
export function useCurrentCampaignYear(enabled: boolean): number | null {
  const campaigns = useQuery({ ...getCampaignsQueryOptions(), enabled });
  return (campaigns.data && currentCampaign(campaigns.data)?.year) ?? null;
}
