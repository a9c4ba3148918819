import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApiTokenInfo, CreatedApiToken } from '@tdb/contracts';
import { ApiTokensPage } from './api-tokens';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const apr = buildAccount({
  email: 'apr@cd92.fr',
  grants: [
    buildGrant({
      role: 'APR',
      organisation: { kind: 'CD', code: '92' },
      organisationLabel: 'Département 92 (Hauts-de-Seine)',
    }),
  ],
});

const existing: ApiTokenInfo = {
  id: '00000000-0000-4000-8000-0000000000e1',
  organisation: { kind: 'CD', code: '92' },
  organisationLabel: 'Département 92 (Hauts-de-Seine)',
  name: 'Infocentre',
  createdAt: '2026-10-01T08:00:00.000Z',
  createdBy: apr.id,
  expiresAt: null,
  lastUsedAt: '2026-11-22T06:30:00.000Z',
  revokedAt: null,
};
const secret = 'tdb_0000000000004000800000000000e2_s3cr3t-v4leur-un1que';
const created: CreatedApiToken = {
  ...existing,
  id: '00000000-0000-4000-8000-0000000000e2',
  name: 'Entrepôt de données',
  createdAt: '2026-11-23T09:00:00.000Z',
  expiresAt: '2099-12-31T00:00:00.000Z',
  lastUsedAt: null,
  token: secret,
};

const writeText = vi.fn(async (_text: string) => undefined);
afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
  writeText.mockClear();
});

describe('API tokens page', () => {
  it('creates a token and shows its secret once, with a copy button and the warning', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    let tokens: ApiTokenInfo[] = [existing];
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/api-tokens', () => ({ body: tokens }))
      .post('/api/api-tokens', () => {
        const { token: _secret, ...info } = created;
        tokens = [info, ...tokens];
        return { status: 201, body: created };
      });
    renderWithRouter({ '/jetons-api': <ApiTokensPage /> }, '/jetons-api', { account: apr });

    const table = await screen.findByRole('table', { name: "Jetons d'API" });
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByText('Infocentre')).toBeTruthy();
    expect(within(row).getByText('Département 92 (Hauts-de-Seine)')).toBeTruthy();
    expect(within(row).getByText('1 octobre 2026')).toBeTruthy();
    expect(within(row).getByText('Sans expiration')).toBeTruthy();
    expect(within(row).getByText('Actif')).toBeTruthy();
    // How to use it.
    expect(screen.getByText('Authorization: Bearer <jeton>')).toBeTruthy();
    expect(screen.getByRole('link', { name: "Documentation de l'API (OpenAPI)" }).getAttribute('href')).toBe(
      '/api/docs',
    );
    // An APR's tokens belong to its own authority: nothing to choose.
    expect(screen.getByText('Département 92 (Hauts-de-Seine)', { selector: 'strong' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Créer le jeton' }));
    expect(screen.getByText("Nommez le jeton d'après son usage.")).toBeTruthy();
    expect(api.calls('POST', '/api/api-tokens')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /Nom du jeton/ }), {
      target: { value: ' Entrepôt de données ' },
    });
    fireEvent.change(screen.getByLabelText(/Date d'expiration/), { target: { value: '2099-12-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le jeton' }));

    const shown = await screen.findByText('Copiez ce jeton maintenant : il ne sera plus affiché.');
    const alert = shown.closest<HTMLElement>('.fr-alert')!;
    expect(within(alert).getByText('Le jeton « Entrepôt de données » est créé')).toBeTruthy();
    expect(within(alert).getByText(secret)).toBeTruthy();
    expect(api.calls('POST', '/api/api-tokens')[0]?.body).toEqual({
      name: 'Entrepôt de données',
      expiresAt: '2099-12-31',
    });
    fireEvent.click(within(alert).getByRole('button', { name: 'Copier le jeton' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(secret));

    // The list shows the new token, never its secret.
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).queryByText(secret)).toBeNull();

    fireEvent.click(within(alert).getByRole('button', { name: "J'ai copié le jeton" }));
    expect(screen.queryByText(secret)).toBeNull();
    expect(screen.queryByText('Copiez ce jeton maintenant : il ne sera plus affiché.')).toBeNull();
    expect(document.body.textContent).not.toContain(secret);
  });

  it('revokes a token after confirmation', async () => {
    let tokens: ApiTokenInfo[] = [existing];
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/api-tokens', () => ({ body: tokens }))
      .delete(`/api/api-tokens/${existing.id}`, () => {
        tokens = [{ ...existing, revokedAt: '2026-11-23T10:00:00.000Z' }];
        return { body: tokens[0] };
      });
    renderWithRouter({ '/jetons-api': <ApiTokensPage /> }, '/jetons-api', { account: apr });

    fireEvent.click(await screen.findByRole('button', { name: 'Révoquer' }));
    expect(screen.getByText('Révoquer le jeton « Infocentre » ?')).toBeTruthy();
    expect(api.calls('DELETE', `/api/api-tokens/${existing.id}`)).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer la révocation' }));

    expect(await screen.findByText('Le jeton « Infocentre » est révoqué.')).toBeTruthy();
    expect(await screen.findByText('Révoqué le 23 novembre 2026')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Révoquer' })).toBeNull();
    expect(api.calls('DELETE', `/api/api-tokens/${existing.id}`)).toHaveLength(1);
  });

  it('lets the national administrator choose the ARS or the Département', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/api-tokens', { body: [] })
      .post('/api/api-tokens', { status: 201, body: created });
    renderWithRouter({ '/jetons-api': <ApiTokensPage /> }, '/jetons-api');

    expect(await screen.findByText(/Aucun jeton n'a encore été créé/)).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Nom du jeton/ }), {
      target: { value: 'Pilotage régional' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le jeton' }));
    expect(screen.getByText('Choisissez une ARS ou un Département.')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'Agence régionale de santé (ARS)' }));
    fireEvent.change(await screen.findByRole('combobox', { name: "Région de l'ARS" }), {
      target: { value: '94' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le jeton' }));

    expect(await screen.findByText(secret)).toBeTruthy();
    expect(api.calls('POST', '/api/api-tokens')[0]?.body).toEqual({
      name: 'Pilotage régional',
      organisation: { kind: 'ARS', code: '94' },
    });
  });
});
