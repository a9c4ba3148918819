import type { Account } from '@tdb/contracts';
import { activeGrantsOf, parisToday } from './permissions';

/**
 * Whether the account asks questions to its referents (support.ask): an APE or a USER of an ESMS or
 * an OG. ARS, Départements and the national administration answer them instead.
 */
export function asksQuestions(account: Pick<Account, 'grants'> | null, today = parisToday()): boolean {
  if (!account) return false;
  return activeGrantsOf(account, today).some(
    (g) =>
      (g.organisation.kind === 'ESMS' || g.organisation.kind === 'OG') &&
      (g.role === 'APE' || g.role === 'USER'),
  );
}
