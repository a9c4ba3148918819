import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** Sends the invitation e-mail again, with a new link (204). */
export async function resendInvitation(accountId: string): Promise<void> {
  await unwrap(api.POST('/api/accounts/{id}/resend-invitation', { params: { path: { id: accountId } } }));
}

export function useResendInvitation(accountId: string) {
  return useMutation<void, ApiClientError, void>({ mutationFn: () => resendInvitation(accountId) });
}
