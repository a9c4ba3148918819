import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';

import type { MyStepsDto } from '@tdb/contracts';
import { HomePage } from './home';
import { mockApi } from '@/testing/mock-api';
import { buildCampaign } from '@/testing/campaign-fixtures';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const controllerSteps: MyStepsDto = {
  campaignYear: 2026,
  phase: 'FIABILISATION',
  phaseLabel: 'Fiabilisation',
  guideVersion: '2026.1',
  onlyFiness: null,
  onlyOgFiness: null,
  blocks: [
    {
      role: 'CONTROLLER',
      label: 'Contrôleur – Département 18 (Cher)',
      steps: [
        {
          id: 'authority.open-flags',
          title: 'Examiner les atypies du tableau',
          text: 'Pour chaque valeur atypique…',
          deadline: '2026-08-31',
          state: 'TODO',
          progress: '4 atypies ouvertes.',
          link: {
            page: 'atypia',
            label: 'Ouvrir le tableau des atypies',
            query: { status: 'OPEN', vue: 'toutes' },
          },
        },
        {
          id: 'authority.mark-consulted',
          title: 'Marquer « consultées » les saisies de compétence partagée',
          text: 'L’ARS confirme…',
          deadline: '2026-05-31',
          state: 'LATE',
          progress: '2 saisies de compétence partagée à consulter.',
          link: { page: 'submissions', label: 'Ouvrir les saisies', query: {} },
        },
        {
          id: 'authority.justified-flags',
          title: 'Trancher les justifications des structures',
          text: 'Les structures ont répondu…',
          deadline: '2026-08-31',
          state: 'DONE',
          progress: 'Aucune justification en attente.',
          link: null,
        },
      ],
    },
  ],
};

const controller = buildAccount({
  grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'CD', code: '18' } })],
});

describe('« Mes étapes » on the home page', () => {
  it('lists the steps of the current phase with their state, deadline, count and page', async () => {
    const mock = mockApi()
      .get('/api/campaigns', { body: [buildCampaign({ year: 2025, state: 'CLOSED' }), buildCampaign()] })
      .get('/api/campaigns/2026/my-steps', { body: controllerSteps })
      .get('/api/campaigns/2026/follow-up', { status: 500, body: { statusCode: 500, message: 'x' } });
    renderWithRouter({ '/': <HomePage /> }, '/', { account: controller });

    const section = (await screen.findByRole('heading', { name: 'Mes étapes' })).closest('section');
    if (!section) throw new Error('no section');
    const panel = within(section);
    expect(panel.getByText(/phase :/).textContent).toBe('Campagne 2026 — phase : Fiabilisation.');
    expect(
      panel.getByRole('heading', { name: 'En tant que Contrôleur – Département 18 (Cher)' }),
    ).toBeTruthy();
    const items = panel.getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Examiner les atypies du tableau',
      'Marquer « consultées » les saisies de compétence partagée',
      'Trancher les justifications des structures',
    ]);
    expect(within(items[0] as HTMLElement).getByText('À faire')).toBeTruthy();
    expect(items[0]?.textContent).toContain('avant le 31 août 2026');
    expect(within(items[1] as HTMLElement).getByText('En retard')).toBeTruthy();
    expect(within(items[2] as HTMLElement).getByText('Fait')).toBeTruthy();
    expect(panel.getByText('4 atypies ouvertes.')).toBeTruthy();
    expect(panel.getByRole('link', { name: 'Ouvrir le tableau des atypies' }).getAttribute('href')).toBe(
      '/campagnes/2026/atypies?status=OPEN&vue=toutes',
    );
    expect(panel.getByRole('link', { name: 'Ouvrir les saisies' }).getAttribute('href')).toBe(
      '/campagnes/2026/saisies',
    );
    // The steps of the current (open) campaign only.
    expect(mock.calls('GET', '/api/campaigns/2025/my-steps')).toHaveLength(0);
  });

  it('opens the one structure of a structure account, for entry and restitution', async () => {
    const steps: MyStepsDto = {
      ...controllerSteps,
      phase: 'COLLECTION',
      phaseLabel: 'Collecte',
      onlyFiness: '180000123',
      blocks: [
        {
          role: 'APE',
          label: "Administrateur principal d'établissement (APE)",
          steps: [
            {
              id: 'structure.enter',
              title: 'Saisir les données',
              text: 'Domaines à saisir : tous les domaines.',
              deadline: '2026-05-31',
              state: 'ONGOING',
              progress: null,
              link: { page: 'entry', label: 'Ouvrir la saisie', query: {} },
            },
            {
              id: 'structure.restitution',
              title: 'Consulter votre restitution',
              text: '…',
              deadline: null,
              state: 'ONGOING',
              progress: null,
              link: { page: 'restitution', label: 'Ouvrir la restitution', query: {} },
            },
          ],
        },
      ],
    };
    mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/my-steps', { body: steps })
      .get('/api/campaigns/2026/submissions', { body: { items: [], total: 0, page: 1, pageSize: 10 } });
    renderWithRouter({ '/': <HomePage /> }, '/', {
      account: buildAccount({
        grants: [buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '180000123' } })],
      }),
    });
    expect((await screen.findByRole('link', { name: 'Ouvrir la saisie' })).getAttribute('href')).toBe(
      '/campagnes/2026/structures/180000123',
    );
    expect(screen.getByRole('link', { name: 'Ouvrir la restitution' }).getAttribute('href')).toBe(
      '/campagnes/2026/structures/180000123/restitution',
    );
    expect(screen.getAllByText('À suivre', { selector: 'span.fr-badge' })).toHaveLength(2);
  });

  it('says why the steps are missing and lets the person try again', async () => {
    let calls = 0;
    mockApi()
      .get('/api/campaigns', { body: [buildCampaign()] })
      .get('/api/campaigns/2026/my-steps', () => {
        calls++;
        return calls === 1
          ? { status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'Erreur inattendue.' } }
          : { body: controllerSteps };
      })
      .get('/api/campaigns/2026/follow-up', { status: 500, body: { statusCode: 500, message: 'x' } });
    renderWithRouter({ '/': <HomePage /> }, '/', { account: controller });
    fireEvent.click((await screen.findAllByRole('button', { name: /Réessayer/ }))[0] as HTMLElement);
    expect(await screen.findByText('4 atypies ouvertes.')).toBeTruthy();
  });
});
