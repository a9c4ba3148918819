import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SessionInfo } from '@tdb/contracts';
import { MyAccountPage } from './my-account';
import { apiError, mockApi } from '../../../testing/mock-api';
import { buildAccount, buildGrant, buildLoginResponse } from '../../../testing/fixtures';
import { renderWithRouter } from '../../../testing/render';
import { authStore } from '../../../lib/auth/auth-store';

const me = buildAccount({
  grants: [
    buildGrant({
      id: 'g-user',
      role: 'USER',
      organisation: { kind: 'ESMS', code: '750000001' },
      organisationLabel: 'RÉSIDENCE LES CHÊNES (750000001)',
      rights: ['ENTRY', 'READ'],
      entryDomains: ['FINANCES'],
      validUntil: '2027-06-30',
    }),
  ],
});

const sessions: SessionInfo[] = [
  {
    id: 's1',
    createdAt: '2026-11-23T08:00:00.000Z',
    lastUsedAt: '2026-11-23T10:00:00.000Z',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    ipAddress: '10.0.0.1',
    current: true,
  },
  {
    id: 's2',
    createdAt: '2026-11-20T08:00:00.000Z',
    lastUsedAt: '2026-11-21T10:00:00.000Z',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    ipAddress: '10.0.0.2',
    current: false,
  },
];

describe('my account page', () => {
  it('shows my identity, my grants and my sessions, and closes another session', async () => {
    let open = sessions;
    const api = mockApi()
      .get('/api/auth/me', { body: me })
      .get('/api/auth/sessions', () => ({ body: open }))
      .delete('/api/auth/sessions/s2', () => {
        open = sessions.slice(0, 1);
        return { status: 204 };
      });
    renderWithRouter({ '/mon-compte': <MyAccountPage /> }, '/mon-compte', { account: me });

    const grants = await screen.findByRole('table', { name: 'Mes habilitations' });
    const row = within(grants).getAllByRole('row')[1]!;
    expect(within(row).getByText('RÉSIDENCE LES CHÊNES (750000001)')).toBeTruthy();
    expect(within(row).getByText('Utilisateur')).toBeTruthy();
    expect(within(row).getByText('Saisie, Lecture')).toBeTruthy();
    expect(within(row).getByText('Finances')).toBeTruthy();
    expect(within(row).getByText("Jusqu'au 30 juin 2027")).toBeTruthy();

    const table = await screen.findByRole('table', { name: 'Mes sessions ouvertes' });
    expect(within(table).getByText('Chrome sur Linux')).toBeTruthy();
    expect(within(table).getByText('Cette session')).toBeTruthy();
    // Only the other sessions can be closed from here.
    const close = within(table).getAllByRole('button', { name: 'Fermer' });
    expect(close).toHaveLength(1);
    fireEvent.click(close[0]!);

    expect(await screen.findByText('La session Firefox sur Windows a été fermée.')).toBeTruthy();
    await waitFor(() => expect(within(table).queryByText('Firefox sur Windows')).toBeNull());
    expect(api.calls('DELETE', '/api/auth/sessions/s2')).toHaveLength(1);
  });

  it('changes my password and keeps the new access token', async () => {
    const api = mockApi()
      .get('/api/auth/me', { body: me })
      .get('/api/auth/sessions', { body: sessions })
      .post('/api/auth/password', ({ body }) =>
        (body as { currentPassword: string }).currentPassword === 'ancien mot de passe'
          ? { body: buildLoginResponse({ accessToken: 'nouveau-jeton', account: me }) }
          : {
              status: 400,
              body: apiError(400, 'VALIDATION_FAILED', 'Le mot de passe actuel est incorrect.', [
                { field: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' },
              ]),
            },
      );
    renderWithRouter({ '/mon-compte': <MyAccountPage /> }, '/mon-compte', { account: me });
    const form = (await screen.findByRole('heading', { name: 'Changer mon mot de passe' })).closest(
      'section',
    )!;

    const fill = (current: string) => {
      fireEvent.change(within(form).getByLabelText('Mot de passe actuel'), { target: { value: current } });
      fireEvent.change(within(form).getByLabelText('Nouveau mot de passe'), {
        target: { value: 'une phrase assez longue' },
      });
      fireEvent.change(within(form).getByLabelText('Confirmation du mot de passe'), {
        target: { value: 'une phrase assez longue' },
      });
      fireEvent.click(within(form).getByRole('button', { name: 'Changer le mot de passe' }));
    };

    fill('faux');
    expect(
      (await within(form).findAllByText('Le mot de passe actuel est incorrect.')).length,
    ).toBeGreaterThan(0);

    fill('ancien mot de passe');
    expect(
      await within(form).findByText('Votre mot de passe a été changé. Vos autres sessions ont été fermées.'),
    ).toBeTruthy();
    expect(authStore.getAccessToken()).toBe('nouveau-jeton');
    expect(api.calls('POST', '/api/auth/password').at(-1)?.body).toEqual({
      currentPassword: 'ancien mot de passe',
      newPassword: 'une phrase assez longue',
    });
  });
});
