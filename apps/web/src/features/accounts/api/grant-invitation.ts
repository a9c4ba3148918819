import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GrantInvitationInfo } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** The grant offered by an emailed link; public route (no token sent, its 4xx are answers). */
export function getGrantInvitation(token: string, signal?: AbortSignal): Promise<GrantInvitationInfo> {
  return unwrap(api.GET('/api/grant-invitations/{token}', { params: { path: { token } }, signal }));
}

/** Accepts or refuses the offer of a link. */
export function answerGrantInvitation(
  token: string,
  answer: 'accept' | 'decline',
): Promise<GrantInvitationInfo> {
  const init = { params: { path: { token } } };
  return unwrap(
    answer === 'accept'
      ? api.POST('/api/grant-invitations/{token}/accept', init)
      : api.POST('/api/grant-invitations/{token}/decline', init),
  );
}

/** The grant an emailed link offers (404 unknown link). No account needed: the link is the proof. */
export function getGrantInvitationQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['grant-invitations', token] as const,
    queryFn: ({ signal }) => getGrantInvitation(token, signal),
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
    mutationFn: (answer) => answerGrantInvitation(token, answer),
    onSuccess: (info) => queryClient.setQueryData(getGrantInvitationQueryOptions(token).queryKey, info),
  });
}
