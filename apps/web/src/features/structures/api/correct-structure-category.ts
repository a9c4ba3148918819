import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CategoryCorrectionRequest } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getStructureQueryOptions, type StructureDetailResponse } from './get-structure';

export function correctStructureCategory(
  finess: string,
  request: CategoryCorrectionRequest,
): Promise<StructureDetailResponse> {
  return unwrap(
    api.PATCH('/api/structures/{finess}/category', { params: { path: { finess } }, body: request }),
  );
}

/**
 * Corrects the category of a structure. On success the detail is replaced by the answer and every
 * structures query (lists show the category) and the managing organisation are refetched.
 */
export function useCorrectStructureCategory(finess: string) {
  const queryClient = useQueryClient();
  return useMutation<StructureDetailResponse, ApiClientError, CategoryCorrectionRequest>({
    mutationFn: (request) => correctStructureCategory(finess, request),
    onSuccess: async (structure) => {
      queryClient.setQueryData(getStructureQueryOptions(finess).queryKey, structure);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['structures'] }),
        queryClient.invalidateQueries({ queryKey: ['organisations', structure.ogFiness] }),
      ]);
    },
  });
}
