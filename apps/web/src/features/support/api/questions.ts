import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FaqEntryDto,
  Paginated,
  SupportQuestionStatus,
  SupportQuestionSummary,
  SupportStats,
  SupportThread,
} from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/** The filters of the queue and of « Mes questions », as the API reads them. */
export interface QuestionFilters {
  status?: SupportQuestionStatus;
  authority?: 'ARS' | 'CD';
  category?: string;
  item?: string;
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

export function getQuestions(
  year: number,
  filters: QuestionFilters,
  signal?: AbortSignal,
): Promise<Paginated<SupportQuestionSummary>> {
  return unwrap(
    api.GET('/api/campaigns/{year}/support/questions', {
      params: {
        path: { year },
        query: {
          status: filters.status,
          authority: filters.authority,
          category: filters.category || undefined,
          item: filters.item || undefined,
          mine: filters.mine || undefined,
          page: filters.page,
          pageSize: filters.pageSize,
        },
      },
      signal,
    }),
  );
}

export function getQuestionsQueryOptions(year: number, filters: QuestionFilters) {
  return queryOptions({
    queryKey: ['support', year, 'questions', filters] as const,
    queryFn: ({ signal }) => getQuestions(year, filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useQuestions(year: number, filters: QuestionFilters) {
  return useQuery(getQuestionsQueryOptions(year, filters));
}

export function getQuestion(year: number, id: string, signal?: AbortSignal): Promise<SupportThread> {
  return unwrap(
    api.GET('/api/campaigns/{year}/support/questions/{id}', { params: { path: { year, id } }, signal }),
  );
}

export function useQuestion(year: number, id: string) {
  return useQuery({
    queryKey: ['support', year, 'question', id] as const,
    queryFn: ({ signal }) => getQuestion(year, id, signal),
  });
}

export function useSupportStats(year: number, enabled = true) {
  return useQuery({
    queryKey: ['support', year, 'stats'] as const,
    queryFn: ({ signal }): Promise<SupportStats> =>
      unwrap(api.GET('/api/campaigns/{year}/support/stats', { params: { path: { year } }, signal })),
    enabled,
  });
}

export interface AskInput {
  finess: string;
  subject: string;
  body: string;
  pagePath?: string;
  itemCode?: string;
  indicatorCode?: string;
}

function useInvalidateSupport(year: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['support', year] });
}

export function useAskQuestion(year: number) {
  const invalidate = useInvalidateSupport(year);
  return useMutation<SupportThread, ApiClientError, AskInput>({
    mutationFn: (body) =>
      unwrap(api.POST('/api/campaigns/{year}/support/questions', { params: { path: { year } }, body })),
    onSuccess: () => invalidate(),
  });
}

export function usePostSupportMessage(year: number, id: string) {
  const invalidate = useInvalidateSupport(year);
  return useMutation<SupportThread, ApiClientError, { body: string; version: number }>({
    mutationFn: (body) =>
      unwrap(
        api.POST('/api/campaigns/{year}/support/questions/{id}/messages', {
          params: { path: { year, id } },
          body,
        }),
      ),
    onSuccess: () => invalidate(),
  });
}

export function useAssignQuestion(year: number, id: string) {
  const invalidate = useInvalidateSupport(year);
  return useMutation<SupportThread, ApiClientError, { assigneeId: string | null; version: number }>({
    mutationFn: (body) =>
      unwrap(
        api.PUT('/api/campaigns/{year}/support/questions/{id}/assignment', {
          params: { path: { year, id } },
          body,
        }),
      ),
    onSuccess: () => invalidate(),
  });
}

export function useSetQuestionStatus(year: number, id: string) {
  const invalidate = useInvalidateSupport(year);
  return useMutation<SupportThread, ApiClientError, { action: 'CLOSE' | 'REOPEN'; version: number }>({
    mutationFn: (body) =>
      unwrap(
        api.POST('/api/campaigns/{year}/support/questions/{id}/status', {
          params: { path: { year, id } },
          body,
        }),
      ),
    onSuccess: () => invalidate(),
  });
}

export interface PublishInput {
  question: string;
  answer: string;
  target: 'REGION' | 'NATIONAL_PROPOSAL' | 'NATIONAL';
  version: number;
}

export function usePublishFaq(year: number, id: string) {
  const queryClient = useQueryClient();
  return useMutation<FaqEntryDto, ApiClientError, PublishInput>({
    mutationFn: (body) =>
      unwrap(
        api.POST('/api/campaigns/{year}/support/questions/{id}/faq', {
          params: { path: { year, id } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['support', year] }),
        queryClient.invalidateQueries({ queryKey: ['faq', year] }),
      ]),
  });
}

export interface Colleague {
  id: string;
  name: string;
  organisationKind: 'ARS' | 'CD';
  organisationCode: string;
}

/** The APR and controllers of the caller's authorities, to whom a question may be assigned. */
export function useColleagues(year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['support', year, 'colleagues'] as const,
    queryFn: ({ signal }): Promise<Colleague[]> =>
      unwrap(
        api.GET('/api/campaigns/{year}/fiabilisation/controllers', { params: { path: { year } }, signal }),
      ),
    enabled,
    staleTime: 5 * 60_000,
  });
}
