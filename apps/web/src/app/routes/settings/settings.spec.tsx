import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AuthoritySignInSettings, SecuritySettings } from '@tdb/contracts';
import { SettingsPage } from './settings';
import { apiError, mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

const LABEL = "Double authentification obligatoire pour l'administrateur national et les APR";

const signInSettings = (required: string[] = []): AuthoritySignInSettings => ({
  providerEnabled: true,
  providerName: 'ProConnect',
  authorities: [
    {
      organisation: { kind: 'ARS', code: '11' },
      name: 'ARS Île-de-France',
      providerRequired: required.includes('ARS:11'),
    },
    {
      organisation: { kind: 'CD', code: '24' },
      name: 'Département Dordogne (24)',
      providerRequired: required.includes('CD:24'),
    },
  ],
});

describe('settings page', () => {
  it('makes the second factor mandatory for the administrators, and shows the 409 reason', async () => {
    const ownMissing =
      'Activez d’abord la double authentification sur votre propre compte : sans elle, vous ne pourriez plus administrer la plateforme.';
    let current: SecuritySettings = { totpRequiredForAdmins: false };
    let refuse = true;
    const api = mockApi()
      .get('/api/settings/sign-in', { body: signInSettings() })
      .get('/api/settings/security', () => ({ body: current }))
      .put('/api/settings/security', ({ body }) => {
        if (refuse) return { status: 409, body: apiError(409, 'CONFLICT', ownMissing) };
        current = body as SecuritySettings;
        return { body: current };
      });
    renderWithRouter({ '/parametres': <SettingsPage /> }, '/parametres');

    const toggle = (await screen.findByRole('checkbox', { name: LABEL })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);

    fireEvent.click(toggle);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Le réglage n'a pas été modifié");
    expect(alert.textContent).toContain(ownMissing);
    expect(
      screen.getByRole('link', { name: /Activer ma double authentification/ }).getAttribute('href'),
    ).toBe('/mon-compte#double-authentification');
    await waitFor(() => expect(toggle.checked).toBe(false));

    refuse = false;
    fireEvent.click(toggle);
    expect(
      await screen.findByText(
        "La double authentification est désormais obligatoire pour l'administrateur national et les APR.",
      ),
    ).toBeTruthy();
    expect(toggle.checked).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.calls('PUT', '/api/settings/security').map((c) => c.body)).toEqual([
      { totpRequiredForAdmins: true },
      { totpRequiredForAdmins: true },
    ]);
  });

  it('says when the settings cannot be read', async () => {
    mockApi()
      .get('/api/settings/sign-in', { body: signInSettings() })
      .get('/api/settings/security', {
        status: 403,
        body: apiError(403, 'FORBIDDEN', "Seul l'administrateur national modifie les réglages de sécurité."),
      });
    renderWithRouter({ '/parametres': <SettingsPage /> }, '/parametres');
    expect(
      await screen.findByText("Seul l'administrateur national modifie les réglages de sécurité."),
    ).toBeTruthy();
  });

  it('requires the identity provider for the staff of an authority, and lifts it', async () => {
    let required: string[] = [];
    const api = mockApi()
      .get('/api/settings/security', { body: { totpRequiredForAdmins: false } })
      .get('/api/settings/sign-in', () => ({ body: signInSettings(required) }))
      .put('/api/settings/sign-in/authorities/ARS/11', ({ body }) => {
        required = (body as { providerRequired: boolean }).providerRequired ? ['ARS:11'] : [];
        return { body: signInSettings(required) };
      });
    renderWithRouter({ '/parametres': <SettingsPage /> }, '/parametres');
    expect(
      await screen.findByText('Aucune : tous les agents peuvent se connecter avec leur mot de passe.'),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: /Autorité/ }), { target: { value: 'ARS:11' } });
    const toggle = (await screen.findByRole('checkbox', {
      name: 'Connexion avec ProConnect obligatoire pour les agents de ARS Île-de-France',
    })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    expect(
      await screen.findByText(
        'Les agents de ARS Île-de-France se connectent désormais uniquement avec ProConnect.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(toggle.checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Ne plus exiger' }));
    expect(
      await screen.findByText(
        'Les agents de ARS Île-de-France peuvent de nouveau se connecter avec leur mot de passe.',
      ),
    ).toBeTruthy();
    expect(api.calls('PUT', '/api/settings/sign-in/authorities/ARS/11').map((c) => c.body)).toEqual([
      { providerRequired: true },
      { providerRequired: false },
    ]);
  });
});
