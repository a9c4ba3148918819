import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SubmissionExtension } from '@tdb/contracts';
import { SubmissionPage } from './submission';
import { mockApi } from '@/testing/mock-api';
import { buildSubmissionDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

const PATH = '/api/campaigns/2026/submissions/750000001';
const EXTENSION: SubmissionExtension = {
  until: '2026-06-30',
  reason: 'Changement de direction en mai',
  grantedBy: 'Camille Martin',
  authority: 'ARS Île-de-France',
  grantedAt: '2026-06-02T08:00:00.000Z',
  current: true,
  label: "Délai accordé par ARS Île-de-France jusqu'au 30 juin 2026 inclus.",
};

const renderPage = () =>
  renderWithRouter(
    { '/campagnes/:year/structures/:finess': <SubmissionPage /> },
    '/campagnes/2026/structures/750000001',
  );

describe('extension of the entry', () => {
  it('tells the structure until when it may still enter, and why', async () => {
    mockApi()
      .get('/api/campaigns/2026/dictionary', { body: dictionary })
      .get(PATH, { body: buildSubmissionDetail({ extension: EXTENSION }) });
    renderPage();
    expect(
      await screen.findByText(
        "Délai accordé par ARS Île-de-France jusqu'au 30 juin 2026 inclus. Motif : Changement de direction en mai",
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accorder un délai' })).toBeNull();
  });

  it('lets the competent authority grant one with a date and a reason', async () => {
    const detail = buildSubmissionDetail({
      role: 'ARS_CONTROLLER',
      availableActions: [],
      extensionAction: { action: 'EXTEND', allowed: true, reason: null },
    });
    const api = mockApi()
      .get('/api/campaigns/2026/dictionary', { body: dictionary })
      .get(PATH, { body: detail })
      .post(`${PATH}/extension`, { body: { ...detail, extension: EXTENSION } });
    renderPage();
    const panel = await screen.findByRole('region', { name: 'Délai de saisie' });
    expect(within(panel).getByText('Aucun délai accordé à cette structure.')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Accorder un délai' }));
    fireEvent.change(within(panel).getByLabelText(/Dernier jour de saisie accordé/), {
      target: { value: '2026-06-30' },
    });
    fireEvent.change(within(panel).getByLabelText(/Motif/), {
      target: { value: 'Changement de direction en mai' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Accorder le délai' }));
    await waitFor(() => expect(api.calls('POST', `${PATH}/extension`)).toHaveLength(1));
    expect(api.calls('POST', `${PATH}/extension`)[0]!.body).toEqual({
      until: '2026-06-30',
      reason: 'Changement de direction en mai',
    });
    expect(
      await within(panel).findByText(
        /Délai accordé jusqu'au 30 juin 2026 inclus ; la structure en est informée/,
      ),
    ).toBeTruthy();
  });

  it('says to an authority why it cannot grant one now', async () => {
    mockApi()
      .get('/api/campaigns/2026/dictionary', { body: dictionary })
      .get(PATH, {
        body: buildSubmissionDetail({
          role: 'CD_CONTROLLER',
          status: 'VALIDATED',
          availableActions: [],
          extensionAction: {
            action: 'EXTEND',
            allowed: false,
            reason: 'La saisie est déjà validée : aucun délai n’est nécessaire.',
          },
        }),
      });
    renderPage();
    const panel = await screen.findByRole('region', { name: 'Délai de saisie' });
    expect(
      within(panel).getByText('La saisie est déjà validée : aucun délai n’est nécessaire.'),
    ).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Accorder un délai' })).toBeNull();
  });

  it('shows a sent-back submission the authority’s reason at the top of the form', async () => {
    mockApi()
      .get('/api/campaigns/2026/dictionary', { body: dictionary })
      .get(PATH, {
        body: buildSubmissionDetail({
          status: 'INVALIDATED',
          transitions: [
            {
              action: 'INVALIDATE',
              actionLabel: 'Invalider',
              from: 'VALIDATED',
              to: 'INVALIDATED',
              reason: 'Le nombre de places ne correspond pas à l’autorisation.',
              actorName: 'Contrôleur ARS',
              at: '2026-05-12T08:30:00.000Z',
            },
          ],
        }),
      });
    renderPage();
    const alert = await screen.findByText(/Invalidée par Contrôleur ARS le 12 mai 2026/);
    expect(alert.textContent).toContain('Motif : Le nombre de places ne correspond pas à l’autorisation.');
    expect(screen.getByText('Saisie à corriger')).toBeTruthy();
  });
});
