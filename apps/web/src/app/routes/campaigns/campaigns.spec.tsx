import { describe, expect, it } from 'vitest';
import type { CampaignJobDto } from '@tdb/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CampaignsPage } from './campaigns';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildCampaign } from '@/testing/campaign-fixtures';
import { buildJob } from '@/testing/indicator-fixtures';
import { getCampaignJobsQueryOptions } from '@/features/indicators/api/campaign-jobs';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

describe('campaigns page', () => {
  it('lets the national administrator create a campaign with the usual calendar', async () => {
    const api = mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/jobs', { body: [] })
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

  it('says the calendar is saved, once the list shows the new version', async () => {
    let campaign = buildCampaign();
    const api = mockApi()
      .get('/api/campaigns', () => ({ body: [campaign] }))
      .get('/api/campaigns/2026/jobs', { body: [] })
      .patch('/api/campaigns/2026', () => {
        campaign = buildCampaign({
          version: campaign.version + 1,
          dates: { ...campaign.dates, collectionEnd: '2026-05-20' },
        });
        return { body: campaign };
      });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes');

    const admin = await screen.findByRole('region', { name: 'Administrer la campagne 2026' });
    fireEvent.click(within(admin).getByRole('button', { name: 'Modifier le calendrier et le seuil' }));
    fireEvent.change(within(admin).getByLabelText(/Fin de la collecte/), { target: { value: '2026-05-20' } });
    fireEvent.click(within(admin).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(api.calls('GET', '/api/campaigns').length).toBeGreaterThan(1));
    const region = screen.getByRole('region', { name: 'Administrer la campagne 2026' });
    expect(
      await within(region).findByText('Le calendrier et le seuil de la campagne 2026 sont enregistrés.'),
    ).toBeTruthy();
    expect(api.calls('PATCH', '/api/campaigns/2026')[0]?.body).toMatchObject({
      version: 3,
      dates: { collectionEnd: '2026-05-20' },
    });
    // Editing again starts without the old message.
    fireEvent.click(within(region).getByRole('button', { name: 'Modifier le calendrier et le seuil' }));
    expect(within(region).queryByText(/sont enregistrés/)).toBeNull();
  });

  it('closes a campaign after confirmation and shows a 409 message', async () => {
    const api = mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/jobs', { body: [] })
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

  it('extends the collection for every structure that has not validated, and says why it cannot', async () => {
    const api = mockApi()
      .get('/api/campaigns', {
        body: [buildCampaign({ phase: 'FIABILISATION', phaseLabel: 'Fiabilisation' })],
      })
      .get('/api/campaigns/2026/jobs', { body: [] })
      .post('/api/campaigns/2026/extension', {
        status: 400,
        body: {
          ...apiError(400, 'VALIDATION_FAILED', 'Prolongation impossible : Le 1er juin 2026 est déjà passé.'),
          errors: [{ field: 'until', message: 'Le 1er juin 2026 est déjà passé.' }],
        },
      });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes');

    const admin = await screen.findByRole('region', { name: 'Administrer la campagne 2026' });
    fireEvent.click(within(admin).getByRole('button', { name: 'Prolonger la collecte…' }));
    fireEvent.change(within(admin).getByLabelText(/Dernier jour de saisie/), {
      target: { value: '2026-06-01' },
    });
    fireEvent.change(within(admin).getByLabelText(/Motif/), { target: { value: 'Panne nationale' } });
    fireEvent.click(
      within(admin).getByRole('button', { name: 'Prolonger pour toutes les structures non validées' }),
    );
    expect(await within(admin).findByText('Le 1er juin 2026 est déjà passé.')).toBeTruthy();
    expect(api.calls('POST', '/api/campaigns/2026/extension')[0]?.body).toEqual({
      until: '2026-06-01',
      reason: 'Panne nationale',
    });
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

  it('recomputes the indicators of an open campaign and follows the job, polling while it runs', async () => {
    let jobs: CampaignJobDto[] = [buildJob({ id: 'old', status: 'DONE', done: 40, total: 40 })];
    const api = mockApi()
      .get('/api/campaigns', { body: [buildCampaign(), buildCampaign({ year: 2025, state: 'CLOSED' })] })
      .get('/api/campaigns/2026/jobs', () => ({ body: jobs }))
      .post('/api/campaigns/2026/jobs/recompute-indicators', () => {
        const job = buildJob({ id: 'new', status: 'QUEUED', done: 0 });
        jobs = [job, ...jobs];
        return { status: 201, body: job };
      });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes');

    const admin = await screen.findByRole('region', { name: 'Administrer la campagne 2026' });
    expect(await within(admin).findByText('40 / 40 structures (100 %)')).toBeTruthy();
    // Only open campaigns are recomputed.
    const closed = screen.getByRole('region', { name: 'Administrer la campagne 2025' });
    expect(within(closed).queryByRole('button', { name: 'Recalculer les indicateurs' })).toBeNull();

    fireEvent.click(within(admin).getByRole('button', { name: 'Recalculer les indicateurs' }));
    expect(await within(admin).findByText('En attente')).toBeTruthy();
    expect(api.calls('POST', '/api/campaigns/2026/jobs/recompute-indicators')).toHaveLength(1);
    expect(
      (within(admin).getByRole('button', { name: 'Recalculer les indicateurs' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);

    // The job runs: the list is read again every 2 seconds.
    jobs = [buildJob({ id: 'new', status: 'RUNNING', done: 12, total: 40 }), ...jobs.slice(1)];
    const progress = await within(admin).findByRole('progressbar', {
      name: 'Avancement du recalcul : 12 / 40 structures (30\u00a0%)',
    });
    expect(progress.getAttribute('value')).toBe('30');
    expect(within(admin).getByText('En cours')).toBeTruthy();
  });

  it('polls only while a job is queued or running', () => {
    const { refetchInterval } = getCampaignJobsQueryOptions(2026);
    const at = (data: CampaignJobDto[] | undefined) =>
      typeof refetchInterval === 'function'
        ? refetchInterval({ state: { data } } as Parameters<typeof refetchInterval>[0])
        : refetchInterval;
    expect(at([buildJob({ status: 'RUNNING' })])).toBe(2000);
    expect(at([buildJob({ status: 'QUEUED' }), buildJob({ status: 'DONE' })])).toBe(2000);
    expect(at([buildJob({ status: 'DONE' }), buildJob({ status: 'FAILED' })])).toBe(false);
    expect(at(undefined)).toBe(false);
  });

  it('says when a recompute is already running (409) and shows a failed job', async () => {
    mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/jobs', {
        body: [buildJob({ status: 'FAILED', done: 5, error: 'Connexion à la base perdue.' })],
      })
      .post('/api/campaigns/2026/jobs/recompute-indicators', {
        status: 409,
        body: apiError(409, 'CONFLICT', 'Un recalcul des indicateurs de la campagne 2026 est déjà en cours.'),
      });
    renderWithRouter({ '/campagnes': <CampaignsPage /> }, '/campagnes');

    const admin = await screen.findByRole('region', { name: 'Administrer la campagne 2026' });
    expect(await within(admin).findByText(/Erreur : Connexion à la base perdue\./)).toBeTruthy();
    expect(within(admin).getByText('Échec')).toBeTruthy();
    fireEvent.click(within(admin).getByRole('button', { name: 'Recalculer les indicateurs' }));
    const alert = await within(admin).findByRole('alert');
    expect(alert.textContent).toContain('Un recalcul des indicateurs de la campagne 2026 est déjà en cours.');
  });
});
