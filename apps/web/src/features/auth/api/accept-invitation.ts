import { useMutation } from '@tanstack/react-query';
import type { AcceptInvitationRequest } from '@tdb/contracts';
import { apiRequest, type ApiClientError } from '@/lib/api-client';

/** Activates an invited account with the password chosen (204). */
export function acceptInvitation(request: AcceptInvitationRequest): Promise<void> {
  return apiRequest<void>('/auth/accept-invitation', { method: 'POST', body: request, auth: false });
}

export function useAcceptInvitation() {
  return useMutation<void, ApiClientError, AcceptInvitationRequest>({ mutationFn: acceptInvitation });
}
