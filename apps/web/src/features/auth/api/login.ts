import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';
import { authStore } from '@/lib/auth/auth-store';

export function login(request: LoginRequest): Promise<LoginResponse> {
  return unwrap(api.POST('/api/auth/login', { body: request }));
}

/** Signs in: on success the session starts (token in memory, refresh cookie set by the API). */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<LoginResponse, ApiClientError, LoginRequest>({
    mutationFn: login,
    onSuccess: (response) => {
      // Nothing read under a previous session may be shown to this account.
      queryClient.clear();
      authStore.start(response);
    },
  });
}
