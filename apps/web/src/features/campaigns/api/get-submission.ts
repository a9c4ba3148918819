import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SubmissionDetail } from '@tdb/contracts';
import { apiClient } from '@/lib/api-client';

export function submissionPath(year: number, finess: string): string {
  return `/campaigns/${year}/submissions/${encodeURIComponent(finess)}`;
}

export function getSubmission(year: number, finess: string, signal?: AbortSignal): Promise<SubmissionDetail> {
  return apiClient.get<SubmissionDetail>(submissionPath(year, finess), signal);
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
