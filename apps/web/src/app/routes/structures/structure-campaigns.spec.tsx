import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { Account } from '@tdb/contracts';
import { StructurePage } from './structure';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildStructureDetail, reference } from '@/testing/fixtures';
import { buildCampaign } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

/** 2026 in its collection, 2025 closed, 2027 still in preparation (a draft: not shown). */
const CAMPAIGNS = [
  buildCampaign({
    year: 2027,
    dataYear: 2026,
    state: 'DRAFT',
    phase: 'PREPARATION',
    phaseLabel: 'Préparation',
  }),
  buildCampaign(),
  buildCampaign({ year: 2025, dataYear: 2024, state: 'CLOSED', phase: 'CLOSED', phaseLabel: 'Close' }),
];

function open(account: Account, detail = buildStructureDetail()) {
  const api = mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/campaigns', { body: CAMPAIGNS })
    .get('/api/structures/750000001', { body: detail });
  renderWithRouter({ '/structures/:finess': <StructurePage /> }, '/structures/750000001', { account });
  return api;
}

const hrefs = (section: HTMLElement) =>
  within(section)
    .getAllByRole('link')
    .map((link) => [link.textContent, link.getAttribute('href')]);

describe('structure page: its submissions and restitutions', () => {
  it('links a reader of its submissions to each opened campaign’s submission and restitution', async () => {
    open(
      buildAccount({
        grants: [buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '750000001' } })],
      }),
    );
    const section = await screen.findByRole('region', { name: 'Saisies et restitutions' });
    await within(section).findAllByRole('link');
    expect(hrefs(section)).toEqual([
      ['Saisie de la campagne 2026', '/campagnes/2026/structures/750000001'],
      ['Restitution provisoire de la campagne 2026', '/campagnes/2026/structures/750000001/restitution'],
      ['Saisie de la campagne 2025', '/campagnes/2025/structures/750000001'],
      ['Restitution de la campagne 2025', '/campagnes/2025/structures/750000001/restitution'],
    ]);
    expect(section.textContent).toContain('Campagne 2026 (données 2025, collecte)');
    expect(section.textContent).not.toContain('2027');
  });

  it('links its controlling authority too', async () => {
    open(
      buildAccount({
        grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
      }),
    );
    const section = await screen.findByRole('region', { name: 'Saisies et restitutions' });
    expect(await within(section).findAllByRole('link')).toHaveLength(4);
  });

  it('gives none to a reader of its registry record only (another ARS correcting its category)', async () => {
    const api = open(
      buildAccount({
        grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '24' } })],
      }),
      buildStructureDetail({ registryOnly: true }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'RÉSIDENCE LES CHÊNES' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Saisies et restitutions' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Saisie de la campagne|Restitution/ })).toBeNull();
    expect(api.calls('GET', '/api/campaigns')).toHaveLength(0);
  });
});
