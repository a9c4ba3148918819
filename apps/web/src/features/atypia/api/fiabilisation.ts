import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuthorityRef,
  FiabilisationAssignmentDto,
  FiabilisationControllerDto,
  FiabilisationPrioritiesDto,
} from '@tdb/contracts';
import { api, isApiClientError, unwrap, type ApiClientError } from '@/lib/api-client';

/** The authority whose accounts and priorities are read (none: the caller's own). */
const authorityQuery = (authority: AuthorityRef | null) => ({ kind: authority?.kind, code: authority?.code });

export function getFiabilisationControllers(
  year: number,
  authority: AuthorityRef | null,
  signal?: AbortSignal,
): Promise<FiabilisationControllerDto[]> {
  return unwrap(
    api.GET('/api/campaigns/{year}/fiabilisation/controllers', {
      params: { path: { year }, query: authorityQuery(authority) },
      signal,
    }),
  );
}

export function useFiabilisationControllers(year: number, authority: AuthorityRef | null, enabled = true) {
  return useQuery({
    queryKey: ['fiabilisation', year, 'controllers', authority] as const,
    queryFn: ({ signal }) => getFiabilisationControllers(year, authority, signal),
    enabled,
  });
}

/**
 * The recorded assignments, when the API lists them (GET fiabilisation/assignments); null when it
 * does not (404): the page then only knows the versions it saved itself.
 */
export function useFiabilisationAssignments(year: number) {
  return useQuery({
    queryKey: ['fiabilisation', year, 'assignments'] as const,
    queryFn: async ({ signal }): Promise<FiabilisationAssignmentDto[] | null> => {
      try {
        return await unwrap(
          api.GET('/api/campaigns/{year}/fiabilisation/assignments', { params: { path: { year } }, signal }),
        );
      } catch (error) {
        if (isApiClientError(error) && (error.statusCode === 404 || error.statusCode === 405)) return null;
        throw error;
      }
    },
  });
}

export interface AssignmentRequestItem {
  finess: string;
  controllerId: string | null;
  priority: number;
  note?: string;
  version?: number;
}

export function useSaveAssignments(year: number) {
  const queryClient = useQueryClient();
  return useMutation<FiabilisationAssignmentDto[], ApiClientError, AssignmentRequestItem[]>({
    mutationFn: (items) =>
      unwrap(
        api.PUT('/api/campaigns/{year}/fiabilisation/assignments', {
          params: { path: { year } },
          body: { items },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['atypia', year] });
    },
  });
}

export function getFiabilisationPriorities(
  year: number,
  authority: AuthorityRef | null,
  signal?: AbortSignal,
): Promise<FiabilisationPrioritiesDto> {
  return unwrap(
    api.GET('/api/campaigns/{year}/fiabilisation/priorities', {
      params: { path: { year }, query: authorityQuery(authority) },
      signal,
    }),
  );
}

export function getPrioritiesQueryOptions(year: number, authority: AuthorityRef | null) {
  return queryOptions({
    queryKey: ['fiabilisation', year, 'priorities', authority] as const,
    queryFn: ({ signal }) => getFiabilisationPriorities(year, authority, signal),
  });
}

export function useFiabilisationPriorities(year: number, authority: AuthorityRef | null, enabled = true) {
  return useQuery({ ...getPrioritiesQueryOptions(year, authority), enabled });
}

export function useSavePriorities(year: number, authority: AuthorityRef | null) {
  const queryClient = useQueryClient();
  return useMutation<
    FiabilisationPrioritiesDto,
    ApiClientError,
    { indicatorCodes: string[]; ruleCodes: string[]; version: number }
  >({
    mutationFn: (body) =>
      unwrap(
        api.PUT('/api/campaigns/{year}/fiabilisation/priorities', {
          params: { path: { year }, query: authorityQuery(authority) },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(getPrioritiesQueryOptions(year, authority).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['atypia', year] });
    },
  });
}
