import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SubmissionDetail } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

export function getSubmission(year: number, finess: string, signal?: AbortSignal): Promise<SubmissionDetail> {
  return unwrap(
    api.GET('/api/campaigns/{year}/submissions/{finess}', { params: { path: { year, finess } }, signal }),
  );
}

export function getSubmissionQueryOptions(year: number, finess: string) {
  return queryOptions({
    queryKey: ['submissions', year, finess] as const,
    queryFn: ({ signal }) => getSubmission(year, finess, signal),
  });
}

export function useSubmission(year: number, finess: string) {
  return useQuery(getSubmissionQueryOptions(year, finess));
}
