import type { QueryClient } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { authStore } from '@/lib/auth/auth-store';
import { getAccountQueryOptions } from './get-account';

/**
 * After a change answered with the account: show the answer at once, refetch the lists (names,
 * grants and statuses appear there) and, when it is one's own account, the session's copy.
 */
export async function accountUpdated(queryClient: QueryClient, account: Account): Promise<void> {
  queryClient.setQueryData(getAccountQueryOptions(account.id).queryKey, account);
  authStore.updateAccount(account);
  await queryClient.invalidateQueries({ queryKey: ['accounts', 'list'] });
  await queryClient.invalidateQueries({ queryKey: ['accounts', 'me'] });
}
