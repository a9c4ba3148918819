import { useMutation } from '@tanstack/react-query';
import type { ResetPasswordRequest } from '@tdb/contracts';
import { apiRequest, type ApiClientError } from '@/lib/api-client';

/** Sets a new password from a reset link (204); every session of the account is closed. */
export function resetPassword(request: ResetPasswordRequest): Promise<void> {
  return apiRequest<void>('/auth/reset-password', { method: 'POST', body: request, auth: false });
}

export function useResetPassword() {
  return useMutation<void, ApiClientError, ResetPasswordRequest>({ mutationFn: resetPassword });
}
