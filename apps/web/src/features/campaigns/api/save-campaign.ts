import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignDatesDto, CampaignSummary } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

export interface CreateCampaignRequest {
  year: number;
  dates?: CampaignDatesDto;
  threshold?: number;
}

export interface UpdateCampaignRequest {
  version: number;
  dates?: CampaignDatesDto;
  threshold?: number;
}

export type CampaignCommand = 'open' | 'close';

export function createCampaign(request: CreateCampaignRequest): Promise<CampaignSummary> {
  return unwrap(api.POST('/api/campaigns', { body: request }));
}

export function updateCampaign(year: number, request: UpdateCampaignRequest): Promise<CampaignSummary> {
  return unwrap(api.PATCH('/api/campaigns/{year}', { params: { path: { year } }, body: request }));
}

export function runCampaignCommand(
  year: number,
  command: CampaignCommand,
  version: number,
): Promise<CampaignSummary> {
  return unwrap(
    api.POST(`/api/campaigns/{year}/${command}`, { params: { path: { year } }, body: { version } }),
  );
}

/** Every campaign query (list, details, home card) is refetched after a change. */
function useInvalidateCampaigns() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['campaigns'] });
}

export function useCreateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation<CampaignSummary, ApiClientError, CreateCampaignRequest>({
    mutationFn: createCampaign,
    onSuccess: invalidate,
  });
}

export function useUpdateCampaign(year: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation<CampaignSummary, ApiClientError, UpdateCampaignRequest>({
    mutationFn: (request) => updateCampaign(year, request),
    onSuccess: invalidate,
  });
}

export function useCampaignCommand(year: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation<CampaignSummary, ApiClientError, { command: CampaignCommand; version: number }>({
    mutationFn: ({ command, version }) => runCampaignCommand(year, command, version),
    onSuccess: invalidate,
  });
}
