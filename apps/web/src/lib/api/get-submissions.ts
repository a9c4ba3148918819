import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Paginated, SubmissionStatusCode, SubmissionSummary } from '@tdb/contracts';
import { api, unwrap } from '../api-client';

export interface SubmissionsQuery {
  q?: string;
  status?: SubmissionStatusCode;
  department?: string;
  category?: string;
  og?: string;
  /** What remains for the caller's authority (DECIDE, CONSULT). */
  work?: 'DECIDE' | 'CONSULT';
  page?: number;
  pageSize?: number;
}

export function getSubmissions(
  year: number,
  params: SubmissionsQuery,
  signal?: AbortSignal,
): Promise<Paginated<SubmissionSummary>> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions', {
      params: {
        path: { year },
        // In this order: specs read the query string.
        query: {
          q: params.q?.trim(),
          status: params.status,
          department: params.department,
          category: params.category,
          work: params.work,
          og: params.og,
          page: params.page,
          pageSize: params.pageSize,
        },
      },
      signal,
    }),
  );
}

export function getSubmissionsQueryOptions(year: number, params: SubmissionsQuery) {
  return queryOptions({
    queryKey: ['submissions', year, params] as const,
    queryFn: ({ signal }) => getSubmissions(year, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSubmissions(year: number, params: SubmissionsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...getSubmissionsQueryOptions(year, params), enabled: options.enabled ?? true });
}
