import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { OrganisationDetail } from '@tdb/contracts';
import { OrganisationPage } from './organisation';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildStructureSummary, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const organisation: OrganisationDetail = {
  finess: '750000010',
  name: 'ASSOCIATION LES AMIS DES CHÊNES',
  departmentCode: '75',
  structureCount: 2,
  legalStatus: 'Association loi 1901 non reconnue d’utilité publique',
  structures: [
    buildStructureSummary(),
    buildStructureSummary({
      finess: '750000002',
      name: 'SSIAD DES CHÊNES',
      categoryCode: 'SSIAD',
      categoryLabel: 'SSIAD',
    }),
  ],
};

describe('organisation page', () => {
  it('shows the managing organisation and links to its structures', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/organisations/750000010', { body: organisation });
    renderWithRouter({ '/organisations/:finess': <OrganisationPage /> }, '/organisations/750000010');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'ASSOCIATION LES AMIS DES CHÊNES' }),
    ).toBeTruthy();
    expect(screen.getByText('Association loi 1901 non reconnue d’utilité publique')).toBeTruthy();
    expect(screen.getByText('2 ESMS')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('link', { name: 'SSIAD DES CHÊNES' }).getAttribute('href')).toBe(
      '/structures/750000002',
    );
    // No "managing organisation" column on the organisation's own page.
    expect(within(table).queryByRole('columnheader', { name: 'Organisme gestionnaire' })).toBeNull();
  });

  it('says so when the organisation is unknown', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/organisations/000000000', {
        status: 404,
        body: apiError(404, 'ORGANISATION_NOT_FOUND', "L'organisme gestionnaire 000000000 n'existe pas."),
      });
    renderWithRouter({ '/organisations/:finess': <OrganisationPage /> }, '/organisations/000000000');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organisme gestionnaire introuvable' }),
    ).toBeTruthy();
  });
});
