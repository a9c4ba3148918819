import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SessionInfo, TotpSetup } from '@tdb/contracts';
import { MyAccountPage } from './my-account';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildLoginResponse } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';
import { authStore } from '@/lib/auth/auth-store';

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

describe('my account: second factor', () => {
  const setup: TotpSetup = {
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
    otpauthUri:
      'otpauth://totp/TDB:admin%40tdb.example.fr?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=TDB&digits=6&period=30',
  };
  const writeText = vi.fn(async (_text: string) => undefined);

  function stubClipboard() {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  }
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'clipboard');
    writeText.mockClear();
  });

  const section = async () =>
    (await screen.findByRole('heading', { level: 2, name: 'Double authentification' })).closest('section')!;

  it('sets it up: secret grouped by 4 and copyable, otpauth link, a wrong code then the right one', async () => {
    stubClipboard();
    let enabled = false;
    const api = mockApi()
      .get('/api/auth/me', () => ({ body: { ...me, totpEnabled: enabled } }))
      .get('/api/auth/sessions', { body: sessions })
      .post('/api/auth/totp/setup', { body: setup })
      .post('/api/auth/totp/enable', ({ body }) => {
        if ((body as { code: string }).code !== '123456') {
          return {
            status: 400,
            body: apiError(
              400,
              'VALIDATION_FAILED',
              'Code incorrect : vérifiez l’heure de votre téléphone et saisissez le code affiché.',
              [{ field: 'code', message: 'Code incorrect.' }],
            ),
          };
        }
        enabled = true;
        return { status: 204 };
      });
    renderWithRouter({ '/mon-compte': <MyAccountPage /> }, '/mon-compte', { account: me });
    const totp = await section();
    expect(within(totp).getByText('Non activée')).toBeTruthy();

    fireEvent.click(within(totp).getByRole('button', { name: 'Configurer la double authentification' }));

    const heading = await within(totp).findByRole('heading', { name: 'Activer la double authentification' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(
      within(totp).getByText(
        "Ajoutez ce compte dans votre application d'authentification (FreeOTP, Google Authenticator, Microsoft Authenticator…) puis saisissez le code à 6 chiffres.",
      ),
    ).toBeTruthy();
    expect(within(totp).getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP')).toBeTruthy();
    expect(
      within(totp)
        .getByRole('link', { name: /ouvrir ce compte directement/ })
        .getAttribute('href'),
    ).toBe(setup.otpauthUri);
    fireEvent.click(within(totp).getByRole('button', { name: 'Copier' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('JBSWY3DPEHPK3PXPJBSWY3DP'));
    expect(await within(totp).findByText('Copié dans le presse-papiers.')).toBeTruthy();

    // Checked before sending.
    const code = within(totp).getByRole('textbox', { name: /Code à 6 chiffres/ });
    fireEvent.change(code, { target: { value: '12 34' } });
    fireEvent.click(within(totp).getByRole('button', { name: 'Activer la double authentification' }));
    expect(within(totp).getByText('Saisissez les 6 chiffres affichés par votre application.')).toBeTruthy();
    expect(api.calls('POST', '/api/auth/totp/enable')).toHaveLength(0);

    fireEvent.change(code, { target: { value: '654321' } });
    fireEvent.click(within(totp).getByRole('button', { name: 'Activer la double authentification' }));
    expect(await within(totp).findByText('Code incorrect.')).toBeTruthy();
    expect(within(totp).getByRole('alert').textContent).toContain('vérifiez l’heure de votre téléphone');

    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(within(totp).getByRole('button', { name: 'Activer la double authentification' }));

    expect(
      await within(totp).findByText(
        'La double authentification est activée : le code de votre application vous sera demandé à chaque connexion.',
      ),
    ).toBeTruthy();
    expect(within(totp).getByText('Activée')).toBeTruthy();
    expect(within(totp).getByRole('button', { name: 'Désactiver la double authentification' })).toBeTruthy();
    expect(api.calls('POST', '/api/auth/totp/enable').map((c) => c.body)).toEqual([
      { code: '654321' },
      { code: '123456' },
    ]);
    await waitFor(() => expect(api.calls('GET', '/api/auth/me').length).toBeGreaterThan(1));
    expect(authStore.getState()).toMatchObject({ account: { totpEnabled: true } });
  });

  it('turns it off with my password, and shows why when it is mandatory (403)', async () => {
    const mandatory =
      'La double authentification est obligatoire pour votre rôle : elle ne peut pas être désactivée.';
    const withTotp = { ...me, totpEnabled: true };
    const api = mockApi()
      .get('/api/auth/me', { body: withTotp })
      .get('/api/auth/sessions', { body: sessions })
      .post('/api/auth/totp/disable', { status: 403, body: apiError(403, 'FORBIDDEN', mandatory) });
    renderWithRouter({ '/mon-compte': <MyAccountPage /> }, '/mon-compte', { account: withTotp });
    const totp = await section();

    fireEvent.click(within(totp).getByRole('button', { name: 'Désactiver la double authentification' }));
    fireEvent.click(within(totp).getByRole('button', { name: 'Confirmer la désactivation' }));
    expect(within(totp).getByText('Saisissez votre mot de passe.')).toBeTruthy();

    fireEvent.change(within(totp).getByLabelText('Mot de passe'), { target: { value: 'mon mot de passe' } });
    fireEvent.click(within(totp).getByRole('button', { name: 'Confirmer la désactivation' }));

    const alert = await within(totp).findByRole('alert');
    expect(alert.textContent).toContain('La double authentification ne peut pas être désactivée');
    expect(alert.textContent).toContain(mandatory);
    expect(api.calls('POST', '/api/auth/totp/disable')[0]?.body).toEqual({ password: 'mon mot de passe' });
    expect(within(totp).getByText('Activée')).toBeTruthy();
  });
});
