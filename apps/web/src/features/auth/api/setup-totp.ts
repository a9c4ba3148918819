import { useMutation } from '@tanstack/react-query';
import type { TotpSetup } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** A new secret for my authenticator app; it becomes active only once a first code confirms it. */
export function setupTotp(): Promise<TotpSetup> {
  return unwrap(api.POST('/api/auth/totp/setup'));
}

export function useSetupTotp() {
  return useMutation<TotpSetup, ApiClientError, void>({ mutationFn: setupTotp });
}
