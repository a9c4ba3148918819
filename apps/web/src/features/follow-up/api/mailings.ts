import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignMailing,
  CampaignMailingKind,
  MailingPreview,
  MailingRequest,
  MailingResult,
} from '@tdb/contracts';
import { apiClient, toQueryString, type ApiClientError } from '@/lib/api-client';

/** The API route of each kind of mailing. */
const MAILING_PATHS: Record<CampaignMailingKind, string> = {
  REMINDER: 'reminders',
  LAUNCH: 'launch-email',
};

export function previewMailing(
  year: number,
  kind: CampaignMailingKind,
  request: MailingRequest,
): Promise<MailingPreview> {
  return apiClient.post<MailingPreview>(`/campaigns/${year}/${MAILING_PATHS[kind]}/preview`, request);
}

export function sendMailing(
  year: number,
  kind: CampaignMailingKind,
  request: MailingRequest,
): Promise<MailingResult> {
  return apiClient.post<MailingResult>(`/campaigns/${year}/${MAILING_PATHS[kind]}`, request);
}

export function getMailings(
  year: number,
  kind: CampaignMailingKind | undefined,
  signal?: AbortSignal,
): Promise<CampaignMailing[]> {
  return apiClient.get<CampaignMailing[]>(`/campaigns/${year}/mailings${toQueryString({ kind })}`, signal);
}

export function getMailingsQueryOptions(year: number, kind?: CampaignMailingKind) {
  return queryOptions({
    queryKey: ['campaigns', year, 'mailings', kind ?? 'ALL'] as const,
    queryFn: ({ signal }) => getMailings(year, kind, signal),
  });
}

export function useMailings(year: number, kind?: CampaignMailingKind) {
  return useQuery({ ...getMailingsQueryOptions(year, kind), enabled: year > 0 });
}

export function usePreviewMailing(year: number, kind: CampaignMailingKind) {
  return useMutation<MailingPreview, ApiClientError, MailingRequest>({
    mutationFn: (request) => previewMailing(year, kind, request),
  });
}

export function useSendMailing(year: number, kind: CampaignMailingKind) {
  const queryClient = useQueryClient();
  return useMutation<MailingResult, ApiClientError, MailingRequest>({
    mutationFn: (request) => sendMailing(year, kind, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns', year, 'mailings'] }),
  });
}
