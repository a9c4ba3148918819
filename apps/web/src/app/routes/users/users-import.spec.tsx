import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ProvisioningReport } from '@tdb/contracts';
import { UsersImportPage } from './users-import';
import { apiError, mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

const csv = (name = 'ape.csv') =>
  new File(
    [
      'FINESS;Nom;Prénom;Courriel;Téléphone\n450000018;DURAND;Claire;claire.durand@ehpad.fr;\n45000002;MARTIN;Karim;karim;\n',
    ],
    name,
    { type: 'text/csv' },
  );

function choose(file: File) {
  fireEvent.change(screen.getByLabelText(/Fichier des APE/), { target: { files: [file] } });
}

describe('APE provisioning page', () => {
  it('describes the expected file, with an example table', () => {
    mockApi();
    renderWithRouter({ '/utilisateurs/import': <UsersImportPage /> }, '/utilisateurs/import');

    const example = screen.getByRole('table', { name: 'Exemple de fichier' });
    expect(
      within(example)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['FINESS', 'Nom', 'Prénom', 'Courriel', 'Téléphone', 'Transfert']);
    expect(within(example).getByText('claire.durand@ehpad-exemple.fr')).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Télécharger un modèle de fichier (CSV)' }).getAttribute('download'),
    ).toBe('modele-import-ape.csv');
  });

  it('shows the errors per line of a rejected file, and that nothing was created (422)', async () => {
    const errors = [
      { line: 3, message: 'FINESS : 9 caractères attendus ; courriel invalide (« karim »)' },
      {
        line: 5,
        message:
          "L'ARS Île-de-France ne peut pas administrer un foyer de vie (EANM) : compétence du Département.",
      },
    ];
    const api = mockApi().post('/api/accounts/import', {
      status: 422,
      body: {
        ...apiError(422, 'IMPORT_REJECTED', '2 ligne(s) à corriger : aucun compte n’a été créé.', errors),
        report: { applied: false, created: 0, grantsAdded: 0, unchanged: 0, lines: [], errors },
      },
    });
    renderWithRouter({ '/utilisateurs/import': <UsersImportPage /> }, '/utilisateurs/import');

    // Checked before sending.
    fireEvent.click(screen.getByRole('button', { name: 'Importer les APE' }));
    expect(screen.getByText('Choisissez le fichier des APE.')).toBeTruthy();
    choose(new File(['x'], 'ape.pdf'));
    fireEvent.click(screen.getByRole('button', { name: 'Importer les APE' }));
    expect(screen.getByText('Le fichier doit être au format .csv ou .xlsx.')).toBeTruthy();
    expect(api.calls('POST', '/api/accounts/import')).toHaveLength(0);

    const file = csv();
    choose(file);
    fireEvent.click(screen.getByRole('button', { name: 'Importer les APE' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Le fichier a été rejeté : aucun compte n’a été créé');
    expect(alert.textContent).toContain('Corrigez les lignes ci-dessous dans votre fichier');
    const table = screen.getByRole('table', { name: 'Lignes à corriger (2 lignes)' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['3', errors[0]!.message],
      ['5', errors[1]!.message],
    ]);
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));

    const sent = api.calls('POST', '/api/accounts/import')[0]!;
    // Multipart, with the boundary written by fetch. (The file's name is not checked: in jsdom its
    // File is a mere Blob to Node's fetch, which names it "blob"; a browser sends "ape.csv".)
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const uploaded = (sent.body as { get(name: string): unknown }).get('file') as Blob;
    await expect(uploaded.text()).resolves.toContain('450000018;DURAND;Claire');
    expect(sent.headers['authorization']).toBe('Bearer jeton-de-test');
  });

  it('shows the counts and the outcome of each line of an applied file', async () => {
    const report: ProvisioningReport = {
      applied: true,
      invited: 2,
      grantsAdded: 1,
      unchanged: 0,
      lines: [
        { line: 2, finess: '450000018', email: 'claire.durand@ehpad.fr', outcome: 'invited' },
        { line: 3, finess: '450000026', email: 'karim.martin@foyer.fr', outcome: 'invited' },
        { line: 4, finess: '450000034', email: 'paul.leroy@og.fr', outcome: 'grant_added' },
      ],
      errors: [],
    };
    mockApi().post('/api/accounts/import', { body: report });
    renderWithRouter({ '/utilisateurs/import': <UsersImportPage /> }, '/utilisateurs/import');

    choose(csv('ape.xlsx'));
    fireEvent.click(screen.getByRole('button', { name: 'Importer les APE' }));

    expect(await screen.findByText('Le fichier a été importé')).toBeTruthy();
    expect(screen.getByText(/^2 invitations envoyées/)).toBeTruthy();
    expect(screen.getByText('1 habilitation APE ajoutée à un compte existant')).toBeTruthy();
    expect(screen.getByText('0 ligne sans changement')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Résultat par ligne (3 lignes)' });
    const last = within(table).getAllByRole('row')[3]!;
    expect(within(last).getByText('paul.leroy@og.fr')).toBeTruthy();
    expect(within(last).getByText('Habilitation APE ajoutée au compte existant')).toBeTruthy();
    expect(within(table).getAllByText('Invitation envoyée')).toHaveLength(2);
  });
});
