import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { TokenInfo } from '@tdb/contracts';
import { InvitationPage, ResetPasswordPage } from './set-password';
import { apiError, mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

const invitation: TokenInfo = {
  purpose: 'INVITATION',
  email: 'claire.durand@ehpad-chenes.fr',
  firstName: 'Claire',
  expiresAt: '2026-11-30T10:00:00.000Z',
};

function renderInvitation(url = '/invitation?jeton=abc123') {
  return renderWithRouter(
    { '/invitation': <InvitationPage />, '/reinitialiser-mot-de-passe': <ResetPasswordPage /> },
    url,
    { account: null },
  );
}

function choose(password: string, confirmation = password) {
  fireEvent.change(screen.getByLabelText('Nouveau mot de passe'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('Confirmation du mot de passe'), {
    target: { value: confirmation },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Activer mon compte' }));
}

describe('invitation page', () => {
  it('greets the person, checks the password here, then activates the account', async () => {
    const api = mockApi()
      .get('/api/auth/tokens/abc123', { body: invitation })
      .post('/api/auth/accept-invitation', { status: 204 });
    renderInvitation();

    expect(
      await screen.findByText(
        'Bonjour Claire, choisissez votre mot de passe pour claire.durand@ehpad-chenes.fr',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Activer votre compte' })).toBeTruthy();

    // Too short, then not the same twice: nothing is sent.
    choose('court', 'court');
    expect(screen.getByText('Le mot de passe doit compter au moins 12 caractères.')).toBeTruthy();
    choose('une phrase assez longue', 'une phrase assez longuE');
    expect(screen.getByText('Les deux mots de passe ne sont pas identiques.')).toBeTruthy();
    expect(api.calls('POST', '/api/auth/accept-invitation')).toHaveLength(0);

    choose('une phrase assez longue');

    expect(await screen.findByText('Mot de passe enregistré')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/connexion');
    expect(api.calls('POST', '/api/auth/accept-invitation')[0]?.body).toEqual({
      token: 'abc123',
      password: 'une phrase assez longue',
    });
  });

  it('shows why the server refuses a weak password', async () => {
    const weak = 'Ce mot de passe est trop facile à deviner : ajoutez des mots peu courants.';
    mockApi()
      .get('/api/auth/tokens/abc123', { body: invitation })
      .post('/api/auth/accept-invitation', {
        status: 400,
        body: apiError(400, 'WEAK_PASSWORD', weak, [{ field: 'password', message: weak }]),
      });
    renderInvitation();
    await screen.findByText(/Bonjour Claire/);

    choose('motdepasse123');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Mot de passe trop faible')).toBeTruthy();
    expect(within(alert).getByText(weak)).toBeTruthy();
  });

  it('explains a used or expired link (410) and links to ask a new one', async () => {
    const api = mockApi().get('/api/auth/tokens/perime', {
      status: 410,
      body: apiError(410, 'TOKEN_INVALID', 'Ce lien a expiré ou a déjà servi.'),
    });
    renderInvitation('/invitation?jeton=perime');

    expect(await screen.findByRole('heading', { name: "Ce lien n'est plus valide" })).toBeTruthy();
    expect(screen.getByText('Ce lien a expiré ou a déjà servi.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Demander un nouveau lien' }).getAttribute('href')).toBe(
      '/mot-de-passe-oublie',
    );
    expect(screen.queryByLabelText('Nouveau mot de passe')).toBeNull();
    expect(api.calls('GET', '/api/auth/tokens/perime')[0]?.headers['authorization']).toBeUndefined();
  });

  it('says so when the link has no token', async () => {
    const api = mockApi();
    renderInvitation('/invitation');
    expect(await screen.findByText(/Le lien est incomplet/)).toBeTruthy();
    expect(api.requests).toHaveLength(0);
  });

  it('resets a password through the reset endpoint', async () => {
    const api = mockApi()
      .get('/api/auth/tokens/r1', { body: { ...invitation, purpose: 'PASSWORD_RESET' } })
      .post('/api/auth/reset-password', { status: 204 });
    renderWithRouter(
      { '/reinitialiser-mot-de-passe': <ResetPasswordPage /> },
      '/reinitialiser-mot-de-passe?jeton=r1',
      {
        account: null,
      },
    );
    await screen.findByText(/Bonjour Claire/);
    fireEvent.change(screen.getByLabelText('Nouveau mot de passe'), {
      target: { value: 'une phrase assez longue' },
    });
    fireEvent.change(screen.getByLabelText('Confirmation du mot de passe'), {
      target: { value: 'une phrase assez longue' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }));

    expect(await screen.findByText(/toutes vos sessions ouvertes ont été fermées/)).toBeTruthy();
    expect(api.calls('POST', '/api/auth/reset-password')).toHaveLength(1);
  });
});
