import { useMutation } from '@tanstack/react-query';
import { apiClient, type ApiClientError } from '@/lib/api-client';

/** Sends the invitation e-mail again, with a new link (204). */
export function resendInvitation(accountId: string): Promise<void> {
  return apiClient.post<void>(`/accounts/${encodeURIComponent(accountId)}/resend-invitation`);
}

export function useResendInvitation(accountId: string) {
  return useMutation<void, ApiClientError, void>({ mutationFn: () => resendInvitation(accountId) });
}
