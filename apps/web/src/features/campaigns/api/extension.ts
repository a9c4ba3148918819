import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ExtendCollectionResult, GrantExtensionRequest, SubmissionDetail } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getSubmissionQueryOptions } from './get-submission';

/** Grants (request) or withdraws (null) the extension of a submission; the answer replaces its detail. */
export function useSubmissionExtension(year: number, finess: string) {
  const queryClient = useQueryClient();
  return useMutation<SubmissionDetail, ApiClientError, GrantExtensionRequest | null>({
    mutationFn: (request) =>
      unwrap(
        request
          ? api.POST('/api/campaigns/{year}/submissions/{finess}/extension', {
              params: { path: { year, finess } },
              body: request,
            })
          : api.DELETE('/api/campaigns/{year}/submissions/{finess}/extension', {
              params: { path: { year, finess } },
            }),
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(getSubmissionQueryOptions(year, detail.finess).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: ['submissions', year], exact: false });
      await queryClient.invalidateQueries({ queryKey: ['campaigns', year, 'follow-up'] });
    },
  });
}

/** The national extension of the collection for every structure that has not validated. */
export function useExtendCollection(year: number) {
  const queryClient = useQueryClient();
  return useMutation<ExtendCollectionResult, ApiClientError, GrantExtensionRequest>({
    mutationFn: (request) =>
      unwrap(api.POST('/api/campaigns/{year}/extension', { params: { path: { year } }, body: request })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['submissions', year], exact: false });
      await queryClient.invalidateQueries({ queryKey: ['campaigns', year, 'follow-up'] });
    },
  });
}
