import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateAccountRequest, GrantOfferResult } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/**
 * Gives a grant to the person of an email address: added at once to an account one manages,
 * otherwise an invitation (a new account, or an offer the person accepts).
 */
export function createAccount(request: CreateAccountRequest): Promise<GrantOfferResult> {
  return unwrap(api.POST('/api/accounts', { body: request }));
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation<GrantOfferResult, ApiClientError, CreateAccountRequest>({
    mutationFn: createAccount,
    onSuccess: async (result) => {
      if (result.account) await accountUpdated(queryClient, result.account);
      else await queryClient.invalidateQueries({ queryKey: ['accounts', 'list'] });
      // A designation may have moved a principal seat.
      await queryClient.invalidateQueries({ queryKey: ['accounts', 'principal'] });
    },
    // Refused because the seat was taken meanwhile (409): ask again who holds it.
    onError: (error) =>
      error.code === 'PRINCIPAL_HELD'
        ? queryClient.invalidateQueries({ queryKey: ['accounts', 'principal'] })
        : undefined,
  });
}
