import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CategoryCorrectionRequest, StructureDetail } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { getStructureQueryOptions } from './get-structure';

export function correctStructureCategory(
  finess: string,
  request: CategoryCorrectionRequest,
): Promise<StructureDetail> {
  return apiClient.patch<StructureDetail>(`/structures/${encodeURIComponent(finess)}/category`, request);
}

/**
 * Corrects the category of a structure. On success the detail is replaced by the answer and every
 * structures query (lists show the category) and the managing organisation are refetched.
 */
export function useCorrectStructureCategory(finess: string) {
  const queryClient = useQueryClient();
  return useMutation<StructureDetail, ApiClientError, CategoryCorrectionRequest>({
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
