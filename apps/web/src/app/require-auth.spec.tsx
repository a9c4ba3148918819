import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Paginated, Account } from '@tdb/contracts';
import { RequireAuth } from './require-auth';
import { LoginPage } from './routes/auth/login';
import { MyAccountPage } from './routes/account/my-account';
import { UsersPage } from './routes/users/users';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildLoginResponse } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';
import { authStore } from '@/lib/auth/auth-store';

const enrollment = apiError(
  403,
  'TOTP_ENROLLMENT_REQUIRED',
  'La double authentification est obligatoire pour votre rôle : activez-la dans « Mon compte » avant de continuer.',
);

const apr = buildAccount({
  email: 'apr@ars.sante.fr',
  grants: [
    buildGrant({
      role: 'APR',
      organisation: { kind: 'ARS', code: '11' },
      organisationLabel: 'ARS Île-de-France',
    }),
  ],
});

const emptyPage: Paginated<Account> = { items: [], total: 0, page: 1, pageSize: 20 };

const routes = {
  '/connexion': <LoginPage />,
  '/mon-compte': (
    <RequireAuth>
      <MyAccountPage />
    </RequireAuth>
  ),
  '/utilisateurs': (
    <RequireAuth>
      <UsersPage />
    </RequireAuth>
  ),
};

const mandatoryAlert = 'La double authentification est obligatoire pour votre rôle';

describe('mandatory second factor', () => {
  it('sends the user to "Mon compte" when any call answers 403 TOTP_ENROLLMENT_REQUIRED, and back after enabling', async () => {
    let enabled = false;
    const api = mockApi()
      .get('/api/accounts', () => (enabled ? { body: emptyPage } : { status: 403, body: enrollment }))
      .get('/api/auth/me', () => ({ body: { ...apr, totpEnabled: enabled } }))
      .get('/api/auth/sessions', { body: [] })
      .post('/api/auth/totp/setup', { body: { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x' } })
      .post('/api/auth/totp/enable', () => {
        enabled = true;
        return { status: 204 };
      });
    const { router } = renderWithRouter(routes, '/utilisateurs', { account: apr });

    // The users list answered 403: the page gives way to the set-up of the second factor.
    expect(await screen.findByText(mandatoryAlert)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/mon-compte');
    expect(router.state.location.hash).toBe('#double-authentification');
    expect(authStore.getState()).toMatchObject({ totpEnrollmentRequired: true });
    const section = () =>
      screen.getByRole('heading', { level: 2, name: 'Double authentification' }).closest('section')!;
    expect(section().id).toBe('double-authentification');
    await waitFor(() => expect(document.activeElement).toBe(section()));
    expect(api.calls('GET', '/api/accounts')).toHaveLength(1);

    // Other pages keep sending back here until the second factor is on.
    await router.navigate('/utilisateurs');
    await waitFor(() => expect(router.state.location.pathname).toBe('/mon-compte'));
    expect(await screen.findByText(mandatoryAlert)).toBeTruthy();
    const totp = section();

    fireEvent.click(within(totp).getByRole('button', { name: 'Configurer la double authentification' }));
    fireEvent.change(await within(totp).findByRole('textbox', { name: /Code à 6 chiffres/ }), {
      target: { value: '123456' },
    });
    fireEvent.click(within(totp).getByRole('button', { name: 'Activer la double authentification' }));
    expect(await within(totp).findByText(/La double authentification est activée/)).toBeTruthy();
    expect(screen.queryByText(mandatoryAlert)).toBeNull();
    expect(authStore.getState()).toMatchObject({ totpEnrollmentRequired: false });

    await router.navigate('/utilisateurs');
    expect(await screen.findByText('Aucun compte ne correspond')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/utilisateurs');
  });

  it('after a login that says the second factor must be set up, goes to "Mon compte" rather than back', async () => {
    mockApi()
      .post('/api/auth/login', {
        body: buildLoginResponse({ account: apr, totpEnrollmentRequired: true }),
      })
      .get('/api/auth/me', { body: apr })
      .get('/api/auth/sessions', { body: [] });
    const { router } = renderWithRouter(routes, '/connexion?retour=%2Futilisateurs', { account: null });

    fireEvent.change(screen.getByRole('textbox', { name: /Adresse électronique/ }), {
      target: { value: 'apr@ars.sante.fr' },
    });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'un mot de passe long' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByText(mandatoryAlert)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/mon-compte');
    expect(router.state.location.hash).toBe('#double-authentification');
    expect(authStore.getState()).toMatchObject({ status: 'authenticated', totpEnrollmentRequired: true });
  });
});
