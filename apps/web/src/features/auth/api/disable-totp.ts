import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getMeQueryOptions } from './get-me';

export interface DisableTotpRequest {
  password: string;
}

/**
 * Turns the second factor off, my password confirming it (204): 400 on a wrong password, 403 when
 * the platform makes it mandatory for my role (the message says so).
 */
export async function disableTotp(request: DisableTotpRequest): Promise<void> {
  await unwrap(api.POST('/api/auth/totp/disable', { body: request }));
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, DisableTotpRequest>({
    mutationFn: disableTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getMeQueryOptions().queryKey }),
  });
}
