import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OrganisationEntryPage } from './organisation-entry';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildOgDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

function renderGrid() {
  return renderWithRouter(
    { '/campagnes/:year/organisations/:ogFiness': <OrganisationEntryPage /> },
    '/campagnes/2026/organisations/750000010',
  );
}

function setUp() {
  return mockApi()
    .get('/api/campaigns/2026/dictionary', { body: dictionary })
    .get('/api/campaigns/2026/organisations/750000010', { body: buildOgDetail() });
}

describe('organisation entry grid', () => {
  it('sends only the changed cells, with each structure version', async () => {
    const api = setUp().post('/api/campaigns/2026/bulk', {
      body: {
        organisation: null,
        structures: [{ finess: '750000002', version: 8, changed: 1, completeness: 1 }],
      },
    });
    renderGrid();

    const cell = (await screen.findByRole('textbox', {
      name: 'Nombre de places installées – EHPAD LES TILLEULS',
    })) as HTMLInputElement;
    expect(cell.value).toBe('40');
    // Typed back to its value: not a change.
    const other = screen.getByRole('textbox', { name: 'Nombre de places installées – RÉSIDENCE LES CHÊNES' });
    fireEvent.change(other, { target: { value: '81' } });
    fireEvent.change(other, { target: { value: '80' } });
    fireEvent.change(cell, { target: { value: '42' } });
    expect(screen.getByText('1 modification en attente.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la grille' }));
    await waitFor(() => expect(api.calls('POST', '/api/campaigns/2026/bulk')).toHaveLength(1));
    expect(api.calls('POST', '/api/campaigns/2026/bulk')[0]?.body).toEqual({
      structures: [{ finess: '750000002', version: 7, values: { nb_places: 42 } }],
    });
    expect(await screen.findByText('Grille enregistrée : 1 valeur enregistrée.')).toBeTruthy();
  });

  it('does not send an invalid cell, and maps the refusals of the API back to their cells', async () => {
    const api = setUp().post('/api/campaigns/2026/bulk', {
      status: 400,
      body: apiError(400, 'VALIDATION_FAILED', 'Des valeurs sont invalides.', [
        { field: 'structures[0].values.nb_places', message: 'La valeur dépasse la capacité autorisée.' },
      ]),
    });
    renderGrid();

    const cell = await screen.findByRole('textbox', {
      name: 'Nombre de places installées – EHPAD LES TILLEULS',
    });
    fireEvent.change(cell, { target: { value: 'beaucoup' } });
    expect(screen.getByText('La valeur doit être un nombre.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la grille' }));
    expect(await screen.findByText(/Une cellule contient une valeur invalide/)).toBeTruthy();
    expect(api.calls('POST', '/api/campaigns/2026/bulk')).toHaveLength(0);

    fireEvent.change(cell, { target: { value: '900' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la grille' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        'EHPAD LES TILLEULS — Nombre de places installées : La valeur dépasse la capacité autorisée.',
      ),
    ).toBeTruthy();
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect((cell as HTMLInputElement).value).toBe('900');
  });

  it('validates a row that offers it', async () => {
    const api = setUp().post('/api/campaigns/2026/submissions/750000002/transitions', {
      body: { finess: '750000002' },
    });
    renderGrid();

    fireEvent.click(await screen.findByRole('button', { name: 'Valider la saisie de EHPAD LES TILLEULS' }));
    await waitFor(() =>
      expect(api.calls('POST', '/api/campaigns/2026/submissions/750000002/transitions')).toHaveLength(1),
    );
    expect(api.calls('POST', '/api/campaigns/2026/submissions/750000002/transitions')[0]?.body).toEqual({
      action: 'VALIDATE',
      version: 7,
    });
    expect(screen.queryByRole('button', { name: 'Valider la saisie de RÉSIDENCE LES CHÊNES' })).toBeNull();
  });
});
