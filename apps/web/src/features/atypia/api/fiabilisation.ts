import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuthorityRef,
  FiabilisationAssignmentDto,
  FiabilisationControllerDto,
  FiabilisationPrioritiesDto,
} from '@tdb/contracts';
import { apiClient, isApiClientError, toQueryString, type ApiClientError } from '@/lib/api-client';

const base = (year: number) => `/campaigns/${year}/fiabilisation`;
const authorityQuery = (authority: AuthorityRef | null) =>
  toQueryString({ kind: authority?.kind, code: authority?.code });

export function useFiabilisationControllers(year: number, authority: AuthorityRef | null, enabled = true) {
  return useQuery({
    queryKey: ['fiabilisation', year, 'controllers', authority] as const,
    queryFn: ({ signal }) =>
      apiClient.get<FiabilisationControllerDto[]>(
        `${base(year)}/controllers${authorityQuery(authority)}`,
        signal,
      ),
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
    queryFn: async ({ signal }) => {
      try {
        return await apiClient.get<FiabilisationAssignmentDto[]>(`${base(year)}/assignments`, signal);
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
      apiClient.put<FiabilisationAssignmentDto[]>(`${base(year)}/assignments`, { items }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['atypia', year] });
    },
  });
}

export function getPrioritiesQueryOptions(year: number, authority: AuthorityRef | null) {
  return queryOptions({
    queryKey: ['fiabilisation', year, 'priorities', authority] as const,
    queryFn: ({ signal }) =>
      apiClient.get<FiabilisationPrioritiesDto>(
        `${base(year)}/priorities${authorityQuery(authority)}`,
        signal,
      ),
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
      apiClient.put<FiabilisationPrioritiesDto>(`${base(year)}/priorities${authorityQuery(authority)}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(getPrioritiesQueryOptions(year, authority).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['atypia', year] });
    },
  });
}
