import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { getSessionsQueryOptions } from './get-sessions';

/** Closes one of my sessions (another device or browser). */
export async function deleteSession(id: string): Promise<void> {
  await unwrap(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } }));
}

export function useDeleteSession() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, string>({
    mutationFn: deleteSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getSessionsQueryOptions().queryKey }),
  });
}
