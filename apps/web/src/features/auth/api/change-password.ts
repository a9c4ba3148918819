import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, LoginResponse } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { authStore } from '@/lib/auth/auth-store';
import { getSessionsQueryOptions } from './get-sessions';

/** Changes my password: the API closes every other session and returns a new access token. */
export function changePassword(request: ChangePasswordRequest): Promise<LoginResponse> {
  return unwrap(api.POST('/api/auth/password', { body: request }));
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation<LoginResponse, ApiClientError, ChangePasswordRequest>({
    mutationFn: changePassword,
    onSuccess: async (response) => {
      authStore.start(response);
      await queryClient.invalidateQueries({ queryKey: getSessionsQueryOptions().queryKey });
    },
  });
}
