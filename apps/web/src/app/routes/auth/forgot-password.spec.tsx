import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { FORGOT_PASSWORD_CONFIRMATION, ForgotPasswordPage } from './forgot-password';
import { mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

describe('forgot password page', () => {
  it('always shows the same confirmation, whether the address has an account or not', async () => {
    const api = mockApi().post('/api/auth/forgot-password', { status: 202, body: { message: 'ok' } });
    renderWithRouter({ '/mot-de-passe-oublie': <ForgotPasswordPage /> }, '/mot-de-passe-oublie', {
      account: null,
    });

    fireEvent.change(screen.getByRole('textbox', { name: /Adresse électronique/ }), {
      target: { value: 'personne@exemple.fr' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Recevoir un lien' }));

    expect(await screen.findByText(FORGOT_PASSWORD_CONFIRMATION)).toBeTruthy();
    expect(api.calls('POST', '/api/auth/forgot-password')[0]?.body).toEqual({ email: 'personne@exemple.fr' });
  });

  it('checks the address before sending', () => {
    const api = mockApi();
    renderWithRouter({ '/mot-de-passe-oublie': <ForgotPasswordPage /> }, '/mot-de-passe-oublie', {
      account: null,
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Adresse électronique/ }), {
      target: { value: 'pas-une-adresse' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Recevoir un lien' }));
    expect(screen.getByText(/Saisissez une adresse électronique valide/)).toBeTruthy();
    expect(api.requests).toHaveLength(0);
  });
});
