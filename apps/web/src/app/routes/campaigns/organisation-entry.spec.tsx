import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OrganisationEntryPage } from './organisation-entry';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildOgDetail, buildSubmissionDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

const TILLEULS = '/api/campaigns/2026/submissions/750000002/values';
const OG_VALUES = '/api/campaigns/2026/organisations/750000010/values';

function renderGrid() {
  return renderWithRouter(
    {
      '/campagnes/:year/organisations/:ogFiness': <OrganisationEntryPage />,
      '/campagnes/:year/structures/:finess': <h1>Formulaire de la structure</h1>,
    },
    '/campagnes/2026/organisations/750000010',
  );
}

function setUp() {
  return mockApi()
    .get('/api/campaigns/2026/dictionary', { body: dictionary })
    .get('/api/campaigns/2026/organisations/750000010', { body: buildOgDetail() });
}

const placesOf = (name: string) =>
  screen.findByRole('textbox', {
    name: `Nombre de places installées – ${name}`,
  }) as Promise<HTMLInputElement>;

describe('organisation entry grid', () => {
  it('shows one column per structure and one row per item, in a table with headers', async () => {
    setUp();
    renderGrid();
    const table = await screen.findByRole('table', {
      name: /Caractérisation : une colonne par structure \(2\)/,
    });
    const columns = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(columns).toEqual(['Donnée', 'RÉSIDENCE LES CHÊNES 750000001', 'EHPAD LES TILLEULS 750000002']);
    const rows = within(table)
      .getAllByRole('rowheader')
      .map((th) => th.firstChild?.textContent);
    expect(rows).toEqual(['Statut et complétude', 'Nombre de places installées (places)']);
    // The grid alone scrolls: a focusable region named by its caption.
    expect(screen.getByRole('region', { name: /une colonne par structure/ }).getAttribute('tabindex')).toBe(
      '0',
    );
  });

  it('saves a changed cell by itself on its structure, with the version read, and not a value typed back', async () => {
    const api = setUp().put(TILLEULS, {
      body: buildSubmissionDetail({
        finess: '750000002',
        version: 8,
        values: { nb_places: 42 },
        completeness: 0.5,
      }),
    });
    renderGrid();
    const chenes = await placesOf('RÉSIDENCE LES CHÊNES');
    fireEvent.change(chenes, { target: { value: '81' } });
    fireEvent.change(chenes, { target: { value: '80' } });
    const tilleuls = await placesOf('EHPAD LES TILLEULS');
    expect(tilleuls.value).toBe('40');
    fireEvent.change(tilleuls, { target: { value: '42' } });
    expect(await screen.findByText('Modifications en attente d’enregistrement…')).toBeTruthy();
    fireEvent.focusOut(tilleuls);

    expect(await screen.findByText(/^Enregistré à \d\d:\d\d$/)).toBeTruthy();
    expect(api.calls('PUT', TILLEULS).map((r) => r.body)).toEqual([
      { version: 7, values: { nb_places: 42 }, source: 'FORM' },
    ]);
    expect(api.calls('PUT', '/api/campaigns/2026/submissions/750000001/values')).toHaveLength(0);
    // The row shows the saved answer (its completeness).
    expect(screen.getByText('50 %')).toBeTruthy();
  });

  it('saves the organisme gestionnaire’s own items with its version', async () => {
    const api = setUp().put(OG_VALUES, {
      body: buildOgDetail({ version: 3, values: { siege_social: '2 rue de Lyon' } }),
    });
    renderGrid();
    const siege = await screen.findByRole('textbox', { name: 'Adresse du siège' });
    fireEvent.change(siege, { target: { value: '2 rue de Lyon' } });
    fireEvent.focusOut(siege);
    await waitFor(() => expect(api.calls('PUT', OG_VALUES)).toHaveLength(1));
    expect(api.calls('PUT', OG_VALUES)[0]?.body).toEqual({
      version: 2,
      values: { siege_social: '2 rue de Lyon' },
      source: 'FORM',
    });
  });

  it('does not send an invalid cell, and shows the refusals of the API in their cells', async () => {
    const api = setUp().put(TILLEULS, {
      status: 400,
      body: apiError(400, 'VALIDATION_FAILED', 'Des valeurs sont invalides.', [
        { field: 'nb_places', message: 'La valeur dépasse la capacité autorisée.' },
      ]),
    });
    renderGrid();
    const cell = await placesOf('EHPAD LES TILLEULS');
    fireEvent.change(cell, { target: { value: 'beaucoup' } });
    fireEvent.focusOut(cell);
    expect(screen.getByText('La valeur doit être un nombre.')).toBeTruthy();
    expect(screen.getByText('Une cellule contient une valeur invalide, non enregistrée.')).toBeTruthy();
    expect(api.calls('PUT', TILLEULS)).toHaveLength(0);

    fireEvent.change(cell, { target: { value: '900' } });
    fireEvent.focusOut(cell);
    expect(await screen.findByText('La valeur dépasse la capacité autorisée.')).toBeTruthy();
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(cell.value).toBe('900');
    expect(
      screen.getByText(
        'Certaines valeurs ont été refusées : corrigez-les. Une cellule contient une valeur invalide, non enregistrée.',
      ),
    ).toBeTruthy();
  });

  it('after a 409 lets the user keep their value against the one saved meanwhile', async () => {
    let calls = 0;
    const api = setUp().put(TILLEULS, () => {
      calls += 1;
      return calls === 1
        ? {
            status: 409,
            body: {
              ...apiError(409, 'STALE_VERSION', 'La saisie a été modifiée entre-temps.'),
              current: { version: 9, values: { nb_places: 50 } },
            },
          }
        : { body: buildSubmissionDetail({ finess: '750000002', version: 10, values: { nb_places: 42 } }) };
    });
    renderGrid();
    const cell = await placesOf('EHPAD LES TILLEULS');
    fireEvent.change(cell, { target: { value: '42' } });
    fireEvent.focusOut(cell);
    const conflict = await screen.findByRole('group', {
      name: /Conflit : Nombre de places installées – EHPAD LES TILLEULS/,
    });
    expect(within(conflict).getByText('50 places')).toBeTruthy();
    fireEvent.click(within(conflict).getByRole('button', { name: 'Garder la mienne' }));
    await waitFor(() => expect(api.calls('PUT', TILLEULS)).toHaveLength(2));
    expect(api.calls('PUT', TILLEULS)[1]?.body).toEqual({
      version: 9,
      values: { nb_places: 42 },
      source: 'FORM',
    });
  });

  it('saves what waits before following a link, then leaves', async () => {
    const api = setUp().put(TILLEULS, {
      body: buildSubmissionDetail({ finess: '750000002', version: 8, values: { nb_places: 42 } }),
    });
    renderGrid();
    const cell = await placesOf('EHPAD LES TILLEULS');
    fireEvent.change(cell, { target: { value: '42' } });
    fireEvent.click(screen.getByRole('link', { name: 'EHPAD LES TILLEULS' }));
    expect(await screen.findByRole('heading', { name: 'Formulaire de la structure' })).toBeTruthy();
    expect(api.calls('PUT', TILLEULS).map((r) => r.body)).toEqual([
      { version: 7, values: { nb_places: 42 }, source: 'FORM' },
    ]);
  });

  it('asks before leaving with a value that cannot be saved: stay, or leave without it', async () => {
    setUp();
    renderGrid();
    const cell = await placesOf('EHPAD LES TILLEULS');
    fireEvent.change(cell, { target: { value: 'beaucoup' } });
    fireEvent.click(screen.getByRole('link', { name: 'EHPAD LES TILLEULS' }));
    const dialog = await screen.findByRole('dialog', { name: 'Des modifications ne sont pas enregistrées' });
    expect(within(dialog).getByText(/1 valeur invalide ou refusée/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rester sur la page' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('location').textContent).toBe('/campagnes/2026/organisations/750000010');
    expect(cell.value).toBe('beaucoup');

    fireEvent.click(screen.getByRole('link', { name: 'EHPAD LES TILLEULS' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Quitter sans les enregistrer' }),
    );
    expect(await screen.findByRole('heading', { name: 'Formulaire de la structure' })).toBeTruthy();
  });

  it('helps with each item: unit, bounds, counting, indicators of these structures, last year’s values', async () => {
    setUp().get('/api/campaigns/2026/organisations/750000010', {
      body: buildOgDetail({
        structures: buildOgDetail().structures.map((row, index) => ({
          ...row,
          previousValues: index === 0 ? { nb_places: 78 } : ({} as Record<string, number>),
        })),
      }),
    });
    renderGrid();
    await placesOf('EHPAD LES TILLEULS');
    const help = await screen.findByRole('button', { name: 'Aide sur « Nombre de places installées »' });
    expect(help.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(help);
    expect(help.getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(help.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(within(panel).getByText('Unité : places')).toBeTruthy();
    expect(within(panel).getByText('Valeurs admises : De 0 à 1 000 places')).toBeTruthy();
    expect(within(panel).getByText('Comptage : Au 31 décembre.')).toBeTruthy();
    // Both structures are EHPAD: P01 (IME only) is not listed.
    const link = within(panel).getByRole('link', { name: "P15 — Taux d'occupation des lits ou places" });
    expect(link.getAttribute('href')).toBe('/indicateurs/P15?annee=2026');
    expect(within(panel).queryByText(/P01/)).toBeNull();
    expect(screen.getByText('Campagne 2025 (données 2024) : 78 places')).toBeTruthy();
    expect(screen.getByText('Campagne 2025 (données 2024) : non renseigné')).toBeTruthy();
  });

  it('moves down a structure’s column with Enter', async () => {
    setUp();
    renderGrid();
    fireEvent.change(await screen.findByRole('combobox', { name: 'Domaine affiché' }), {
      target: { value: 'CARACTERISATION' },
    });
    const cell = await placesOf('EHPAD LES TILLEULS');
    cell.focus();
    // A single text row in this domain: Enter stays, and nothing is prevented.
    fireEvent.keyDown(cell, { key: 'Enter' });
    expect(document.activeElement).toBe(cell);
  });

  it('saves what waits, then validates a row that offers it with its current version', async () => {
    const api = setUp()
      .put(TILLEULS, {
        body: buildSubmissionDetail({ finess: '750000002', version: 8, values: { nb_places: 41 } }),
      })
      .post('/api/campaigns/2026/submissions/750000002/transitions', {
        body: buildSubmissionDetail({ finess: '750000002' }),
      });
    renderGrid();
    fireEvent.change(await placesOf('EHPAD LES TILLEULS'), { target: { value: '41' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valider la saisie de EHPAD LES TILLEULS' }));
    await waitFor(() =>
      expect(api.calls('POST', '/api/campaigns/2026/submissions/750000002/transitions')).toHaveLength(1),
    );
    expect(api.calls('PUT', TILLEULS)).toHaveLength(1);
    expect(api.calls('POST', '/api/campaigns/2026/submissions/750000002/transitions')[0]?.body).toEqual({
      action: 'VALIDATE',
      version: 8,
    });
    expect(screen.queryByRole('button', { name: 'Valider la saisie de RÉSIDENCE LES CHÊNES' })).toBeNull();
  });
});
