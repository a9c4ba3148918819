import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider, refreshDelay, useAuth } from './auth-provider';
import { authStore } from './auth-store';
import { loginPathFor, safeReturnTo } from './return-to';
import { allows, permissionsOf, structureFactsOf } from './permissions';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildLoginResponse, buildStructureSummary } from '@/testing/fixtures';

function Probe() {
  const { state, account } = useAuth();
  return <p>{state.status === 'authenticated' ? `Connecté : ${account?.email}` : state.status}</p>;
}

function renderProvider() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <AuthProvider>
        <Probe />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

describe('auth provider', () => {
  it('restores the session from the refresh cookie on start', async () => {
    const api = mockApi().post('/api/auth/refresh', {
      body: buildLoginResponse({ accessToken: 'restauré' }),
    });
    renderProvider();
    expect(screen.getByText('loading')).toBeTruthy();
    expect(await screen.findByText('Connecté : admin@tdb.example.fr')).toBeTruthy();
    expect(authStore.getAccessToken()).toBe('restauré');
    expect(api.calls('POST', '/api/auth/refresh')).toHaveLength(1);
  });

  it('is signed out when there is no session, or when the API cannot be reached', async () => {
    // No session on this device: the API answers 204 (no error in the console).
    mockApi().post('/api/auth/refresh', { status: 204 });
    const visitor = renderProvider();
    expect(await screen.findByText('anonymous')).toBeTruthy();
    expect(authStore.getState()).toEqual({ status: 'anonymous', reason: null });
    visitor.unmount();

    authStore.reset();
    mockApi().post('/api/auth/refresh', {
      status: 401,
      body: apiError(401, 'UNAUTHENTICATED', 'Pas de session.'),
    });
    const first = renderProvider();
    expect(await screen.findByText('anonymous')).toBeTruthy();
    first.unmount();

    authStore.reset();
    mockApi().post('/api/auth/refresh', { status: 503, body: apiError(503, 'UNAVAILABLE', 'Indisponible.') });
    renderProvider();
    await waitFor(() => expect(authStore.getState()).toEqual({ status: 'anonymous', reason: null }));
  });

  it('renews the access token a minute before it expires', () => {
    expect(refreshDelay(900_000, 0)).toBe(840_000);
    // A short token: a fifth of its life early.
    expect(refreshDelay(60_000, 0)).toBe(48_000);
    expect(refreshDelay(1_000, 5_000)).toBe(0);
  });
});

describe('return to', () => {
  it('keeps only pages of this application', () => {
    expect(safeReturnTo('/structures?q=chenes')).toBe('/structures?q=chenes');
    expect(safeReturnTo('https://exemple.com')).toBeNull();
    expect(safeReturnTo('//exemple.com/x')).toBeNull();
    expect(safeReturnTo('/\\exemple.com')).toBeNull();
    expect(safeReturnTo('/connexion?retour=%2F')).toBeNull();
    expect(loginPathFor('/utilisateurs/42')).toBe('/connexion?retour=%2Futilisateurs%2F42');
    expect(loginPathFor('/')).toBe('/connexion');
  });
});

describe('permissions', () => {
  const today = '2026-11-23';
  /** An EHPAD of the Loiret (shared competence): the CD 45 is competent for it. */
  const loiret = structureFactsOf(
    buildStructureSummary({
      finess: '450000019',
      departmentCode: '45',
      regionCode: '24',
      ogFiness: '450000010',
    }),
  );
  const mayCorrect = (account: ReturnType<typeof buildAccount>) =>
    allows(account, { type: 'structure.correctCategory', structure: loiret }, today);

  it('follow the grants valid today', () => {
    expect(permissionsOf(buildAccount(), today)).toEqual({
      isNationalAdmin: true,
      canManageAccounts: true,
      canReadEmails: true,
      canReadAudit: true,
      canManageApiTokens: true,
      canManageSettings: true,
    });
    expect(mayCorrect(buildAccount())).toBe(true);
    const controller = buildAccount({
      grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'CD', code: '45' } })],
    });
    expect(permissionsOf(controller, today)).toMatchObject({
      canManageAccounts: false,
      canReadAudit: false,
      canManageApiTokens: false,
    });
    expect(mayCorrect(controller)).toBe(true);
    const otherDepartment = buildAccount({
      grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'CD', code: '37' } })],
    });
    expect(mayCorrect(otherDepartment)).toBe(false);
    const apr = buildAccount({
      grants: [buildGrant({ role: 'APR', organisation: { kind: 'CD', code: '45' } })],
    });
    expect(permissionsOf(apr, today)).toMatchObject({ canManageApiTokens: true, canManageSettings: false });
    const ape = buildAccount({
      grants: [buildGrant({ role: 'APE', organisation: { kind: 'OG', code: '450000010' } })],
    });
    expect(permissionsOf(ape, today)).toMatchObject({
      canManageAccounts: true,
      canReadEmails: false,
      canManageApiTokens: false,
    });
    expect(mayCorrect(ape)).toBe(false);
    const user = buildAccount({
      grants: [
        buildGrant({
          role: 'USER',
          rights: ['ENTRY', 'VALIDATION', 'READ'],
          organisation: { kind: 'OG', code: '450000010' },
        }),
      ],
    });
    expect(permissionsOf(user, today)).toMatchObject({ canManageAccounts: false, canReadAudit: false });
    const reader = buildAccount({
      grants: [buildGrant({ role: 'READER', organisation: { kind: 'ARS', code: '24' } })],
    });
    expect(permissionsOf(reader, today)).toMatchObject({ canManageAccounts: false, canReadAudit: false });
    expect(mayCorrect(reader)).toBe(false);
    const expired = buildAccount({ grants: [buildGrant({ validUntil: '2026-11-22' })] });
    expect(permissionsOf(expired, today).isNationalAdmin).toBe(false);
  });
});
