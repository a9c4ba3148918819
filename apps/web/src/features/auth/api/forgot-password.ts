import { useMutation } from '@tanstack/react-query';
import type { ForgotPasswordRequest } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import type { components } from '@/lib/api/openapi.gen';

/** What the API answers: a message in French, the same whether the address has an account or not. */
export type ForgotPasswordAnswer = components['schemas']['MessageResponse'];

/** 202 whether the address has an account or not (the answer must not tell). */
export function forgotPassword(request: ForgotPasswordRequest): Promise<ForgotPasswordAnswer> {
  return unwrap(api.POST('/api/auth/forgot-password', { body: request }));
}

export function useForgotPassword() {
  return useMutation<ForgotPasswordAnswer, ApiClientError, ForgotPasswordRequest>({
    mutationFn: forgotPassword,
  });
}
