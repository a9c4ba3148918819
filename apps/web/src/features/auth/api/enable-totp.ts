import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { authStore } from '@/lib/auth/auth-store';
import { getMeQueryOptions } from './get-me';

export interface EnableTotpRequest {
  /** The 6 digits shown by the app for the secret just set up. */
  code: string;
}

/** Turns the second factor on with a first code (204); 400 when the code is wrong. */
export async function enableTotp(request: EnableTotpRequest): Promise<void> {
  await unwrap(api.POST('/api/auth/totp/enable', { body: request }));
}

export function useEnableTotp() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, EnableTotpRequest>({
    mutationFn: enableTotp,
    onSuccess: async () => {
      // The rest of the service opens again if the second factor was mandatory.
      authStore.totpEnrolled();
      await queryClient.invalidateQueries({ queryKey: getMeQueryOptions().queryKey });
    },
  });
}
