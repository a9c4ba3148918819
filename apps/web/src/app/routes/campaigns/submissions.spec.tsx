import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SubmissionsPage } from './submissions';
import { mockApi } from '@/testing/mock-api';
import { buildCampaignDetail, buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

describe('submissions list', () => {
  it('shows the counts, the submissions and filters through the URL', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/campaigns/2026', { body: buildCampaignDetail() })
      .get('/api/campaigns/2026/submissions', {
        body: { items: [buildSubmissionSummary()], total: 1, page: 1, pageSize: 20 },
      });
    renderWithRouter({ '/campagnes/:year/saisies': <SubmissionsPage /> }, '/campagnes/2026/saisies');

    expect(await screen.findByRole('link', { name: 'RÉSIDENCE LES CHÊNES' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'RÉSIDENCE LES CHÊNES' }).getAttribute('href')).toBe(
      '/campagnes/2026/structures/750000001',
    );
    expect(screen.getByText('25 %')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'En cours de saisie : 3' })).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Statut' }), { target: { value: 'VALIDATED' } });
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe('/campagnes/2026/saisies?status=VALIDATED'),
    );
    await waitFor(() =>
      expect(api.requests.some((r) => r.url.search === '?status=VALIDATED&page=1&pageSize=20')).toBe(true),
    );
  });
});
