import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MainLayout } from './main-layout';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';
import { authStore } from '@/lib/auth/auth-store';

const page = (
  <MainLayout>
    <p>Contenu</p>
  </MainLayout>
);

const navigationLinks = () =>
  within(screen.getByRole('navigation', { name: 'Menu principal' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('header', () => {
  it('signed out: "Se connecter", keeping the page to come back to', () => {
    mockApi();
    renderWithRouter({ '/structures': page }, '/structures?q=chenes', { account: null });
    const signIn = screen.getAllByRole('link', { name: 'Se connecter' })[0]!;
    expect(signIn.getAttribute('href')).toBe('/connexion?retour=%2Fstructures%3Fq%3Dchenes');
    expect(screen.queryByRole('link', { name: 'Mon compte' })).toBeNull();
    expect(navigationLinks()).toEqual(['Accueil', 'Guide des indicateurs']);
  });

  it('national administrator: every section, "Mon compte" and "Se déconnecter"', () => {
    mockApi();
    renderWithRouter({ '/': page }, '/');
    expect(screen.getAllByRole('link', { name: 'Mon compte' })[0]?.getAttribute('href')).toBe('/mon-compte');
    expect(screen.getAllByRole('button', { name: 'Se déconnecter' }).length).toBeGreaterThan(0);
    expect(navigationLinks()).toEqual([
      'Accueil',
      'Toutes les campagnes',
      'Référents TDB',
      'Structures',
      'Guide des indicateurs',
      'Utilisateurs',
      'Courriels envoyés',
      'Journal',
      "Jetons d'API",
      'Paramètres',
    ]);
  });

  it('follows the profiles: APR, APE, reader', () => {
    mockApi();
    const as = (role: 'APR' | 'APE' | 'READER', kind: 'ARS' | 'OG' | 'CD', code: string) =>
      buildAccount({ grants: [buildGrant({ role, organisation: { kind, code } })] });

    const apr = renderWithRouter({ '/': page }, '/', { account: as('APR', 'ARS', '11') });
    expect(navigationLinks()).toEqual([
      'Accueil',
      'Toutes les campagnes',
      'Référents TDB',
      'Structures',
      'Guide des indicateurs',
      'Utilisateurs',
      'Journal',
      "Jetons d'API",
    ]);
    apr.unmount();
    const ape = renderWithRouter({ '/': page }, '/', { account: as('APE', 'OG', '750000010') });
    expect(navigationLinks()).toEqual([
      'Accueil',
      'Campagnes',
      'Structures',
      'Guide des indicateurs',
      'Utilisateurs',
    ]);
    ape.unmount();
    renderWithRouter({ '/': page }, '/', { account: as('READER', 'CD', '75') });
    expect(navigationLinks()).toEqual([
      'Accueil',
      'Toutes les campagnes',
      'Référents TDB',
      'Structures',
      'Guide des indicateurs',
    ]);
  });

  it('signs out: closes the session on the server, forgets the token and goes to /connexion', async () => {
    const api = mockApi().post('/api/auth/logout', { status: 204 });
    renderWithRouter({ '/mon-compte': page, '/connexion': <p>Page de connexion</p> }, '/mon-compte');

    fireEvent.click(screen.getAllByRole('button', { name: 'Se déconnecter' })[0]!);

    expect(await screen.findByText('Page de connexion')).toBeTruthy();
    await waitFor(() => expect(authStore.getState()).toEqual({ status: 'anonymous', reason: 'signed-out' }));
    expect(authStore.getAccessToken()).toBeNull();
    expect(api.calls('POST', '/api/auth/logout')[0]?.credentials).toBe('include');
  });
});
