import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LateStructure, MailingPreview } from '@tdb/contracts';
import { FollowUpPage } from './follow-up';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

const late: LateStructure[] = [
  { ...buildSubmissionSummary(), daysLeft: 12, overdue: false },
  {
    ...buildSubmissionSummary({
      finess: '920000002',
      name: 'IME LES TILLEULS',
      categoryCode: 'IME',
      categoryLabel: 'IME',
      departmentCode: '92',
      status: 'NOT_STARTED',
      completeness: 0,
    }),
    daysLeft: -3,
    overdue: true,
  },
];

const followUp = {
  campaignYear: 2026,
  phase: 'COLLECTION',
  totals: { NOT_STARTED: 4, IN_PROGRESS: 3, VALIDATED: 2, INVALIDATED: 1, CONFIRMED: 5 },
  total: 15,
  rows: [
    {
      departmentCode: '92',
      departmentName: 'Hauts-de-Seine',
      categoryCode: 'IME',
      categoryLabel: 'IME',
      counts: { NOT_STARTED: 1, IN_PROGRESS: 0, VALIDATED: 0, INVALIDATED: 0, CONFIRMED: 1 },
      total: 2,
    },
    {
      departmentCode: '75',
      departmentName: 'Paris',
      categoryCode: 'EHPAD',
      categoryLabel: 'EHPAD',
      counts: { NOT_STARTED: 3, IN_PROGRESS: 3, VALIDATED: 2, INVALIDATED: 1, CONFIRMED: 4 },
      total: 13,
    },
  ],
  late,
};

const preview: MailingPreview = {
  subject: 'Tableau de bord ESMS {annee} : relance pour {structure}',
  body: 'Bonjour,\nLa saisie de {structure} (FINESS {finess}) n’est pas validée. Lien : {lien}',
  sample: {
    to: 'ape@chenes.fr',
    subject: 'Tableau de bord ESMS 2026 : relance pour RÉSIDENCE LES CHÊNES',
    body: 'Bonjour,\nLa saisie de RÉSIDENCE LES CHÊNES (FINESS 750000001) n’est pas validée.',
  },
  structures: 2,
  recipients: 3,
  withoutRecipient: 1,
};

const controller = buildAccount({
  grants: [
    buildGrant({
      role: 'CONTROLLER',
      organisation: { kind: 'ARS', code: '11' },
      organisationLabel: 'ARS Île-de-France',
    }),
  ],
});

function api() {
  return mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/campaigns/2026/follow-up', { body: followUp });
}

