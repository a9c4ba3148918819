import { useMutation } from '@tanstack/react-query';
import type { ForgotPasswordRequest } from '@tdb/contracts';
import { apiRequest, type ApiClientError } from '@/lib/api-client';

/** 202 whether the address has an account or not (the answer must not tell). */
export function forgotPassword(request: ForgotPasswordRequest): Promise<unknown> {
  return apiRequest<unknown>('/auth/forgot-password', { method: 'POST', body: request, auth: false });
}

export function useForgotPassword() {
  return useMutation<unknown, ApiClientError, ForgotPasswordRequest>({ mutationFn: forgotPassword });
}
