import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignMailing,
  CampaignMailingKind,
  MailingPreview,
  MailingRequest,
  MailingResult,
} from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** The API routes of each kind of mailing. */
const MAILING_ROUTES = {
  REMINDER: { preview: '/api/campaigns/{year}/reminders/preview', send: '/api/campaigns/{year}/reminders' },
  LAUNCH: {
    preview: '/api/campaigns/{year}/launch-email/preview',
    send: '/api/campaigns/{year}/launch-email',
  },
} as const satisfies Record<CampaignMailingKind, { preview: string; send: string }>;

export function previewMailing(
  year: number,
  kind: CampaignMailingKind,
  request: MailingRequest,
): Promise<MailingPreview> {
  return unwrap(api.POST(MAILING_ROUTES[kind].preview, { params: { path: { year } }, body: request }));
}

export function sendMailing(
  year: number,
  kind: CampaignMailingKind,
  request: MailingRequest,
): Promise<MailingResult> {
  return unwrap(api.POST(MAILING_ROUTES[kind].send, { params: { path: { year } }, body: request }));
}

export function getMailings(
  year: number,
  kind: CampaignMailingKind | undefined,
  signal?: AbortSignal,
): Promise<CampaignMailing[]> {
  return unwrap(
    api.GET('/api/campaigns/{year}/mailings', { params: { path: { year }, query: { kind } }, signal }),
  );
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
