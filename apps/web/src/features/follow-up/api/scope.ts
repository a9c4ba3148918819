import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Paginated, ScopeChangeRequest, ScopeImportResult, SubmissionSummary } from '@tdb/contracts';
import { api, saveBlob, unwrap, unwrapFile, type ApiClientError } from '@/lib/api-client';
import { fileForm } from '@/lib/api/file-form';

export interface ScopeListQuery {
  q?: string;
  department?: string;
  category?: string;
  page?: number;
  pageSize?: number;
}

/** The submissions of the campaign, excluded structures included. */
export function getScopeSubmissions(
  year: number,
  params: ScopeListQuery,
  signal?: AbortSignal,
): Promise<Paginated<SubmissionSummary>> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions', {
      params: {
        path: { year },
        // In this order: specs read the query string.
        query: {
          q: params.q?.trim(),
          department: params.department,
          category: params.category,
          page: params.page,
          pageSize: params.pageSize,
          includeExcluded: true,
        },
      },
      signal,
    }),
  );
}

export function getScopeSubmissionsQueryOptions(year: number, params: ScopeListQuery) {
  return queryOptions({
    queryKey: ['submissions', year, 'scope', params] as const,
    queryFn: ({ signal }) => getScopeSubmissions(year, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useScopeSubmissions(year: number, params: ScopeListQuery) {
  return useQuery({ ...getScopeSubmissionsQueryOptions(year, params), enabled: year > 0 });
}

export function changeScope(
  year: number,
  finess: string,
  request: ScopeChangeRequest,
): Promise<SubmissionSummary> {
  return unwrap(
    api.PATCH('/api/campaigns/{year}/submissions/{finess}/scope', {
      params: { path: { year, finess } },
      body: request,
    }),
  );
}

/** After a change of scope, the counts, lists and follow-up of the campaign are stale. */
function useInvalidateCampaign(year: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['submissions', year] }),
      queryClient.invalidateQueries({ queryKey: ['campaigns', year] }),
    ]);
}

export function useChangeScope(year: number) {
  const invalidate = useInvalidateCampaign(year);
  return useMutation<SubmissionSummary, ApiClientError, { finess: string; request: ScopeChangeRequest }>({
    mutationFn: ({ finess, request }) => changeScope(year, finess, request),
    onSettled: () => invalidate(),
  });
}

export function uploadScope(year: number, file: File): Promise<ScopeImportResult> {
  return unwrap(
    api.POST('/api/campaigns/{year}/scope', { params: { path: { year } }, body: fileForm(file) }),
  );
}

export function useUploadScope(year: number) {
  const invalidate = useInvalidateCampaign(year);
  return useMutation<ScopeImportResult, ApiClientError, File>({
    mutationFn: (file) => uploadScope(year, file),
    onSuccess: () => invalidate(),
  });
}

/** Downloads the scope list (XLSX) of the campaign, for one region or the caller's whole scope. */
export async function downloadScope(year: number, region?: string): Promise<void> {
  const { blob, fileName } = await unwrapFile(
    api.GET('/api/campaigns/{year}/scope.xlsx', {
      params: { path: { year }, query: { region } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, fileName ?? `tdb-${year}-perimetre${region ? `-${region}` : ''}.xlsx`);
}
