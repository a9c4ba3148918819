import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AtypiaDecisionResult,
  AtypiaFlagStatus,
  AtypiaTableRow,
  AtypiaThread,
  ChangesSinceValidation,
  Paginated,
} from '@tdb/contracts';
import {
  apiClient,
  apiDownload,
  saveBlob,
  toQueryString,
  type ApiClientError,
  type QueryValue,
} from '@/lib/api-client';

export type AtypiaStatusFilter = AtypiaFlagStatus | 'ALL';
export type AtypiaSort = 'priority' | 'structure' | 'rule' | 'value' | 'updatedAt';

/** The filters of the atypia table (and of its export), as the API reads them. */
export interface AtypiaFilters {
  status?: AtypiaStatusFilter;
  department?: string;
  category?: string;
  ruleCode?: string;
  severity?: 'high' | 'medium' | 'low';
  mine?: boolean;
  priorityOnly?: boolean;
  view?: 'mine';
  sort?: AtypiaSort;
  order?: 'asc' | 'desc';
}

export interface AtypiaQuery extends AtypiaFilters {
  page?: number;
  pageSize?: number;
}

function filterParams(params: AtypiaFilters): Record<string, QueryValue> {
  return {
    status: params.status,
    department: params.department,
    category: params.category,
    ruleCode: params.ruleCode,
    severity: params.severity,
    mine: params.mine ? 'true' : undefined,
    priorityOnly: params.priorityOnly ? 'true' : undefined,
    view: params.view,
    sort: params.sort,
    order: params.order,
  };
}

export function getAtypiaTable(
  year: number,
  params: AtypiaQuery,
  signal?: AbortSignal,
): Promise<Paginated<AtypiaTableRow>> {
  const query = toQueryString({ ...filterParams(params), page: params.page, pageSize: params.pageSize });
  return apiClient.get<Paginated<AtypiaTableRow>>(`/campaigns/${year}/atypia${query}`, signal);
}

export function getAtypiaTableQueryOptions(year: number, params: AtypiaQuery) {
  return queryOptions({
    queryKey: ['atypia', year, 'table', params] as const,
    queryFn: ({ signal }) => getAtypiaTable(year, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAtypiaTable(year: number, params: AtypiaQuery, enabled = true) {
  return useQuery({ ...getAtypiaTableQueryOptions(year, params), enabled });
}

/** Downloads the table (same filters) as an Excel file. */
export async function downloadAtypia(year: number, params: AtypiaFilters): Promise<void> {
  const { blob, fileName } = await apiDownload(
    `/campaigns/${year}/atypia.xlsx${toQueryString(filterParams(params))}`,
  );
  saveBlob(blob, fileName ?? `tdb-${year}-atypies.xlsx`);
}

export function atypiaThreadPath(year: number, flagId: string): string {
  return `/campaigns/${year}/atypia/${encodeURIComponent(flagId)}`;
}

export function getAtypiaThreadQueryOptions(year: number, flagId: string) {
  return queryOptions({
    queryKey: ['atypia', year, 'thread', flagId] as const,
    queryFn: ({ signal }) => apiClient.get<AtypiaThread>(atypiaThreadPath(year, flagId), signal),
  });
}

export function useAtypiaThread(year: number, flagId: string) {
  return useQuery(getAtypiaThreadQueryOptions(year, flagId));
}

/** After a message or a decision: the table, the threads and the submissions (status, flags) are stale. */
function useInvalidateAtypia(year: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['atypia', year] }),
      queryClient.invalidateQueries({ queryKey: ['submissions', year] }),
    ]);
}

export function usePostAtypiaMessage(year: number, flagId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateAtypia(year);
  return useMutation<AtypiaThread, ApiClientError, { body: string; version?: number }>({
    mutationFn: (request) =>
      apiClient.post<AtypiaThread>(`${atypiaThreadPath(year, flagId)}/messages`, request),
    onSuccess: (thread) => {
      queryClient.setQueryData(getAtypiaThreadQueryOptions(year, flagId).queryKey, thread);
    },
    onSettled: () => invalidate(),
  });
}

export interface AtypiaDecisionRequest {
  flagIds: string[];
  decision: 'ACCEPTED' | 'TO_CORRECT';
  comment: string;
  versions?: Record<string, number>;
}

/** One decision on several flags, all or nothing. */
export function useAtypiaDecision(year: number) {
  const invalidate = useInvalidateAtypia(year);
  return useMutation<AtypiaDecisionResult, ApiClientError, AtypiaDecisionRequest>({
    mutationFn: (request) =>
      apiClient.post<AtypiaDecisionResult>(`/campaigns/${year}/atypia/decisions`, request),
    onSettled: () => invalidate(),
  });
}

export function useChangesSinceValidation(year: number, finess: string, enabled = true) {
  return useQuery({
    queryKey: ['atypia', year, 'changes', finess] as const,
    queryFn: ({ signal }) =>
      apiClient.get<ChangesSinceValidation>(
        `/campaigns/${year}/submissions/${encodeURIComponent(finess)}/changes-since-validation`,
        signal,
      ),
    enabled,
  });
}
