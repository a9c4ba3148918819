import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/** POST /accounts/:id/disable (closes its sessions) or /accounts/:id/enable. */
export function setAccountDisabled(accountId: string, disabled: boolean): Promise<Account> {
  const init = { params: { path: { id: accountId } } };
  return unwrap(
    disabled ? api.POST('/api/accounts/{id}/disable', init) : api.POST('/api/accounts/{id}/enable', init),
  );
}

export function useSetAccountDisabled(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, boolean>({
    mutationFn: (disabled) => setAccountDisabled(accountId, disabled),
    onSuccess: (account) => accountUpdated(queryClient, account),
  });
}
