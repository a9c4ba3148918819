import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { LoginPage } from './login';
import { RequireAuth } from '../../require-auth';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildLoginResponse } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';
import { authStore } from '@/lib/auth/auth-store';

const location = () => screen.getByTestId('location').textContent ?? '';

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByRole('textbox', { name: /Adresse électronique/ }), {
    target: { value: email },
  });
  fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
}

const routes = {
  '/connexion': <LoginPage />,
  '/': <p>Accueil</p>,
  '/structures': (
    <RequireAuth>
      <p>Recherche de structures</p>
    </RequireAuth>
  ),
};

describe('login page', () => {
  it('signs in, keeps the token in memory only, and goes back to the page asked for', async () => {
    const api = mockApi().post('/api/auth/login', {
      body: buildLoginResponse({ accessToken: 'jeton-frais' }),
    });
    // A signed-out visit to a page that needs an account lands here, with the page to come back to.
    renderWithRouter(routes, '/structures?q=chenes', { account: null });
    await waitFor(() => expect(location()).toBe('/connexion?retour=%2Fstructures%3Fq%3Dchenes'));
    expect(screen.getByText('Connectez-vous pour accéder à cette page.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Mot de passe oublié ?' }).getAttribute('href')).toBe(
      '/mot-de-passe-oublie',
    );

    fillAndSubmit(' camille.martin@ars.sante.fr ', 'un mot de passe long');

    expect(await screen.findByText('Recherche de structures')).toBeTruthy();
    expect(location()).toBe('/structures?q=chenes');
    expect(api.calls('POST', '/api/auth/login')[0]?.body).toEqual({
      email: 'camille.martin@ars.sante.fr',
      password: 'un mot de passe long',
    });
    expect(authStore.getAccessToken()).toBe('jeton-frais');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('goes to the home page when there is no page to come back to, never to another site', async () => {
    mockApi().post('/api/auth/login', { body: buildLoginResponse() });
    renderWithRouter(routes, '/connexion?retour=https%3A%2F%2Fexemple.com', { account: null });

    fillAndSubmit('camille.martin@ars.sante.fr', 'un mot de passe long');

    expect(await screen.findByText('Accueil')).toBeTruthy();
    expect(location()).toBe('/');
  });

  it("shows the API's message on a wrong password, and stays signed out", async () => {
    mockApi().post('/api/auth/login', {
      status: 401,
      body: apiError(401, 'INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.'),
    });
    renderWithRouter(routes, '/connexion', { account: null });

    fillAndSubmit('camille.martin@ars.sante.fr', 'mauvais');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Connexion impossible');
    expect(alert.textContent).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(location()).toBe('/connexion');
    expect(authStore.getState().status).toBe('anonymous');
  });

  it('says until when sign-in is slowed down after failures (429)', async () => {
    const message =
      'Trop d’essais infructueux avec cette adresse : patientez jusqu’à 14:32 avant de réessayer, ou réinitialisez votre mot de passe.';
    mockApi().post('/api/auth/login', { status: 429, body: apiError(429, 'LOGIN_THROTTLED', message) });
    renderWithRouter(routes, '/connexion', { account: null });

    fillAndSubmit('camille.martin@ars.sante.fr', 'mauvais');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Connexion temporairement ralentie');
    expect(alert.textContent).toContain(message);
  });

  it('checks the fields before sending', async () => {
    const api = mockApi();
    renderWithRouter(routes, '/connexion', { account: null });

    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(screen.getByText('Saisissez votre adresse électronique.')).toBeTruthy();
    expect(screen.getByText('Saisissez votre mot de passe.')).toBeTruthy();
    expect(api.calls('POST', '/api/auth/login')).toHaveLength(0);
  });

  it('says the session expired when it could not be renewed', async () => {
    mockApi();
    renderWithRouter(routes, '/connexion?retour=%2Fstructures', { account: null });
    act(() => authStore.reset({ status: 'anonymous', reason: 'expired' }));

    expect(await screen.findByText('Votre session a expiré. Reconnectez-vous pour continuer.')).toBeTruthy();
  });
});
