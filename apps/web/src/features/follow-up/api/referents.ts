import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthorityRef, CreateReferentRequest, ReferentDto } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

export function getReferents(authority: AuthorityRef, signal?: AbortSignal): Promise<ReferentDto[]> {
  return unwrap(
    api.GET('/api/referents', { params: { query: { kind: authority.kind, code: authority.code } }, signal }),
  );
}

export function getReferentsQueryOptions(authority: AuthorityRef) {
  return queryOptions({
    queryKey: ['referents', authority.kind, authority.code] as const,
    queryFn: ({ signal }) => getReferents(authority, signal),
  });
}

export function useReferents(authority: AuthorityRef | null) {
  return useQuery({
    ...getReferentsQueryOptions(authority ?? { kind: 'ARS', code: '' }),
    enabled: authority !== null && authority.code !== '',
  });
}

export function createReferent(request: CreateReferentRequest): Promise<ReferentDto> {
  return unwrap(api.POST('/api/referents', { body: request }));
}

export async function deleteReferent(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/referents/{id}', { params: { path: { id } } }));
}

export function useCreateReferent() {
  const queryClient = useQueryClient();
  return useMutation<ReferentDto, ApiClientError, CreateReferentRequest>({
    mutationFn: createReferent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['referents'] }),
  });
}

export function useDeleteReferent() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, string>({
    mutationFn: deleteReferent,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['referents'] }),
  });
}
