import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClientError } from '@/lib/api-client';
import { getSessionsQueryOptions } from './get-sessions';

/** Closes one of my sessions (another device or browser). */
export function deleteSession(id: string): Promise<void> {
  return apiClient.delete<void>(`/auth/sessions/${encodeURIComponent(id)}`);
}

export function useDeleteSession() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, string>({
    mutationFn: deleteSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getSessionsQueryOptions().queryKey }),
  });
}
