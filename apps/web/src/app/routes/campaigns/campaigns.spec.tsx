import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CampaignsPage } from './campaigns';
import { apiError, mockApi } from '../../../testing/mock-api';
import { buildCampaign } from '../../../testing/campaign-fixtures';
import { buildAccount, buildGrant } from '../../../testing/fixtures';
import { renderWithRouter } from '../../../testing/render';

describe('campaigns page', () => {
  it('lets the national administrator create a campaign with the usual calendar', async () => {
    const api = mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .post('/api/campaigns', { body: buildCampaign({ year: 2027, state: 'DRAFT' }) });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes');

    expect(await screen.findByRole('link', { name: 'Campagne 2026' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Créer une campagne' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Année de la campagne/ }), {
      target: { value: '2027' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Créer la campagne' }));
    await waitFor(() => expect(api.calls('POST', '/api/campaigns')).toHaveLength(1));
    expect(api.calls('POST', '/api/campaigns')[0]?.body).toEqual({
      year: 2027,
      threshold: 0.9,
      dates: {
        launch: '2027-01-15',
        accountsSetup: '2027-03-01',
        collectionStart: '2027-04-15',
        collectionEnd: '2027-05-31',
        fiabilisationStart: '2027-06-01',
        fiabilisationEnd: '2027-08-31',
        restitutionStart: '2027-09-01',
      },
    });
  });

  it('closes a campaign after confirmation and shows a 409 message', async () => {
    const api = mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .post('/api/campaigns/2026/close', {
        status: 409,
        body: apiError(409, 'STALE_VERSION', 'La campagne a été modifiée entre-temps.'),
      });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes');

    const admin = await screen.findByRole('region', { name: 'Administrer la campagne 2026' });
    fireEvent.click(within(admin).getByRole('button', { name: 'Clore la campagne' }));
    fireEvent.click(within(admin).getByRole('button', { name: 'Confirmer la clôture' }));
    expect(await within(admin).findByText(/La campagne a été modifiée entre-temps/)).toBeTruthy();
    expect(api.calls('POST', '/api/campaigns/2026/close')[0]?.body).toEqual({ version: 3 });
  });

  it('offers no administration to other accounts', async () => {
    mockApi().get('/api/campaigns', { body: [buildCampaign()] });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes', {
      account: buildAccount({
        grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
      }),
    });
    expect(await screen.findByRole('link', { name: 'Campagne 2026' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Créer une campagne' })).toBeNull();
  });
});
