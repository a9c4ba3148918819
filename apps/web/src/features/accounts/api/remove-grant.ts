import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/** Removes a grant; 409 when it is the last APE of a structure (the message explains). */
export function removeGrant(accountId: string, grantId: string): Promise<Account> {
  return unwrap(
    api.DELETE('/api/accounts/{id}/grants/{grantId}', { params: { path: { id: accountId, grantId } } }),
  );
}

export function useRemoveGrant(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, string>({
    mutationFn: (grantId) => removeGrant(accountId, grantId),
    onSuccess: (account) => accountUpdated(queryClient, account),
  });
}
