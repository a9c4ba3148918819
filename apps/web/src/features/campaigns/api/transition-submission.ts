import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SubmissionDetail, TransitionRequestDto } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getSubmissionQueryOptions } from './get-submission';

export function transitionSubmission(
  year: number,
  finess: string,
  request: TransitionRequestDto,
): Promise<SubmissionDetail> {
  return unwrap(
    api.POST('/api/campaigns/{year}/submissions/{finess}/transitions', {
      params: { path: { year, finess } },
      body: request,
    }),
  );
}

/** Validates, reopens, invalidates… a submission; the answer replaces the detail, lists are refetched. */
export function useTransitionSubmission(year: number) {
  const queryClient = useQueryClient();
  return useMutation<SubmissionDetail, ApiClientError, { finess: string; request: TransitionRequestDto }>({
    mutationFn: ({ finess, request }) => transitionSubmission(year, finess, request),
    onSuccess: async (detail) => {
      queryClient.setQueryData(getSubmissionQueryOptions(year, detail.finess).queryKey, detail);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['submissions', year], exact: false }),
        queryClient.invalidateQueries({ queryKey: ['campaigns', year], exact: true }),
        queryClient.invalidateQueries({ queryKey: ['campaign-organisations', year] }),
      ]);
    },
  });
}
