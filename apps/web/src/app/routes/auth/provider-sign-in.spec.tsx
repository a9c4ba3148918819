import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { LoginPage } from './login';
import { ProviderSignInFailurePage } from './provider-sign-in-failure';
import { apiError, mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

const routes = {
  '/connexion': <LoginPage />,
  '/connexion/fournisseur': <ProviderSignInFailurePage />,
};

describe('sign-in through the identity provider', () => {
  it('offers the ProConnect button only when the API says a provider is configured, keeping the page to come back to', async () => {
    mockApi().get('/api/auth/oidc', { body: { enabled: true, displayName: 'ProConnect' } });
    renderWithRouter(routes, '/connexion?retour=%2Fstructures', { account: null });
    const button = await screen.findByRole('link', { name: /S’identifier avec\s*ProConnect/ });
    expect(button.getAttribute('href')).toBe('/api/auth/oidc/login?returnTo=%2Fstructures');
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeTruthy();
  });

  it('shows the password form alone when no provider is configured', async () => {
    const api = mockApi().get('/api/auth/oidc', { body: { enabled: false, displayName: null } });
    renderWithRouter(routes, '/connexion', { account: null });
    await screen.findByRole('button', { name: 'Se connecter' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(api.calls('GET', '/api/auth/oidc')).toHaveLength(1);
    expect(screen.queryByRole('link', { name: /S’identifier avec/ })).toBeNull();
  });

  it('says why the password is refused to the staff of an authority that requires the provider', async () => {
    const message =
      'L’ARS Île-de-France demande à ses agents de se connecter avec ProConnect : utilisez le bouton « S’identifier avec ProConnect » de la page de connexion. La connexion par mot de passe n’est plus possible pour votre compte.';
    mockApi()
      .get('/api/auth/oidc', { body: { enabled: true, displayName: 'ProConnect' } })
      .post('/api/auth/login', { status: 403, body: apiError(403, 'PROVIDER_SIGN_IN_REQUIRED', message) });
    renderWithRouter(routes, '/connexion', { account: null });
    fireEvent.change(await screen.findByRole('textbox', { name: /Adresse électronique/ }), {
      target: { value: 'agent@ars.sante.fr' },
    });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'un mot de passe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Connexion par mot de passe non autorisée');
    expect(alert.textContent).toContain(message);
  });

  it('explains an unknown identity in French, without creating anything', async () => {
    mockApi().get('/api/auth/oidc', { body: { enabled: true, displayName: 'ProConnect' } });
    renderWithRouter(routes, '/connexion/fournisseur?motif=UNKNOWN_IDENTITY&adresse=camille%40exemple.fr', {
      account: null,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion impossible' })).toBeTruthy();
    expect(
      screen.getByText(
        'Aucun compte TDB n’est associé à camille@exemple.fr : demandez à votre administrateur de vous créer un compte avec cette adresse, ou de vous inviter.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Retour à la page de connexion' }).getAttribute('href')).toBe(
      '/connexion',
    );
  });

  it('offers to try again after a refused answer of the provider', async () => {
    mockApi().get('/api/auth/oidc', { body: { enabled: true, displayName: 'ProConnect' } });
    renderWithRouter(routes, '/connexion/fournisseur?motif=INVALID_RESPONSE', { account: null });
    expect(await screen.findByText(/n’a pas passé les contrôles de sécurité/)).toBeTruthy();
    expect(
      (await screen.findByRole('link', { name: /S’identifier avec\s*ProConnect/ })).getAttribute('href'),
    ).toBe('/api/auth/oidc/login');
  });
});
