import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '../../router';
import { AuthProvider } from '@/lib/auth/auth-provider';
import { mockApi } from '@/testing/mock-api';
import { indicatorGuide, PROVISIONAL_NOTICE } from '@/testing/indicator-fixtures';
import { signIn } from '@/testing/render';

/** The application's own routes, with nobody signed in. */
function renderSignedOut(url: string) {
  signIn(null);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return router;
}

const sheetButtons = () =>
  screen
    .getAllByRole('button', { expanded: false })
    .filter((b) => b.classList.contains('fr-accordion__btn'))
    .map((b) => b.textContent);

describe('indicators guide', () => {
  it('is public: reachable signed out, from the main navigation too', async () => {
    const api = mockApi().get('/api/indicators/guide', { body: indicatorGuide });
    const router = renderSignedOut('/indicateurs');

    expect(await screen.findByRole('heading', { level: 1, name: 'Guide des indicateurs' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/indicateurs');
    expect(await screen.findByText(/Campagne 2026, dictionnaire des données 2026\.1/)).toBeTruthy();
    expect(screen.getByText(/dont 2 à la définition provisoire/)).toBeTruthy();
    expect(api.calls('GET', '/api/indicators/guide')[0]?.headers['authorization']).toBeUndefined();
    const navigation = screen.getByRole('navigation', { name: 'Menu principal' });
    expect(within(navigation).getByRole('link', { name: 'Guide des indicateurs' })).toBeTruthy();
    expect(
      within(screen.getByRole('contentinfo')).getByRole('link', { name: 'Guide des indicateurs' }),
    ).toBeTruthy();
    // Grouped by axis, provisional sheets saying so.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toContain(
      'Ressources humaines et matérielles',
    );
    expect(sheetButtons()).toEqual([
      "P01 – Taux d'occupation",
      'P02 – Répartition des résidents par GIR',
      "R01 – Taux d'absentéisme provisoire",
      'F01 – Résultat net comptable',
      'O01 – Évaluation externe réalisée provisoire',
    ]);
  });

  it('filters by search, without accents, and by axis', async () => {
    mockApi().get('/api/indicators/guide', { body: indicatorGuide });
    const router = renderSignedOut('/indicateurs');
    const search = (await screen.findByRole('searchbox', { name: /Rechercher/ })) as HTMLInputElement;

    fireEvent.change(search, { target: { value: 'ABSENTEISME' } });
    expect(sheetButtons()).toEqual(["R01 – Taux d'absentéisme provisoire"]);
    expect(screen.getByText('1 indicateur trouvé sur 5')).toBeTruthy();
    expect(router.state.location.search).toBe('?q=ABSENTEISME');

    // On the meaning too ("groupe iso-ressources"), and on the code.
    fireEvent.change(search, { target: { value: 'iso ressources' } });
    expect(sheetButtons()).toEqual(['P02 – Répartition des résidents par GIR']);
    fireEvent.change(search, { target: { value: 'evaluation' } });
    expect(sheetButtons()).toEqual(['O01 – Évaluation externe réalisée provisoire']);

    fireEvent.change(search, { target: { value: 'taux' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Axe' }), { target: { value: 'RESSOURCES' } });
    expect(sheetButtons()).toEqual(["R01 – Taux d'absentéisme provisoire"]);

    fireEvent.change(search, { target: { value: 'introuvable' } });
    expect(screen.getByText(/Aucun indicateur ne correspond à votre recherche/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Effacer la recherche' }));
    expect(sheetButtons()).toHaveLength(5);
  });

  it('shows a sheet on its own page, signed out', async () => {
    mockApi().get('/api/indicators/guide', { body: indicatorGuide });
    renderSignedOut('/indicateurs/R01');

    expect(await screen.findByRole('heading', { level: 1, name: "Taux d'absentéisme" })).toBeTruthy();
    expect(screen.getByText(PROVISIONAL_NOTICE)).toBeTruthy();
    expect(screen.getByText("Nombre de jours d'absence ÷ Nombre de jours travaillés × 100")).toBeTruthy();
  });

  it('says when a sheet does not exist', async () => {
    mockApi().get('/api/indicators/guide', { body: indicatorGuide });
    renderSignedOut('/indicateurs/Z99');
    expect(await screen.findByRole('heading', { level: 1, name: 'Indicateur introuvable' })).toBeTruthy();
  });

  it('shows the error of the API with a retry', async () => {
    mockApi().get('/api/indicators/guide', {
      status: 404,
      body: { statusCode: 404, code: 'NOT_FOUND', message: 'Aucune campagne.' },
    });
    renderSignedOut('/indicateurs');
    expect(await screen.findByText('Aucune campagne.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });

  it('says what the qualitative axes are: their practices, no single ratio', async () => {
    mockApi().get('/api/indicators/guide', { body: indicatorGuide });
    renderSignedOut('/indicateurs');
    const sheet = await screen.findByRole('article', { name: 'O05 – Développement durable' });
    expect(within(sheet).getByText(/démarches de développement durable/)).toBeTruthy();
    expect(
      within(sheet)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Politique de gestion des déchets — oui / non',
      'Projet d’établissement — date (en place quand une date est saisie)',
    ]);
    // A choice or a number: the guide says which answers count as the practice.
    const o04 = screen.getByRole('article', { name: /^O04 – Couverture fonctionnelle/ });
    expect(
      within(o04)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(
        /^Comptabilité couverte par un logiciel .* — choix \(en place pour «\u00a0Logiciel dédié\u00a0»/,
      ),
      'SI RH couvrant au moins un module — nombre de modules sur 9 (en place à partir de 1 module)',
    ]);
    expect(
      screen.getByRole('heading', { level: 2, name: 'Axes qualitatifs : des pratiques, pas un ratio' }),
    ).toBeTruthy();
  });
});
