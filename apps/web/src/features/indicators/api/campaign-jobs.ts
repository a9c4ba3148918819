import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignJobDto } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** How often the job list is read again while a job is waiting or running. */
export const JOB_POLL_INTERVAL_MS = 2000;

export function isActiveJob(job: CampaignJobDto): boolean {
  return job.status === 'QUEUED' || job.status === 'RUNNING';
}

/** Polls while a job is queued or running, and stops once every job is done or failed. */
export function jobsRefetchInterval(jobs: CampaignJobDto[] | undefined): number | false {
  return jobs?.some(isActiveJob) ? JOB_POLL_INTERVAL_MS : false;
}

export function getCampaignJobs(year: number, signal?: AbortSignal): Promise<CampaignJobDto[]> {
  return unwrap(api.GET('/api/campaigns/{year}/jobs', { params: { path: { year } }, signal }));
}

export function startIndicatorsRecompute(year: number): Promise<CampaignJobDto> {
  return unwrap(api.POST('/api/campaigns/{year}/jobs/recompute-indicators', { params: { path: { year } } }));
}

export function getCampaignJobsQueryOptions(year: number) {
  return queryOptions({
    queryKey: ['campaign-jobs', year] as const,
    queryFn: ({ signal }) => getCampaignJobs(year, signal),
    refetchInterval: (query) => jobsRefetchInterval(query.state.data),
  });
}

/** The background jobs of a campaign, newest first (national administrator). */
export function useCampaignJobs(year: number) {
  return useQuery(getCampaignJobsQueryOptions(year));
}

/** Starts a recompute of every indicator of the campaign; a 409 says one is already under way. */
export function useRecomputeIndicators(year: number) {
  const queryClient = useQueryClient();
  const key = getCampaignJobsQueryOptions(year).queryKey;
  return useMutation<CampaignJobDto, ApiClientError, void>({
    mutationFn: () => startIndicatorsRecompute(year),
    onSuccess: (job) => {
      queryClient.setQueryData(key, (jobs) => [job, ...(jobs ?? []).filter((j) => j.id !== job.id)]);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      // Already running (perhaps started by someone else): show that job and its progress.
      if (error.statusCode === 409) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
