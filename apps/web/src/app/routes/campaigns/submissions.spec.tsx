import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SubmissionsPage } from './submissions';
import { mockApi } from '@/testing/mock-api';
import { buildCampaignDetail, buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
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

  it('offers a Département controller what remains for it, from the link of its steps', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/campaigns/2026', { body: buildCampaignDetail() })
      .get('/api/campaigns/2026/submissions', {
        body: { items: [buildSubmissionSummary()], total: 1, page: 1, pageSize: 20 },
      });
    const account = buildAccount({
      grants: [
        buildGrant({
          organisation: { kind: 'CD', code: '45' },
          role: 'CONTROLLER',
          organisationLabel: 'CD 45',
        }),
      ],
    });
    renderWithRouter(
      { '/campagnes/:year/saisies': <SubmissionsPage /> },
      '/campagnes/2026/saisies?work=CONSULT',
      {
        account,
      },
    );

    const work = await screen.findByRole('combobox', { name: 'À traiter' });
    expect((work as HTMLSelectElement).value).toBe('CONSULT');
    expect([...(work as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Toutes les saisies',
      'À confirmer ou invalider',
      'Partagées, à marquer consultées',
    ]);
    await waitFor(() => expect(api.requests.some((r) => r.url.search.includes('work=CONSULT'))).toBe(true));
  });

  it('does not offer the « à traiter » filter to a structure', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/campaigns/2026', { body: buildCampaignDetail() })
      .get('/api/campaigns/2026/submissions', {
        body: { items: [buildSubmissionSummary()], total: 1, page: 1, pageSize: 20 },
      });
    const account = buildAccount({
      grants: [
        buildGrant({ organisation: { kind: 'OG', code: '450000013' }, role: 'APE', organisationLabel: 'OG' }),
      ],
    });
    renderWithRouter({ '/campagnes/:year/saisies': <SubmissionsPage /> }, '/campagnes/2026/saisies', {
      account,
    });
    expect(await screen.findByRole('link', { name: 'RÉSIDENCE LES CHÊNES' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'À traiter' })).toBeNull();
  });
});
