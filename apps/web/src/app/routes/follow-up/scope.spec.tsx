import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { ScopePage } from './scope';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

const inScope = buildSubmissionSummary();
const excluded = buildSubmissionSummary({
  finess: '920000002',
  name: 'IME LES TILLEULS',
  inScope: false,
  scopeReason: 'Structure fermée',
});

const controller = buildAccount({
  grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
});

function api() {
  return mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/campaigns/2026/submissions', {
      body: { items: [inScope, excluded], total: 2, page: 1, pageSize: 50 },
    });
}

const page = { '/campagnes/:year/perimetre': <ScopePage /> };

describe('campaign scope page', () => {
  it('lists the structures, excluded ones included; excluding asks for a mandatory reason', async () => {
    const mock = api().patch('/api/campaigns/2026/submissions/750000001/scope', {
      body: { ...inScope, inScope: false, scopeReason: 'Fermeture' },
    });
    renderWithRouter(page, '/campagnes/2026/perimetre', { account: controller });

    expect(await screen.findByText('Motif : Structure fermée')).toBeTruthy();
    expect(
      mock.calls('GET', '/api/campaigns/2026/submissions')[0]?.url.searchParams.get('includeExcluded'),
    ).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Exclure RÉSIDENCE LES CHÊNES' }));
    const form = screen.getByRole('form', { name: /Exclure « RÉSIDENCE LES CHÊNES »/ });
    fireEvent.click(within(form).getByRole('button', { name: "Confirmer l'exclusion" }));
    expect(within(form).getByText("Indiquez le motif de l'exclusion.")).toBeTruthy();
    expect(mock.calls('PATCH', '/api/campaigns/2026/submissions/750000001/scope')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText(/Motif de l'exclusion/), {
      target: { value: ' Fermeture ' },
    });
    fireEvent.click(within(form).getByRole('button', { name: "Confirmer l'exclusion" }));
    expect(
      await screen.findByText('RÉSIDENCE LES CHÊNES est exclue du périmètre de la campagne.'),
    ).toBeTruthy();
    expect(mock.calls('PATCH', '/api/campaigns/2026/submissions/750000001/scope')[0]?.body).toEqual({
      inScope: false,
      reason: 'Fermeture',
      version: 4,
    });
  });

  it('shows the 409 of a refused change', async () => {
    api().patch('/api/campaigns/2026/submissions/920000002/scope', {
      status: 409,
      body: apiError(409, 'CONFLICT', 'La saisie a été modifiée entre-temps : rechargez la page.'),
    });
    renderWithRouter(page, '/campagnes/2026/perimetre', { account: controller });
    fireEvent.click(await screen.findByRole('button', { name: 'Inclure IME LES TILLEULS' }));
    expect(await screen.findByText('La saisie a été modifiée entre-temps : rechargez la page.')).toBeTruthy();
  });

  it('uploads the filled list: the errors by line (422), then the counts', async () => {
    let attempts = 0;
    const mock = api().post('/api/campaigns/2026/scope', () => {
      attempts += 1;
      return attempts === 1
        ? {
            status: 422,
            body: apiError(
              422,
              'IMPORT_REJECTED',
              'Le fichier comporte 2 lignes en erreur : rien n’a été modifié.',
              [
                { line: 3, message: 'FINESS invalide : « 12 ».' },
                { line: 7, message: '« Dans le périmètre » doit valoir Oui ou Non (lu : « peut-être »).' },
              ],
            ),
          }
        : { status: 201, body: { included: 1, excluded: 2, unchanged: 40 } };
    });
    renderWithRouter(page, '/campagnes/2026/perimetre', { account: controller });

    const submit = await screen.findByRole('button', { name: 'Déposer la liste' });
    fireEvent.click(submit);
    expect(screen.getByText('Choisissez la liste du périmètre remplie (fichier .xlsx).')).toBeTruthy();

    const input = screen.getByLabelText(/Liste du périmètre remplie/);
    fireEvent.change(input, { target: { files: [new File(['x'], 'perimetre.xlsx')] } });
    fireEvent.click(submit);
    const errors = await screen.findByRole('list', { name: 'Lignes en erreur' });
    expect(
      within(errors)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Ligne 3 : FINESS invalide : « 12 ».',
      'Ligne 7 : « Dans le périmètre » doit valoir Oui ou Non (lu : « peut-être »).',
    ]);
    expect(screen.getByText('Le fichier comporte 2 lignes en erreur : rien n’a été modifié.')).toBeTruthy();
    const sent = mock.calls('POST', '/api/campaigns/2026/scope')[0]?.body as FormData;
    // The file itself (its name does not survive vitest's jsdom FormData → Request conversion).
    expect(await (sent.get('file') as File).text()).toBe('x');

    fireEvent.change(input, { target: { files: [new File(['y'], 'perimetre.xlsx')] } });
    fireEvent.click(submit);
    expect(await screen.findByText('Le périmètre a été mis à jour')).toBeTruthy();
    expect(screen.getByText('2 structures exclues')).toBeTruthy();
    expect(screen.getByText('40 structures inchangées')).toBeTruthy();
  });

  it('is read-only for a reader (download only)', async () => {
    api();
    renderWithRouter(page, '/campagnes/2026/perimetre', {
      account: buildAccount({
        grants: [buildGrant({ role: 'READER', organisation: { kind: 'CD', code: '75' } })],
      }),
    });
    expect(await screen.findByText('Motif : Structure fermée')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Télécharger la liste du périmètre' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Exclure/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Déposer la liste' })).toBeNull();
  });
});
