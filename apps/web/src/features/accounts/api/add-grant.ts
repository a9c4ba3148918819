import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, AddGrantRequest } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/** A grant added to an account one manages; `transfer` when it designates a principal that has one. */
export function addGrant(accountId: string, request: AddGrantRequest): Promise<Account> {
  return unwrap(
    api.POST('/api/accounts/{id}/grants', { params: { path: { id: accountId } }, body: request }),
  );
}

export function useAddGrant(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, AddGrantRequest>({
    mutationFn: (request) => addGrant(accountId, request),
    onSuccess: async (account) => {
      await accountUpdated(queryClient, account);
      await queryClient.invalidateQueries({ queryKey: ['accounts', 'principal'] });
    },
    onError: (error) =>
      error.code === 'PRINCIPAL_HELD'
        ? queryClient.invalidateQueries({ queryKey: ['accounts', 'principal'] })
        : undefined,
  });
}
