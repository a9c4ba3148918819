import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StructureIndicatorsPage } from './structure-indicators';
import { mockApi } from '@/testing/mock-api';
import { buildSubmissionDetail } from '@/testing/campaign-fixtures';
import { indicatorGuide, indicatorValues, PROVISIONAL_NOTICE } from '@/testing/indicator-fixtures';
import { renderWithRouter } from '@/testing/render';

const PATH = '/api/campaigns/2026/submissions/750000001';

function setUp(values = indicatorValues) {
  return mockApi()
    .get(PATH, { body: buildSubmissionDetail({ indicators: values }) })
    .get(`${PATH}/indicators`, { body: values })
    .get('/api/indicators/guide', { body: indicatorGuide });
}

function renderPage() {
  return renderWithRouter(
    {
      '/campagnes/:year/structures/:finess/indicateurs': <StructureIndicatorsPage />,
      '/campagnes/:year/structures/:finess': <p>Formulaire de saisie</p>,
    },
    '/campagnes/2026/structures/750000001/indicateurs',
  );
}

const rowOf = (section: HTMLElement, label: string) =>
  within(section).getByRole('button', { name: label }).closest('tr') as HTMLElement;

describe('structure indicators', () => {
  it('groups the indicators by axis, formats them in French and says why one is not computable', async () => {
    const api = setUp();
    renderPage();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Indicateurs – RÉSIDENCE LES CHÊNES' }),
    ).toBeTruthy();
    // One section per axis that has indicators, in the guide's order and with its labels.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      "Prestations de soins et d'accompagnement",
      'Ressources humaines et matérielles',
      'Finances et budget',
    ]);
    expect(api.calls('GET', '/api/indicators/guide')[0]?.url.search).toBe('?year=2026');

    const prestations = screen.getByRole('region', { name: "Prestations de soins et d'accompagnement" });
    const occupation = rowOf(prestations, "Taux d'occupation");
    const cells = within(occupation).getAllByRole('cell');
    expect(cells[0]?.textContent).toMatch(/^87,5\s%$/);
    expect(cells[1]?.textContent).toMatch(/^85,0\s%$/);
    await waitFor(() => expect(cells[2]?.textContent).toBe('↗ En hausse (favorable)'));
    expect(within(prestations).getByRole('columnheader', { name: 'Valeur 2025' })).toBeTruthy();
    // A distribution shows each share.
    const gir = rowOf(prestations, 'Répartition des résidents par GIR');
    expect(within(gir).getByText(/GIR 1 : 12 \(15\s%\)/)).toBeTruthy();
    expect(within(gir).getByText(/GIR 2 : 68 \(85\s%\)/)).toBeTruthy();

    const ressources = screen.getByRole('region', { name: 'Ressources humaines et matérielles' });
    expect(within(ressources).queryByText("Taux d'occupation")).toBeNull();
    const absenteeism = rowOf(ressources, "Taux d'absentéisme");
    expect(within(absenteeism).getByText('non calculable')).toBeTruthy();
    expect(within(absenteeism).getByText("Donnée manquante : « Nombre de jours d'absence ».")).toBeTruthy();
    expect(within(absenteeism).getByText('provisoire')).toBeTruthy();
    expect(within(occupation).queryByText('provisoire')).toBeNull();

    const finances = screen.getByRole('region', { name: 'Finances et budget' });
    expect(within(rowOf(finances, 'Résultat net comptable')).getByText(/^125\s000\s€$/)).toBeTruthy();

    expect(screen.getByRole('link', { name: 'Revenir à la saisie' }).getAttribute('href')).toBe(
      '/campagnes/2026/structures/750000001',
    );
  });

  it('opens the sheet in a side panel: formula in words, provisional notice; Escape closes it', async () => {
    setUp();
    renderPage();

    const opener = await screen.findByRole('button', { name: "Taux d'absentéisme" });
    fireEvent.click(opener);
    const panel = await screen.findByRole('dialog', { name: "Taux d'absentéisme" });
    expect(panel.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: "Taux d'absentéisme" }));
    await waitFor(() =>
      expect(
        within(panel).getByText("Nombre de jours d'absence ÷ Nombre de jours travaillés × 100"),
      ).toBeTruthy(),
    );
    expect(within(panel).getByText(PROVISIONAL_NOTICE)).toBeTruthy();
    expect(within(panel).getByText('Plus la valeur est basse, mieux c’est')).toBeTruthy();
    expect(within(panel).getByText('Toutes les catégories')).toBeTruthy();
    expect(within(panel).getByText('Guide ANAP 2021, fiche R1')).toBeTruthy();

    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);

    // The close button too.
    fireEvent.click(screen.getByRole('button', { name: "Taux d'occupation" }));
    const again = await screen.findByRole('dialog', { name: "Taux d'occupation" });
    expect(within(again).queryByText(PROVISIONAL_NOTICE)).toBeNull();
    fireEvent.click(within(again).getByRole('button', { name: 'Fermer la fiche' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says when no indicator is computed yet', async () => {
    setUp([]);
    renderPage();
    expect(
      await screen.findByText(/Aucun indicateur n'est encore calculé pour cette structure/),
    ).toBeTruthy();
  });

  it('shows the French error of the API', async () => {
    mockApi()
      .get(PATH, { body: buildSubmissionDetail() })
      .get(`${PATH}/indicators`, {
        status: 500,
        body: { statusCode: 500, code: 'INTERNAL', message: 'Une erreur est survenue sur le serveur.' },
      })
      .get('/api/indicators/guide', { body: indicatorGuide });
    renderPage();
    expect(await screen.findByText('Une erreur est survenue sur le serveur.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });
});
