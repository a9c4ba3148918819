import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SubmissionDetail } from '@tdb/contracts';
import { submissionApiPath } from '@/lib/api/api-paths';
import { apiClient } from '@/lib/api-client';

export function getSubmission(year: number, finess: string, signal?: AbortSignal): Promise<SubmissionDetail> {
  return apiClient.get<SubmissionDetail>(submissionApiPath(year, finess), signal);
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
