import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SecuritySettings } from '@tdb/contracts';
import { SettingsPage } from './settings';
import { apiError, mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

const LABEL = "Double authentification obligatoire pour l'administrateur national et les APR";

describe('settings page', () => {
  it('makes the second factor mandatory for the administrators, and shows the 409 reason', async () => {
    const ownMissing =
      'Activez d’abord la double authentification sur votre propre compte : sans elle, vous ne pourriez plus administrer la plateforme.';
    let current: SecuritySettings = { totpRequiredForAdmins: false };
    let refuse = true;
    const api = mockApi()
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
    mockApi().get('/api/settings/security', {
      status: 403,
      body: apiError(403, 'FORBIDDEN', "Seul l'administrateur national modifie les réglages de sécurité."),
    });
    renderWithRouter({ '/parametres': <SettingsPage /> }, '/parametres');
    expect(
      await screen.findByText("Seul l'administrateur national modifie les réglages de sécurité."),
    ).toBeTruthy();
  });
});
