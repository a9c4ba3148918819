import { useMutation } from '@tanstack/react-query';
import type { ResetPasswordRequest } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** Sets a new password from a reset link (204); every session of the account is closed. */
export async function resetPassword(request: ResetPasswordRequest): Promise<void> {
  await unwrap(api.POST('/api/auth/reset-password', { body: request }));
}

export function useResetPassword() {
  return useMutation<void, ApiClientError, ResetPasswordRequest>({ mutationFn: resetPassword });
}
