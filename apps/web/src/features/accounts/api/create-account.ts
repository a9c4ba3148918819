import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, CreateAccountRequest } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/** Creates the account and invites it by e-mail; an existing address gets the grant added. */
export function createAccount(request: CreateAccountRequest): Promise<Account> {
  return apiClient.post<Account>('/accounts', request);
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, CreateAccountRequest>({
    mutationFn: createAccount,
    onSuccess: (account) => accountUpdated(queryClient, account),
  });
}
