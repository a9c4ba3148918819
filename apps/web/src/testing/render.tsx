import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import type { Account } from '@tdb/contracts';
import { AuthProvider } from '@/lib/auth/auth-provider';
import { authStore } from '@/lib/auth/auth-store';
import { buildAccount } from './fixtures';

/** Shows the current URL, so that tests can assert what the page wrote there. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export const TEST_ACCESS_TOKEN = 'jeton-de-test';

export interface RenderOptions {
  /**
   * The signed-in account (default: a national administrator, with the access token
   * TEST_ACCESS_TOKEN); null: nobody signed in.
   */
  account?: Account | null;
  /** The login said that this account must set up a second factor first (default false). */
  totpEnrollmentRequired?: boolean;
}

/** Puts the auth store in the state of a page where `account` is signed in (or nobody). */
export function signIn(account: Account | null, totpEnrollmentRequired = false): void {
  if (account === null) authStore.reset({ status: 'anonymous', reason: null });
  else
    authStore.reset(
      { status: 'authenticated', account, expiresAt: Date.now() + 15 * 60_000, totpEnrollmentRequired },
      TEST_ACCESS_TOKEN,
    );
}

/**
 * Renders pages in a memory router (at `url`) with a fresh query client that does not retry, inside
 * the auth provider. `routes` maps a path pattern to its page element.
 */
export function renderWithRouter(
  routes: Record<string, ReactElement>,
  url: string,
  options: RenderOptions = {},
) {
  signIn(
    options.account === undefined ? buildAccount() : options.account,
    options.totpEnrollmentRequired ?? false,
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 0 }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    Object.entries(routes).map(([path, element]) => ({
      path,
      element: (
        <>
          {element}
          <LocationProbe />
        </>
      ),
    })),
    { initialEntries: [url] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}
