import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FaqEntryDto, FaqSummary } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

export interface FaqFilters {
  q?: string;
  item?: string;
  indicator?: string;
  proposed?: boolean;
}

export function getFaq(year: number, filters: FaqFilters, signal?: AbortSignal): Promise<FaqEntryDto[]> {
  return unwrap(
    api.GET('/api/campaigns/{year}/faq', {
      params: {
        path: { year },
        query: {
          q: filters.q?.trim() || undefined,
          item: filters.item || undefined,
          indicator: filters.indicator || undefined,
          proposed: filters.proposed || undefined,
        },
      },
      signal,
    }),
  );
}

export function useFaq(year: number, filters: FaqFilters) {
  return useQuery({
    queryKey: ['faq', year, 'list', filters] as const,
    queryFn: ({ signal }) => getFaq(year, filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many FAQ entries the reader sees, per item and indicator (for the links next to them). */
export function useFaqSummary(year: number, enabled = true) {
  return useQuery({
    queryKey: ['faq', year, 'summary'] as const,
    queryFn: ({ signal }): Promise<FaqSummary> =>
      unwrap(api.GET('/api/campaigns/{year}/faq/summary', { params: { path: { year } }, signal })),
    enabled,
    staleTime: 60_000,
  });
}

export function usePublishNationally(year: number) {
  const queryClient = useQueryClient();
  return useMutation<FaqEntryDto, ApiClientError, string>({
    mutationFn: (id) =>
      unwrap(api.POST('/api/campaigns/{year}/faq/{id}/national', { params: { path: { year, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['faq', year] }),
  });
}

export function useWithdrawFaqEntry(year: number) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, { id: string; version: number }>({
    mutationFn: async ({ id, version }) => {
      await unwrap(
        api.DELETE('/api/campaigns/{year}/faq/{id}', { params: { path: { year, id }, query: { version } } }),
      );
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['faq', year] }),
        queryClient.invalidateQueries({ queryKey: ['support', year] }),
      ]),
  });
}
