import { describe, expect, it } from 'vitest';
import type { StructurePractices, StructureRestitution } from '@tdb/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StructureRestitutionPage } from './structure-restitution';
import { mockApi } from '@/testing/mock-api';
import { indicatorGuide } from '@/testing/indicator-fixtures';
import {
  buildRestitutionIndicator,
  ownFiguresStage,
  provisionalPeersStage,
  structureRestitution,
} from '@/testing/restitution-fixtures';
import { renderWithRouter } from '@/testing/render';
import { bandScale } from '@/features/restitution/components/decile-band';

const PATH = '/api/campaigns/2026/submissions/750000001/restitution';

function setUp(body: StructureRestitution = structureRestitution) {
  return mockApi().get(PATH, { body }).get('/api/indicators/guide', { body: indicatorGuide });
}

/** Before the restitution, as the API answers a structure's user: its own values, no peer. */
const ownFigures: StructureRestitution = {
  ...structureRestitution,
  computedAt: null,
  stage: ownFiguresStage,
  indicators: structureRestitution.indicators.map((i) => ({
    ...i,
    decile: { NATION: null, REGION: null, DEPARTMENT: null },
    national: null,
    regional: null,
    departmental: null,
  })),
};

function renderPage() {
  return renderWithRouter(
    { '/campagnes/:year/structures/:finess/restitution': <StructureRestitutionPage /> },
    '/campagnes/2026/structures/750000001/restitution',
  );
}

const cardOf = (name: RegExp) => screen.getByRole('article', { name }) as HTMLElement;

