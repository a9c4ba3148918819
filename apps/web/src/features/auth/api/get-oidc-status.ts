import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OidcStatus } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** Whether sign-in through an identity provider (ProConnect…) is offered, and its name. */
export function getOidcStatus(signal?: AbortSignal): Promise<OidcStatus> {
  return unwrap(api.GET('/api/auth/oidc', { signal }));
}

export function getOidcStatusQueryOptions() {
  return queryOptions({
    queryKey: ['oidc-status'] as const,
    queryFn: ({ signal }) => getOidcStatus(signal),
    staleTime: Infinity,
    // Without an answer the page shows the password form alone: no error to show for it.
    retry: false,
  });
}

export function useOidcStatus() {
  return useQuery(getOidcStatusQueryOptions());
}

/** Where the browser goes to sign in through the provider (a navigation, not a fetch). */
export function providerSignInUrl(options: { invitation?: string; returnTo?: string | null } = {}): string {
  const query = new URLSearchParams();
  if (options.invitation) query.set('invitation', options.invitation);
  if (options.returnTo) query.set('returnTo', options.returnTo);
  const search = query.toString();
  return `/api/auth/oidc/login${search ? `?${search}` : ''}`;
}
