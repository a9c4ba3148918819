import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GrantInvitationInfo } from '@tdb/contracts';
import { apiRequest, type ApiClientError } from '@/lib/api-client';

const url = (token: string) => `/grant-invitations/${encodeURIComponent(token)}`;

/** The grant an emailed link offers (404 unknown link). No account needed: the link is the proof. */
export function getGrantInvitationQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['grant-invitations', token] as const,
    queryFn: ({ signal }) => apiRequest<GrantInvitationInfo>(url(token), { signal, auth: false }),
    enabled: token !== '',
    staleTime: Infinity,
  });
}

export function useGrantInvitation(token: string) {
  return useQuery(getGrantInvitationQueryOptions(token));
}

/** Accepts or refuses the offer; 410 when answered already, replaced or expired. */
export function useAnswerGrantInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation<GrantInvitationInfo, ApiClientError, 'accept' | 'decline'>({
    mutationFn: (answer) =>
      apiRequest<GrantInvitationInfo>(`${url(token)}/${answer}`, { method: 'POST', auth: false }),
    onSuccess: (info) => queryClient.setQueryData(getGrantInvitationQueryOptions(token).queryKey, info),
  });
}
