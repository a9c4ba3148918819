import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, UpdateAccountRequest } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { accountUpdated } from './account-updated';

/** Changes names and phone; `version` is the one read (409 STALE_VERSION when someone changed it since). */
export function updateAccount(id: string, request: UpdateAccountRequest): Promise<Account> {
  return unwrap(api.PATCH('/api/accounts/{id}', { params: { path: { id } }, body: request }));
}

export function useUpdateAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation<Account, ApiClientError, UpdateAccountRequest>({
    mutationFn: (request) => updateAccount(id, request),
    onSuccess: (account) => accountUpdated(queryClient, account),
  });
}
