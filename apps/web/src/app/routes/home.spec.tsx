import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { HomePage } from './home';
import { mockApi } from '@/testing/mock-api';
import { buildCampaign, buildSubmissionDetail, buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

describe('home page campaign card', () => {
  it('lists the submissions of a structure user, with what remains and the referents', async () => {
    mockApi()
      .get('/api/campaigns', { body: [buildCampaign({ year: 2025, state: 'CLOSED' }), buildCampaign()] })
      .get('/api/campaigns/2026/submissions', {
        body: { items: [buildSubmissionSummary()], total: 1, page: 1, pageSize: 10 },
      })
      .get('/api/campaigns/2026/submissions/750000001', { body: buildSubmissionDetail() });
    renderWithRouter({ '/': <HomePage /> }, '/', {
      account: buildAccount({
        grants: [buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '750000001' } })],
      }),
    });

    expect(await screen.findByRole('heading', { name: 'Campagne 2026' })).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'RÉSIDENCE LES CHÊNES' })).getAttribute('href')).toBe(
      '/campagnes/2026/structures/750000001',
    );
    // What remains, and the completeness rule with what is missing to reach it (1 of 4, 90 %).
    expect(
      await screen.findByText(
        'Reste à faire : 1 donnée à compléter ou corriger avant la validation. 25 % saisi, 90 % requis pour valider : encore 3 données à renseigner.',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/Claire Martin/)).toBeTruthy();
  });

  it('shows its coordinator who enters which domain and how far each has got', async () => {
    const detail = buildSubmissionDetail({
      role: 'STRUCTURE_VALIDATION',
      assignments: [
        {
          accountId: 'a1',
          name: 'Claire Directrice',
          email: 'claire@example.org',
          role: 'APE',
          domains: null,
          completeness: { filled: 50, expected: 100, ratio: 0.5 },
        },
        {
          accountId: 'a2',
          name: 'Paul Paie',
          email: 'paul@example.org',
          role: 'ENTRY',
          domains: ['RESSOURCES_HUMAINES'],
          completeness: { filled: 30, expected: 40, ratio: 0.75 },
        },
      ],
    });
    mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/submissions', {
        body: { items: [buildSubmissionSummary()], total: 1, page: 1, pageSize: 10 },
      })
      .get('/api/campaigns/2026/submissions/750000001', { body: detail });
    renderWithRouter({ '/': <HomePage /> }, '/', {
      account: buildAccount({
        grants: [buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '750000001' } })],
      }),
    });
    expect(await screen.findByText('Qui saisit quoi')).toBeTruthy();
    expect(screen.getByText(/Paul Paie — Ressources humaines : 75/)).toBeTruthy();
    expect(screen.getByText(/Claire Directrice — tous les domaines : 50/)).toBeTruthy();
  });

  it('shows the counts of an authority scope', async () => {
    mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/follow-up', {
        body: {
          campaignYear: 2026,
          phase: 'COLLECTION',
          totals: { NOT_STARTED: 4, IN_PROGRESS: 3, VALIDATED: 2, INVALIDATED: 1, CONFIRMED: 0 },
          total: 10,
          rows: [],
          late: [],
        },
      });
    renderWithRouter({ '/': <HomePage /> }, '/', {
      account: buildAccount({
        grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
      }),
    });
    expect(await screen.findByText('Suivre les saisies')).toBeTruthy();
    expect(screen.getByText('En cours de saisie').previousElementSibling?.textContent).toBe('3');
    expect(screen.getByRole('link', { name: 'Suivi de la campagne' }).getAttribute('href')).toBe(
      '/campagnes/2026/suivi',
    );
    expect(screen.getByRole('link', { name: 'Périmètre' }).getAttribute('href')).toBe(
      '/campagnes/2026/perimetre',
    );
    expect(screen.getByRole('link', { name: 'Communication' }).getAttribute('href')).toBe(
      '/campagnes/2026/communication',
    );
  });
});
