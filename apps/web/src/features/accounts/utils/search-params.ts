import type { AccountSearchQuery, AccountStatus, Role } from '@tdb/contracts';
import { ROLES } from '@tdb/access';
import { FILTERABLE_STATUSES } from './labels';

export const ACCOUNTS_PAGE_SIZE = 20;

/** The users list as the URL holds it: /utilisateurs?q=dupont&role=APE&statut=INVITED&page=2. */
export interface AccountSearchState {
  q: string;
  role: Role | '';
  status: AccountStatus | '';
  page: number;
}

export function parseAccountSearch(params: URLSearchParams): AccountSearchState {
  const role = params.get('role') ?? '';
  const status = params.get('statut') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : '',
    status: (FILTERABLE_STATUSES as readonly string[]).includes(status) ? (status as AccountStatus) : '',
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

export function toAccountSearchParams(state: AccountSearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim() !== '') params.set('q', state.q.trim());
  if (state.role !== '') params.set('role', state.role);
  if (state.status !== '') params.set('statut', state.status);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

export function toAccountQuery(state: AccountSearchState): AccountSearchQuery {
  const query: AccountSearchQuery = { page: state.page, pageSize: ACCOUNTS_PAGE_SIZE };
  if (state.q.trim() !== '') query.q = state.q.trim();
  if (state.role !== '') query.role = [state.role];
  if (state.status !== '') query.status = [state.status];
  return query;
}
