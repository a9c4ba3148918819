import { useMutation } from '@tanstack/react-query';
import type { AcceptInvitationRequest } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** Activates an invited account with the password chosen (204). */
export async function acceptInvitation(request: AcceptInvitationRequest): Promise<void> {
  await unwrap(api.POST('/api/auth/accept-invitation', { body: request }));
}

export function useAcceptInvitation() {
  return useMutation<void, ApiClientError, AcceptInvitationRequest>({ mutationFn: acceptInvitation });
}
