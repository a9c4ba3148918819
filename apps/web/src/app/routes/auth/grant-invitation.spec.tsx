import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { GrantInvitationInfo } from '@tdb/contracts';
import { GrantInvitationPage } from './grant-invitation';
import { apiError, mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { authStore } from '@/lib/auth/auth-store';

const offer: GrantInvitationInfo = {
  email: 'ines.roux@amis-chenes.fr',
  role: 'APE',
  organisationLabel: 'RÉSIDENCE LES CHÊNES (750000001)',
  rights: [],
  entryDomains: null,
  validFrom: null,
  validUntil: null,
  invitedBy: 'Camille Martin',
  expiresAt: '2026-12-20T10:00:00.000Z',
  status: 'PENDING',
  principalTransfer: true,
};

describe('grant offered by email', () => {
  it('says that accepting makes the person the principal administrator in place of the current one', async () => {
    mockApi().get('/api/grant-invitations/abc', { body: offer });
    renderWithRouter({ '/habilitation': <GrantInvitationPage /> }, '/habilitation?jeton=abc', {
      account: null,
    });
    expect(
      await screen.findByText(/Vous deviendrez l’administrateur principal de cette organisation, à la place/),
    ).toBeTruthy();
  });

  it('shows the refusal of an offer whose seat was taken meanwhile (409), without a dead end', async () => {
    const message =
      'RÉSIDENCE LES CHÊNES (750000001) a désormais un administrateur principal (APE) : cette désignation n’est plus possible telle quelle. Demandez à Camille Martin de la renouveler en choisissant ce que devient l’administrateur principal actuel (transfert).';
    mockApi()
      .get('/api/grant-invitations/abc', { body: { ...offer, principalTransfer: false } })
      .post('/api/grant-invitations/abc/accept', {
        status: 409,
        body: apiError(409, 'PRINCIPAL_HELD', message),
      });
    renderWithRouter({ '/habilitation': <GrantInvitationPage /> }, '/habilitation?jeton=abc', {
      account: null,
    });
    expect(await screen.findByText('Proposée par')).toBeTruthy();
    expect(screen.queryByText(/à la place de la personne/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Accepter l’habilitation' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(message)).toBeTruthy();
  });

  it('tells a signed-in invitee that the grant is active now and brings their menus up to date', async () => {
    const invitee = buildAccount({ email: 'Ines.Roux@amis-chenes.fr' });
    const withGrant = {
      ...invitee,
      grants: [
        ...invitee.grants,
        buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '750000001' } }),
      ],
    };
    const api = mockApi()
      .get('/api/grant-invitations/abc', { body: { ...offer, principalTransfer: false } })
      .post('/api/grant-invitations/abc/accept', {
        body: { ...offer, principalTransfer: false, status: 'ACCEPTED' },
      })
      .get('/api/auth/me', { body: withGrant });
    renderWithRouter({ '/habilitation': <GrantInvitationPage /> }, '/habilitation?jeton=abc', {
      account: invitee,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Accepter l’habilitation' }));
    expect(await screen.findByText('Elle est active sur votre compte dès maintenant.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Aller à l’accueil' }).getAttribute('href')).toBe('/');
    expect(screen.queryByRole('link', { name: /Se connecter/ })).toBeNull();
    await vi.waitFor(() => expect(api.calls('GET', '/api/auth/me')).toHaveLength(1));
    await vi.waitFor(() => {
      const state = authStore.getState();
      expect(state.status === 'authenticated' && state.account.grants).toHaveLength(withGrant.grants.length);
    });
  });

  it('asks whoever is not signed in with the invited account to sign in with it', async () => {
    const api = mockApi().get('/api/grant-invitations/abc', { body: { ...offer, status: 'ACCEPTED' } });
    renderWithRouter(
      { '/habilitation': <GrantInvitationPage />, '/connexion': <h1>Connexion</h1> },
      '/habilitation?jeton=abc',
      { account: buildAccount({ email: 'quelqu.un@ars.sante.fr' }) },
    );
    expect(
      await screen.findByText('Elle est active sur votre compte : connectez-vous pour l’utiliser.'),
    ).toBeTruthy();
    // Signed in as someone else: the sign-in page would send them home, so they sign out first.
    api.post('/api/auth/logout', { status: 204 });
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Se déconnecter pour se connecter avec le compte ines.roux@amis-chenes.fr',
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeTruthy();
    expect(api.calls('POST', '/api/auth/logout')).toHaveLength(1);
    expect(authStore.getState().status).toBe('anonymous');
  });

  it('says when an accepted grant starting later takes effect', async () => {
    mockApi().get('/api/grant-invitations/abc', {
      body: { ...offer, status: 'ACCEPTED', validFrom: '2099-01-15' },
    });
    renderWithRouter({ '/habilitation': <GrantInvitationPage /> }, '/habilitation?jeton=abc', {
      account: buildAccount({ email: 'ines.roux@amis-chenes.fr' }),
    });
    expect(await screen.findByText('Elle prendra effet sur votre compte le 15 janvier 2099.')).toBeTruthy();
  });
});
