import type { AtypiaSort, AtypiaStatusFilter } from '../api/atypia';
import { FLAG_STATUSES } from './labels';

/** The atypia table's filters, sort and page, as its address says them. */
const SORTS: AtypiaSort[] = ['priority', 'structure', 'rule', 'value', 'updatedAt'];
const STATUS_FILTERS: AtypiaStatusFilter[] = [...FLAG_STATUSES, 'ALL'];

export interface TableState {
  status?: AtypiaStatusFilter;
  department?: string;
  category?: string;
  ruleCode?: string;
  severity?: 'high' | 'medium' | 'low';
  /** 'mes' or 'toutes'; unset: the default of the account. */
  vue?: 'mes' | 'toutes';
  priorityOnly?: boolean;
  sort?: AtypiaSort;
  order?: 'asc' | 'desc';
  page: number;
}

export function readState(params: URLSearchParams): TableState {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const state: TableState = { page: Number.isFinite(page) && page >= 1 ? page : 1 };
  const status = params.get('status') as AtypiaStatusFilter | null;
  if (status && STATUS_FILTERS.includes(status)) state.status = status;
  for (const key of ['department', 'category', 'ruleCode'] as const) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  const severity = params.get('severity');
  if (severity === 'high' || severity === 'medium' || severity === 'low') state.severity = severity;
  const vue = params.get('vue');
  if (vue === 'mes' || vue === 'toutes') state.vue = vue;
  if (params.get('prioritaires') === '1') state.priorityOnly = true;
  const sort = params.get('sort') as AtypiaSort | null;
  if (sort && SORTS.includes(sort)) state.sort = sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') state.order = order;
  return state;
}

export function toParams(state: TableState): URLSearchParams {
  const params = new URLSearchParams();
  const { priorityOnly, page, ...rest } = state;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (priorityOnly) params.set('prioritaires', '1');
  if (page > 1) params.set('page', String(page));
  return params;
}