describe('structure restitution', () => {
  it('places the structure on the decile band and says its decile in words', async () => {
    setUp();
    renderPage();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Restitution – RÉSIDENCE LES CHÊNES' }),
    ).toBeTruthy();
    const card = cardOf(/Taux d'occupation/);
    // The departmental level is suppressed: the regional one is shown first.
    const regional = within(card).getByRole('radio', { name: /Région/ }) as HTMLInputElement;
    expect(regional.checked).toBe(true);
    const figure = within(card).getByRole('group', { name: /Valeur de la structure/ });
    expect(figure.textContent).toContain('6e décile (région)');
    expect(figure.textContent).toMatch(/Médiane nationale : 88,0\s%/);
    expect(figure.textContent).toMatch(/Médiane régionale : 89,0\s%/);
    // 10 segments bounded by D1…D9, and the marker where the value is on that scale.
    expect(card.querySelectorAll('[data-testid="decile-segment"]')).toHaveLength(10);
    const marker = card.querySelector('[data-testid="decile-marker"]') as SVGElement;
    const scale = bandScale([72, 78, 82, 86, 89, 91, 93, 95, 98], [91, 88, 89]);
    expect(marker.getAttribute('data-x')).toBe(scale.x(91).toFixed(1));
    // Between D5 (89) and D7 (93).
    expect(Number(marker.getAttribute('data-x'))).toBeGreaterThan(scale.x(89));
    expect(Number(marker.getAttribute('data-x'))).toBeLessThan(scale.x(93));

    // National level: 7th decile.
    fireEvent.click(within(card).getByRole('radio', { name: /National/ }));
    await waitFor(() =>
      expect(within(card).getByRole('group', { name: /Valeur de la structure/ }).textContent).toContain(
        '7e décile (national)',
      ),
    );
    // The trend, in text.
    expect(card.textContent).toMatch(/2024 : 85,0\s%/);
    expect(
      within(card)
        .getByRole('link', { name: /Fiche de l’indicateur/ })
        .getAttribute('href'),
    ).toBe('/indicateurs/P01');
  });

  it('disables a suppressed level and explains why', async () => {
    setUp();
    renderPage();
    await screen.findByRole('heading', { level: 1, name: /Restitution/ });
    const card = cardOf(/Taux d'absentéisme/);
    const regional = within(card).getByRole('radio', { name: /Région/ }) as HTMLInputElement;
    expect(regional.disabled).toBe(true);
    expect(regional.closest('.fr-radio-group')?.textContent).toContain('effectif insuffisant (moins de 5)');
    const departmental = within(card).getByRole('radio', { name: /Département/ }) as HTMLInputElement;
    expect(departmental.disabled).toBe(true);
    expect((within(card).getByRole('radio', { name: /National/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(card).getByRole('group', { name: /Valeur de la structure/ }).textContent).toContain(
      '3e décile (national)',
    );
  });

  it('downloads the PDF with the access token, a DSFR download link that then gives its size', async () => {
    const api = setUp();
    api.get(`${PATH}.pdf`, { body: { report: 'x'.repeat(3000) } });
    const created: string[] = [];
    URL.createObjectURL = (() => {
      created.push('blob');
      return 'blob:x';
    }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = (() => undefined) as typeof URL.revokeObjectURL;
    renderPage();
    const pdf = await screen.findByRole('button', { name: /^Télécharger le rapport \(PDF\)/ });
    expect(pdf.className).toContain('fr-link--download');
    expect(pdf.textContent).toBe('Télécharger le rapport (PDF)PDF – A4');
    expect(screen.getByRole('button', { name: /^Télécharger le tableau \(tableur\)/ }).textContent).toBe(
      'Télécharger le tableau (tableur)XLSX – Excel, LibreOffice',
    );
    fireEvent.click(pdf);
    await waitFor(() => expect(api.calls('GET', `${PATH}.pdf`)).toHaveLength(1));
    await waitFor(() => expect(created).toHaveLength(1));
    // Once fetched, the size of the file it saved.
    await waitFor(() => expect(pdf.textContent).toBe('Télécharger le rapport (PDF)PDF – 3 Ko'));
  });

  it('shows its own provisional values before the restitution, says from when the comparisons come', async () => {
    setUp(ownFigures);
    renderPage();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Restitution provisoire – RÉSIDENCE LES CHÊNES' }),
    ).toBeTruthy();
    expect(
      screen.getByText(/Restitution provisoire : comparaisons à partir du 1er septembre 2026/),
    ).toBeTruthy();
    expect(
      screen.getByText(
        /Les comparaisons avec les structures similaires seront disponibles à partir du 1er septembre 2026, après la fiabilisation\./,
      ),
    ).toBeTruthy();
    const card = cardOf(/Taux d'occupation/);
    expect(card.textContent).toMatch(/Valeur provisoire de la structure : 91,0\s%/);
    // Its own trend, and nothing of the peers: no level to choose, no band, no decile, no median.
    expect(card.textContent).toMatch(/2024 : 85,0\s%/);
    expect(within(card).queryAllByRole('radio')).toHaveLength(0);
    expect(card.querySelector('[data-testid="decile-segment"]')).toBeNull();
    expect(card.textContent).not.toMatch(/décile|Médiane|Aucune distribution/);
    expect(screen.queryByText(/Distributions calculées/)).toBeNull();
    // The last campaign's restitution, already open, is a link away.
    expect(
      screen.getByRole('link', { name: 'Voir la restitution de la campagne 2025' }).getAttribute('href'),
    ).toBe('/campagnes/2025/structures/750000001/restitution');
    expect(screen.getByRole('button', { name: /^Télécharger le rapport \(PDF\)/ })).toBeTruthy();
  });

  it('gives no link to a last campaign the structure did not take part in', async () => {
    setUp({
      ...ownFigures,
      indicators: [
        buildRestitutionIndicator({
          ...ownFigures.indicators[0],
          trend: [{ campaignYear: 2026, value: 91 }],
        }),
      ],
    });
    renderPage();
    await screen.findByRole('heading', { level: 1, name: /Restitution provisoire/ });
    expect(screen.queryByRole('link', { name: /Voir la restitution de la campagne/ })).toBeNull();
  });

  it('marks the distributions provisional for an authority before the restitution', async () => {
    setUp({ ...structureRestitution, stage: provisionalPeersStage });
    renderPage();
    await screen.findByRole('heading', { level: 1, name: /Restitution provisoire/ });
    expect(screen.getByText(/Chiffres provisoires, pour les contrôles de fiabilisation/)).toBeTruthy();
    const card = cardOf(/Taux d'occupation/);
    expect(within(card).getByRole('group', { name: /Valeur de la structure/ }).textContent).toContain(
      '6e décile (région)',
    );
  });

  describe('qualitative axes (O04–O06)', () => {
    const share = (
      level: 'NATION' | 'REGION' | 'DEPARTMENT',
      territoryCode: string,
      n: number | null,
      value: number | null,
    ) => ({
      level,
      territoryCode,
      suppressed: value === null,
      n,
      share: value,
    });
    const practices = (peers: boolean): StructurePractices => ({
      campaignYear: 2026,
      finess: '750000001',
      categoryCode: 'EHPAD',
      regionCode: '11',
      departmentCode: '75',
      stage: peers ? structureRestitution.stage : ownFiguresStage,
      axes: [
        {
          code: 'O05',
          label: 'Développement durable',
          meaning: 'Les démarches de développement durable engagées par la structure.',
          practices: [
            {
              code: 'dd_politique_dechets',
              label: 'Politique de gestion des déchets',
              type: 'boolean',
              held: true,
              date: null,
              answer: 'Oui',
              peers: peers
                ? [
                    share('NATION', 'FR', 8, 62.5),
                    share('REGION', '11', 7, 57.1),
                    share('DEPARTMENT', '75', null, null),
                  ]
                : null,
            },
            {
              code: 'projet_etablissement_date',
              label: 'Projet d’établissement',
              type: 'date',
              held: true,
              date: '2024-03-12',
              answer: '12/03/2024',
              peers: peers
                ? [
                    share('NATION', 'FR', 9, 44.4),
                    share('REGION', '11', 8, 50),
                    share('DEPARTMENT', '75', null, null),
                  ]
                : null,
            },
          ],
        },
        {
          code: 'O04',
          label: 'Couverture fonctionnelle et maturité du système d’information',
          meaning: 'Les fonctions couvertes par un logiciel.',
          practices: [
            {
              code: 'si_outil_comptabilite',
              label: 'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
              type: 'choice',
              held: false,
              date: null,
              answer: 'Tableur / bureautique',
              peers: peers ? [share('NATION', 'FR', 7, 71.4), share('REGION', '11', 6, 66.7)] : null,
            },
            {
              code: 'si_rh_modules',
              label: 'SI RH couvrant au moins un module',
              type: 'integer',
              held: true,
              date: null,
              answer: '5 modules sur 9',
              peers: peers ? [share('NATION', 'FR', 7, 71.4), share('REGION', '11', 7, 71.4)] : null,
            },
            {
              code: 'si_outil_facturation',
              label: 'Facturation couverte par un logiciel (dédié ou module de progiciel)',
              type: 'choice',
              held: null,
              date: null,
              answer: 'Non renseigné',
              peers: null,
            },
          ],
        },
      ],
    });

    it('shows each practice with the structure’s answer and the peers’ share, none under 5', async () => {
      setUp().get(`${PATH}/practices`, { body: practices(true) });
      renderPage();
      const table = await screen.findByRole('table', {
        name: /Développement durable : les pratiques de la structure et la part/,
      });
      const headers = within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      expect(headers).toEqual(['Pratique', 'La structure', 'France', 'Région (11)', 'Département (75)']);
      const row = within(table).getByRole('row', { name: /Politique de gestion des déchets/ });
      const cells = within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
      expect(cells[0]).toBe('Oui');
      expect(cells[1]).toMatch(/^62,5\s%\s\(sur\s8\)$/);
      expect(cells[3]).toBe('effectif insuffisant (moins de 5)');
      const dated = within(table).getByRole('row', { name: /Projet d’établissement/ });
      expect(within(dated).getAllByRole('cell')[0]!.textContent).toBe('12/03/2024');
    });

    it('says what was entered for a tool or a number, and whether it counts as the practice', async () => {
      setUp().get(`${PATH}/practices`, { body: practices(true) });
      renderPage();
      const table = await screen.findByRole('table', {
        name: /Couverture fonctionnelle et maturité du système d’information : les pratiques/,
      });
      const answer = (name: RegExp) =>
        within(within(table).getByRole('row', { name })).getAllByRole('cell')[0]!.textContent;
      expect(answer(/^Comptabilité couverte/)).toBe('Tableur / bureautique (pas en place)');
      expect(answer(/^SI RH couvrant/)).toBe('5 modules sur 9 (en place)');
      expect(answer(/^Facturation couverte/)).toBe('Non renseigné');
      const accounting = within(table).getByRole('row', { name: /^Comptabilité couverte/ });
      expect(within(accounting).getAllByRole('cell')[1]!.textContent).toMatch(/^71,4\s%\s\(sur\s7\)$/);
    });

    it('shows the structure’s answers only before the restitution', async () => {
      setUp({ ...structureRestitution, stage: ownFiguresStage }).get(`${PATH}/practices`, {
        body: practices(false),
      });
      renderPage();
      const table = await screen.findByRole('table', {
        name: 'Développement durable : les pratiques de la structure',
      });
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(['Pratique', 'La structure']);
      expect(screen.getByText('Les réponses de la structure, sans comparaison pour l’instant.')).toBeTruthy();
    });
  });
});