describe('follow-up page', () => {
  it('shows the totals by status, the table by department × category and the late structures', async () => {
    const mock = api();
    renderWithRouter({ '/campagnes/:year/suivi': <FollowUpPage /> }, '/campagnes/2026/suivi');

    expect(await screen.findByRole('heading', { level: 1, name: 'Suivi de la campagne 2026' })).toBeTruthy();
    const tiles = await screen.findByRole('list', { name: 'Saisies par statut' });
    expect(within(tiles).getByText('Structures dans le périmètre').previousElementSibling?.textContent).toBe(
      '15',
    );
    expect(within(tiles).getByText('Confirmé').previousElementSibling?.textContent).toBe('5');

    const table = screen.getByRole('table', { name: 'Saisies par département et catégorie' });
    const rows = within(table).getAllByRole('row');
    // Sorted by department: Paris first.
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('75 – Paris');
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['EHPAD', '3', '3', '2', '1', '4', '13']);
    fireEvent.click(within(table).getByRole('button', { name: /Trier par total/ }));
    expect(within(within(table).getAllByRole('row')[1]!).getByRole('rowheader').textContent).toBe(
      '92 – Hauts-de-Seine',
    );

    const lateTable = screen.getByRole('table', { name: 'Structures en retard' });
    expect(within(lateTable).getByRole('link', { name: 'RÉSIDENCE LES CHÊNES' }).getAttribute('href')).toBe(
      '/campagnes/2026/structures/750000001',
    );
    expect(within(lateTable).getByText('12 jours')).toBeTruthy();
    expect(within(lateTable).getByText('En retard')).toBeTruthy();

    // Filters go to the URL and to the API.
    fireEvent.change(screen.getByLabelText('Département'), { target: { value: '92' } });
    await waitFor(() =>
      expect(
        mock.calls('GET', '/api/campaigns/2026/follow-up').at(-1)?.url.searchParams.get('department'),
      ).toBe('92'),
    );
    expect(screen.getByTestId('location').textContent).toBe('/campagnes/2026/suivi?department=92');
  });

  it('is refused to structure users', () => {
    mockApi();
    renderWithRouter({ '/campagnes/:year/suivi': <FollowUpPage /> }, '/campagnes/2026/suivi', {
      account: buildAccount({
        grants: [buildGrant({ role: 'APE', organisation: { kind: 'OG', code: '750000010' } })],
      }),
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
  });

  it('previews the reminder from the template, then sends it after confirmation', async () => {
    const mock = api()
      .post('/api/campaigns/2026/reminders/preview', ({ body }) => {
        const request = body as { subject?: string; body?: string };
        return {
          body: request.subject
            ? {
                ...preview,
                subject: request.subject,
                body: request.body ?? '',
                sample: { ...preview.sample!, subject: 'Relance modifiée' },
              }
            : preview,
        };
      })
      .post('/api/campaigns/2026/reminders', {
        status: 201,
        body: { structures: 2, recipients: 3, withoutRecipient: 1 },
      });
    renderWithRouter({ '/campagnes/:year/suivi': <FollowUpPage /> }, '/campagnes/2026/suivi', {
      account: controller,
    });

    const section = await screen.findByRole('region', { name: 'Relancer les structures en retard' });
    expect(within(section).getByText('ARS Île-de-France')).toBeTruthy();
    // The template is loaded for the user's ARS.
    const subject = await within(section).findByDisplayValue(preview.subject);
    expect(mock.calls('POST', '/api/campaigns/2026/reminders/preview')[0]?.body).toEqual({
      organisation: { kind: 'ARS', code: '11' },
    });
    expect(within(section).getByText('{date_limite}')).toBeTruthy();

    fireEvent.change(subject, { target: { value: 'Relance {structure}' } });
    expect(within(section).getByText(/prévisualisez-le à nouveau/)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Envoyer la relance' })).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: 'Prévisualiser' }));
    expect(await within(section).findByText(/Relance modifiée/)).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/reminders/preview')[1]?.body).toEqual({
      organisation: { kind: 'ARS', code: '11' },
      subject: 'Relance {structure}',
      body: preview.body,
    });
    expect(within(section).getByText('2 structures concernées')).toBeTruthy();
    expect(within(section).getByText('3 destinataires')).toBeTruthy();
    expect(within(section).getByText('1 structure sans destinataire')).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: 'Envoyer la relance' }));
    expect(within(section).getByText('Envoyer la relance à 2 structures ?')).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/reminders')).toHaveLength(0);
    fireEvent.click(within(section).getByRole('button', { name: "Confirmer l'envoi" }));

    expect(await within(section).findByText('Relance envoyée')).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/reminders')[0]?.body).toEqual({
      organisation: { kind: 'ARS', code: '11' },
      subject: 'Relance {structure}',
      body: preview.body,
    });
  });

  it('shows the French message of a 409 (nothing late)', async () => {
    api()
      .post('/api/campaigns/2026/reminders/preview', { body: preview })
      .post('/api/campaigns/2026/reminders', {
        status: 409,
        body: apiError(409, 'CONFLICT', 'Aucune structure en retard dans le périmètre de ARS Île-de-France.'),
      });
    renderWithRouter({ '/campagnes/:year/suivi': <FollowUpPage /> }, '/campagnes/2026/suivi', {
      account: controller,
    });
    const section = await screen.findByRole('region', { name: 'Relancer les structures en retard' });
    fireEvent.click(await within(section).findByRole('button', { name: 'Envoyer la relance' }));
    fireEvent.click(within(section).getByRole('button', { name: "Confirmer l'envoi" }));
    expect(
      await within(section).findByText('Aucune structure en retard dans le périmètre de ARS Île-de-France.'),
    ).toBeTruthy();
  });

  it('lets the national administrator choose the authority', async () => {
    const mock = api().post('/api/campaigns/2026/reminders/preview', { body: preview });
    renderWithRouter({ '/campagnes/:year/suivi': <FollowUpPage /> }, '/campagnes/2026/suivi');
    const section = await screen.findByRole('region', { name: 'Relancer les structures en retard' });
    expect(within(section).getByText("Choisissez l'autorité au nom de laquelle écrire.")).toBeTruthy();
    fireEvent.click(within(section).getByLabelText('Conseil départemental (CD)'));
    fireEvent.change(await within(section).findByLabelText('Département'), { target: { value: '92' } });
    await within(section).findByDisplayValue(preview.subject);
    expect(mock.calls('POST', '/api/campaigns/2026/reminders/preview')[0]?.body).toEqual({
      organisation: { kind: 'CD', code: '92' },
    });
  });
});
