import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { FiabilisationPage } from './fiabilisation';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { indicatorGuide } from '@/testing/indicator-fixtures';
import { renderWithRouter } from '@/testing/render';

const apr = buildAccount({
  grants: [
    buildGrant({
      role: 'APR',
      organisation: { kind: 'ARS', code: '11' },
      organisationLabel: 'ARS Île-de-France',
    }),
  ],
});
const controllerId = '00000000-0000-4000-8000-00000000c001';

function api() {
  return mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/campaigns/2026/submissions', {
      body: { items: [buildSubmissionSummary()], total: 1, page: 1, pageSize: 50 },
    })
    .get('/api/campaigns/2026/fiabilisation/controllers', {
      body: [
        {
          id: controllerId,
          name: 'Paul Durand',
          email: 'paul.durand@ars.sante.fr',
          organisationKind: 'ARS',
          organisationCode: '11',
          role: 'CONTROLLER',
        },
      ],
    })
    .get('/api/campaigns/2026/fiabilisation/assignments', {
      body: [
        {
          campaignYear: 2026,
          finess: '750000001',
          structureName: 'RÉSIDENCE LES CHÊNES',
          controllerId: null,
          controllerName: null,
          priority: 1,
          note: null,
          version: 4,
          updatedAt: '2026-06-01T10:00:00.000Z',
        },
      ],
    })
    .get('/api/campaigns/2026/fiabilisation/priorities', {
      body: {
        campaignYear: 2026,
        organisationKind: 'ARS',
        organisationCode: '11',
        indicatorCodes: ['P01'],
        ruleCodes: [],
        version: 2,
        updatedAt: '2026-06-01T10:00:00.000Z',
      },
    })
    .get('/api/indicators/guide', { body: indicatorGuide })
    .get('/api/campaigns/2026/atypia', { body: { items: [], total: 0, page: 1, pageSize: 100 } });
}

const page = { '/campagnes/:year/fiabilisation': <FiabilisationPage /> };

describe('fiabilisation organisation page', () => {
  it('saves the assignments with the version read', async () => {
    const mock = api().put('/api/campaigns/2026/fiabilisation/assignments', {
      body: [
        {
          campaignYear: 2026,
          finess: '750000001',
          structureName: 'RÉSIDENCE LES CHÊNES',
          controllerId,
          controllerName: 'Paul Durand',
          priority: 3,
          note: 'CPOM en cours',
          version: 5,
          updatedAt: '2026-06-02T10:00:00.000Z',
        },
      ],
    });
    renderWithRouter(page, '/campagnes/2026/fiabilisation', { account: apr });

    const controllerSelect = await screen.findByLabelText('Contrôleur de RÉSIDENCE LES CHÊNES');
    await screen.findByRole('option', { name: 'Paul Durand (contrôleur)' });
    fireEvent.change(controllerSelect, { target: { value: controllerId } });
    fireEvent.change(screen.getByLabelText('Priorité de RÉSIDENCE LES CHÊNES'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Note sur RÉSIDENCE LES CHÊNES'), {
      target: { value: 'CPOM en cours' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Enregistrer les attributions/ }));
    expect(await screen.findByText('1 attribution enregistrée.')).toBeTruthy();
    expect(mock.calls('PUT', '/api/campaigns/2026/fiabilisation/assignments')[0]?.body).toEqual({
      items: [{ finess: '750000001', controllerId, priority: 3, note: 'CPOM en cours', version: 4 }],
    });
  });

  it('shows the 409 of stale assignments', async () => {
    api().put('/api/campaigns/2026/fiabilisation/assignments', {
      status: 409,
      body: apiError(
        409,
        'STALE_VERSION',
        "Des attributions ont été modifiées par quelqu'un d'autre depuis que vous les avez lues : rien n'a été enregistré.",
        [{ field: '750000001', message: 'Version 4 lue, version actuelle 5.' }],
      ),
    });
    renderWithRouter(page, '/campagnes/2026/fiabilisation', { account: apr });
    fireEvent.change(await screen.findByLabelText('Priorité de RÉSIDENCE LES CHÊNES'), {
      target: { value: '2' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Enregistrer les attributions/ }));
    expect(await screen.findByText(/rien n'a été enregistré/)).toBeTruthy();
    expect(screen.getByText('750000001 : Version 4 lue, version actuelle 5.')).toBeTruthy();
  });

  it('saves the priority indicators and rules with their version', async () => {
    const mock = api().put('/api/campaigns/2026/fiabilisation/priorities', {
      body: {
        campaignYear: 2026,
        organisationKind: 'ARS',
        organisationCode: '11',
        indicatorCodes: ['P01', 'R01'],
        ruleCodes: ['nb_places.yoy'],
        version: 3,
        updatedAt: '2026-06-02T10:00:00.000Z',
      },
    });
    renderWithRouter(page, '/campagnes/2026/fiabilisation', { account: apr });
    fireEvent.click(await screen.findByLabelText(/R01 – Taux d'absentéisme/));
    fireEvent.change(screen.getByLabelText(/Autres codes de règle/), { target: { value: 'nb_places.yoy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les priorités' }));
    expect(await screen.findByText('Les priorités sont enregistrées.')).toBeTruthy();
    expect(mock.calls('PUT', '/api/campaigns/2026/fiabilisation/priorities')[0]?.body).toEqual({
      indicatorCodes: ['P01', 'R01'],
      ruleCodes: ['nb_places.yoy'],
      version: 2,
    });
  });
});
