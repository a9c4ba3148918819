import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AtypiaDecisionResult,
  AtypiaFlagStatus,
  AtypiaTableRow,
  AtypiaThread,
  ChangesSinceValidation,
  Paginated,
} from '@tdb/contracts';
import { api, saveBlob, unwrap, unwrapFile, type ApiClientError } from '@/lib/api-client';
import type { operations } from '@/lib/api/openapi.gen';

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

type AtypiaFilterQuery = NonNullable<operations['AtypiaReviewController_download']['parameters']['query']>;

/** The filters as query parameters; the flags are sent only when set (`mine=true`). */
function filterParams(params: AtypiaFilters): AtypiaFilterQuery {
  return {
    status: params.status,
    department: params.department,
    category: params.category,
    ruleCode: params.ruleCode,
    severity: params.severity,
    mine: params.mine || undefined,
    priorityOnly: params.priorityOnly || undefined,
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
  return unwrap(
    api.GET('/api/campaigns/{year}/atypia', {
      params: {
        path: { year },
        query: { ...filterParams(params), page: params.page, pageSize: params.pageSize },
      },
      signal,
    }),
  );
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
  const { blob, fileName } = await unwrapFile(
    api.GET('/api/campaigns/{year}/atypia.xlsx', {
      params: { path: { year }, query: filterParams(params) },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, fileName ?? `tdb-${year}-atypies.xlsx`);
}

export function getAtypiaThread(year: number, flagId: string, signal?: AbortSignal): Promise<AtypiaThread> {
  return unwrap(
    api.GET('/api/campaigns/{year}/atypia/{flagId}', { params: { path: { year, flagId } }, signal }),
  );
}

export function getAtypiaThreadQueryOptions(year: number, flagId: string) {
  return queryOptions({
    queryKey: ['atypia', year, 'thread', flagId] as const,
    queryFn: ({ signal }) => getAtypiaThread(year, flagId, signal),
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
    mutationFn: (body) =>
      unwrap(
        api.POST('/api/campaigns/{year}/atypia/{flagId}/messages', {
          params: { path: { year, flagId } },
          body,
        }),
      ),
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
    mutationFn: (body) =>
      unwrap(api.POST('/api/campaigns/{year}/atypia/decisions', { params: { path: { year } }, body })),
    onSettled: () => invalidate(),
  });
}

export function useChangesSinceValidation(year: number, finess: string, enabled = true) {
  return useQuery({
    queryKey: ['atypia', year, 'changes', finess] as const,
    queryFn: ({ signal }): Promise<ChangesSinceValidation> =>
      unwrap(
        api.GET('/api/campaigns/{year}/submissions/{finess}/changes-since-validation', {
          params: { path: { year, finess } },
          signal,
        }),
      ),
    enabled,
  });
}
