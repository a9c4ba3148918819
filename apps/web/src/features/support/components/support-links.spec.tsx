import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';
import { IndicatorFaqLink, ItemSupportLinks, SupportHelpLinks } from './support-links';

const ape = buildAccount({
  grants: [buildGrant({ role: 'APE', organisation: { kind: 'ESMS', code: '450000123' } })],
});
const summary = { total: 3, byItem: { places: 2 }, byIndicator: { P01: 1 } };

describe('support links', () => {
  it('links an item to its FAQ entries and to « Poser une question » with the page and the item', async () => {
    mockApi().get('/api/campaigns/2026/faq/summary', { body: summary });
    renderWithRouter(
      {
        '/campagnes/:year/structures/:finess': (
          <>
            <ItemSupportLinks year={2026} finess="450000123" itemCode="places" itemLabel="Places" canAsk />
            <ItemSupportLinks
              year={2026}
              finess="450000123"
              itemCode="autre"
              itemLabel="Autre"
              canAsk={false}
            />
            <IndicatorFaqLink year={2026} indicatorCode="P01" />
          </>
        ),
      },
      '/campagnes/2026/structures/450000123',
      { account: ape },
    );
    const faq = await screen.findByRole('link', { name: 'FAQ : 2 questions-réponses sur « Places »' });
    expect(faq.getAttribute('href')).toBe('/campagnes/2026/faq?donnee=places');
    expect(screen.getByRole('link', { name: 'Poser une question sur « Places »' }).getAttribute('href')).toBe(
      '/campagnes/2026/questions/nouvelle?page=%2Fcampagnes%2F2026%2Fstructures%2F450000123&structure=450000123&donnee=places',
    );
    // No FAQ entry and no right to ask: nothing under the item.
    expect(screen.queryByText(/« Autre »/)).toBeNull();
    expect(screen.getByRole('link', { name: /sur cet indicateur : 1 question-réponse/ })).toBeTruthy();
  });

  it('gives « Mes étapes » the FAQ with its count and the questions', async () => {
    mockApi().get('/api/campaigns/2026/faq/summary', { body: summary });
    renderWithRouter({ '/': <SupportHelpLinks year={2026} canAsk /> }, '/', { account: ape });
    expect(
      await screen.findByRole('link', { name: 'Foire aux questions 2026 (3 questions-réponses)' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Mes questions' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Poser une question à mes référents' })).toBeTruthy();
  });
});
