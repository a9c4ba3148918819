import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SubmissionPage } from './submission';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildSubmissionDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

// The guidance of the entry form (issue 15 §1): links to fields, save status, completeness rule,
// a sent-back submission, last year's values, a user who enters one domain.
const PATH = '/api/campaigns/2026/submissions/750000001';

function setUp(detail = buildSubmissionDetail()) {
  return mockApi().get('/api/campaigns/2026/dictionary', { body: dictionary }).get(PATH, { body: detail });
}

function renderForm(search = '') {
  return renderWithRouter(
    { '/campagnes/:year/structures/:finess': <SubmissionPage /> },
    `/campagnes/2026/structures/750000001${search}`,
  );
}

describe('entry form guidance', () => {
  it('follows a « reste à faire » link to its field: domain switched, field scrolled to and focused', async () => {
    setUp();
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    renderForm();
    const todo = await screen.findByRole('region', { name: 'Ce qui reste à faire' });

    fireEvent.click(within(todo).getByRole('link', { name: "Taux d'occupation" }));

    const field = await screen.findByRole('textbox', { name: /Taux d'occupation/ });
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(scrolled).toHaveBeenCalled();
    expect(
      screen.getByRole('heading', { level: 2, name: "Prestations de soins et d'accompagnement" }),
    ).toBeTruthy();
  });

  it('states the completeness rule with what is missing, and announces save errors at once', async () => {
    setUp().put(`${PATH}/values`, {
      status: 503,
      body: apiError(503, 'SERVICE_BUSY', 'Le service est très sollicité.'),
    });
    renderForm();
    // 1 of 4 expected data, 90 % required: 3 more (4 × 0.9 = 3.6, rounded up to 4).
    expect(
      await screen.findByText('25 % saisi, 90 % requis pour valider : encore 3 données à renseigner.'),
    ).toBeTruthy();
    const places = await screen.findByRole('textbox', { name: /Nombre de places installées/ });
    fireEvent.change(places, { target: { value: '85' } });
    fireEvent.blur(places);
    const alerts = await screen.findAllByRole('alert');
    await waitFor(() =>
      expect(alerts.some((a) => a.textContent?.startsWith('Le service est très sollicité.'))).toBe(true),
    );
  });

  it('shows why it was sent back and the flags to correct at the top, and re-validates at once', async () => {
    const sentBack = buildSubmissionDetail({
      status: 'INVALIDATED',
      role: 'STRUCTURE_VALIDATION',
      issues: [],
      transitions: [
        {
          action: 'INVALIDATE',
          actionLabel: 'Invalider',
          from: 'VALIDATED',
          to: 'INVALIDATED',
          reason: 'Places installées à vérifier.',
          actorName: 'Camille Contrôle',
          at: '2026-06-03T09:00:00.000Z',
        },
      ],
      flags: [
        {
          id: 'f1',
          campaignYear: 2026,
          finess: '750000001',
          ruleCode: 'nb_places.yoy',
          ruleLabel: 'Évolution du nombre de places',
          kind: 'year_over_year',
          severity: 'high',
          targetKind: 'item',
          targetCode: 'nb_places',
          value: 120,
          reference: {},
          message: 'Nombre de places : 120 contre 80 en 2025.',
          status: 'TO_CORRECT',
          version: 1,
          updatedAt: '2026-06-03T09:00:00.000Z',
        },
      ],
    });
    const api = setUp(sentBack).post(`${PATH}/transitions`, {
      body: buildSubmissionDetail({ status: 'VALIDATED', availableActions: [] }),
    });
    renderForm();

    const notice = (await screen.findByRole('heading', { name: 'Saisie à corriger' })).parentElement!;
    expect(within(notice).getByText('Places installées à vérifier.')).toBeTruthy();
    expect(within(notice).getByText(/Nombre de places : 120 contre 80 en 2025\./)).toBeTruthy();
    expect(
      within(notice)
        .getByRole('link', { name: 'Aller à la donnée de « Évolution du nombre de places »' })
        .getAttribute('href'),
    ).toBe('/campagnes/2026/structures/750000001?domaine=CARACTERISATION#donnee-nb_places');
    // The reason comes before the actions and the form.
    const validate = screen.getByRole('button', { name: 'Valider la saisie' });
    expect(notice.compareDocumentPosition(validate) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.click(validate);
    await waitFor(() => expect(api.calls('POST', `${PATH}/transitions`)).toHaveLength(1));
    expect(api.calls('POST', `${PATH}/transitions`)[0]?.body).toEqual({ action: 'VALIDATE', version: 4 });
  });

  it('asks before taking last year’s values of a domain, then says how many were taken', async () => {
    const api = setUp(buildSubmissionDetail({ values: {} })).put(`${PATH}/values`, {
      body: buildSubmissionDetail({ version: 5, values: { nb_places: 78 } }),
    });
    renderForm('?domaine=CARACTERISATION');

    const take = await screen.findByRole('button', { name: 'Reprendre les valeurs 2025 du domaine (1)' });
    // The DSFR modal opens it (its scripts are not loaded here): nothing is taken by this click.
    expect(take.getAttribute('aria-controls')).toBe('reprendre-valeurs-precedentes');
    fireEvent.click(take);
    expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(0);

    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(within(dialog).getByText('Reprendre 1 valeur de la campagne 2025 ?')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reprendre 1 valeur', hidden: true }));

    await waitFor(() => expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(1));
    expect(api.calls('PUT', `${PATH}/values`)[0]?.body).toEqual({
      version: 4,
      values: { nb_places: 78 },
      source: 'PREVIOUS_YEAR',
    });
    expect(
      await screen.findByText(
        '1 valeur reprise de la campagne 2025 dans le domaine « Caractérisation » : vérifiez-les ; elles sont enregistrées automatiquement.',
      ),
    ).toBeTruthy();
  });

  it('opens on the domain a user enters, says once that the others are read only, and groups what blocks by who fixes it', async () => {
    setUp(
      buildSubmissionDetail({
        editableDomains: ['FINANCES'],
        issues: [
          {
            itemCode: 'taux_occupation',
            itemLabel: "Taux d'occupation",
            domain: 'PRESTATIONS',
            message: 'Donnée obligatoire à renseigner avant la validation.',
            blocking: true,
          },
          {
            itemCode: 'statut_juridique',
            itemLabel: 'Statut juridique',
            domain: 'FINANCES',
            message: 'Donnée obligatoire à renseigner avant la validation.',
            blocking: true,
          },
        ],
        assignments: [
          {
            accountId: 'a1',
            name: 'Claire Directrice',
            email: 'claire@example.org',
            role: 'APE',
            domains: null,
            completeness: { filled: 1, expected: 4, ratio: 0.25 },
          },
        ],
      }),
    );
    renderForm();

    expect(await screen.findByRole('heading', { level: 2, name: 'Finances et budget' })).toBeTruthy();
    expect(screen.queryByText(/lecture seule/)).toBeNull();
    const todo = screen.getByRole('region', { name: 'Ce qui reste à faire' });
    const mine = within(todo).getByRole('heading', { level: 3, name: 'Par vous (1)' });
    expect(mine.nextElementSibling?.textContent).toMatch(/^Statut juridique/);
    const others = within(todo).getByRole('heading', {
      level: 3,
      name: "Par Claire Directrice (domaine « Prestations de soins et d'accompagnement ») (1)",
    });
    expect(others.nextElementSibling?.textContent).toMatch(/^Taux d'occupation/);

    fireEvent.click(screen.getByRole('link', { name: /^Caractérisation/ }));
    expect(
      await screen.findByText('Domaine en lecture seule pour vous : vous saisissez « Finances et budget ».'),
    ).toBeTruthy();
    expect(screen.getAllByText(/lecture seule/)).toHaveLength(1);
  });
});
