import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, GrantInput } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

export function addGrant(accountId: string, grant: GrantInput): Promise<Account> {
  return apiClient.post<Account>(`/accounts/${encodeURIComponent(accountId)}/grants`, grant);
}

export function useAddGrant(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, GrantInput>({
    mutationFn: (grant) => addGrant(accountId, grant),
    onSuccess: (account) => accountUpdated(queryClient, account),
  });
}
