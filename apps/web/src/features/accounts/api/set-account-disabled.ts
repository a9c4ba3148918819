import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/** POST /accounts/:id/disable (closes its sessions) or /accounts/:id/enable. */
export function setAccountDisabled(accountId: string, disabled: boolean): Promise<Account> {
  return apiClient.post<Account>(
    `/accounts/${encodeURIComponent(accountId)}/${disabled ? 'disable' : 'enable'}`,
  );
}

export function useSetAccountDisabled(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, boolean>({
    mutationFn: (disabled) => setAccountDisabled(accountId, disabled),
    onSuccess: (account) => accountUpdated(queryClient, account),
  });
}
