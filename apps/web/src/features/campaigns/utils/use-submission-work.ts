import { scopeOf } from '@tdb/access';
import { useAuth } from '@/lib/auth/auth-provider';
import { actorOf, parisToday } from '@/lib/auth/permissions';

/** What remains for the caller's authority on a submission: the list's « À traiter » filter. */
export type SubmissionWork = 'DECIDE' | 'CONSULT';

export const WORK_LABELS: Record<SubmissionWork, string> = {
  DECIDE: 'À confirmer ou invalider',
  CONSULT: 'Partagées, à marquer consultées',
};

/**
 * The « À traiter » choices the signed-in account has: deciding on validated submissions for an
 * ARS or CD APR/controller and the national administrator; marking shared ones consulted for a
 * Département's. Readers and structures have none (the filter is then not offered).
 */
export function useSubmissionWork(): SubmissionWork[] {
  const { state } = useAuth();
  if (state.status !== 'authenticated') return [];
  const scope = scopeOf(actorOf(state.account), parisToday());
  const deciding = scope.authorities.filter((a) => a.role === 'APR' || a.role === 'CONTROLLER');
  const work: SubmissionWork[] = [];
  if (scope.all || deciding.length > 0) work.push('DECIDE');
  if (deciding.some((a) => a.kind === 'CD')) work.push('CONSULT');
  return work;
}
