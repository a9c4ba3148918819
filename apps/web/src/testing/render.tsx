import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';

/** Shows the current URL, so that tests can assert what the page wrote there. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Renders pages in a memory router (at `url`) with a fresh query client that does not retry.
 * `routes` maps a path pattern to its page element.
 */
export function renderWithRouter(routes: Record<string, ReactElement>, url: string) {
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
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}
