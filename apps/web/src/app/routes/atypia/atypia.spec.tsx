import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { AtypiaPage } from './atypia';
import { SubmissionPage } from '../campaigns/submission';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { buildAtypiaRow, buildSubmissionDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

const controller = buildAccount({
  grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
});
const structureUser = buildAccount({
  grants: [
    buildGrant({
      role: 'APE',
      organisation: { kind: 'ESMS', code: '750000001' },
      organisationLabel: 'RÉSIDENCE LES CHÊNES',
    }),
  ],
});

const first = buildAtypiaRow();
const second = buildAtypiaRow({
  id: '00000000-0000-4000-8000-0000000f1a02',
  finess: '920000002',
  structureName: 'IME LES TILLEULS',
  ruleCode: 'taux.bounds',
  ruleLabel: "Taux d'occupation hors bornes",
  value: 140,
  message: "Taux d'occupation : 140 %, au-delà du maximum de 110 %.",
  status: 'JUSTIFIED',
  version: 5,
  controllerName: 'Paul Durand',
  priority: 3,
});

/** An assignment of a structure to a controller, as GET fiabilisation/assignments lists it. */
const assignment = (controllerId: string | null) => ({
  campaignYear: 2026,
  finess: '750000001',
  structureName: 'RÉSIDENCE LES CHÊNES',
  controllerId,
  controllerName: controllerId ? 'Camille Martin' : null,
  priority: 2,
  note: null,
  version: 1,
  updatedAt: '2026-06-01T08:00:00.000Z',
});

function tableApi(assignments = [assignment(controller.id)]) {
  return mockApi()
    .get('/api/reference', { body: reference })
    .get('/api/campaigns/2026/fiabilisation/assignments', { body: assignments })
    .get('/api/campaigns/2026/atypia', {
      body: { items: [first, second], total: 2, page: 1, pageSize: 50 },
    });
}

const tablePage = { '/campagnes/:year/atypies': <AtypiaPage /> };

describe('atypia table', () => {
  it('lists the flags with their messages; a controller starts on his structures; filters go to the API', async () => {
    const mock = tableApi();
    renderWithRouter(tablePage, '/campagnes/2026/atypies', { account: controller });

    expect(
      await screen.findByText('Nombre de places : 120 contre 80 en 2025 (+50 %, au-delà de +30 %).'),
    ).toBeTruthy();
    expect(screen.getByText("Taux d'occupation : 140 %, au-delà du maximum de 110 %.")).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByText('Justifié')).toBeTruthy();
    expect(within(table).getByText('Paul Durand')).toBeTruthy();
    expect(mock.calls('GET', '/api/campaigns/2026/atypia')[0]?.url.searchParams.get('view')).toBe('mine');
    expect(screen.getByText('1 structure vous est attribuée, par priorité')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Département'), { target: { value: '92' } });
    fireEvent.change(screen.getByLabelText('Statut'), { target: { value: 'ALL' } });
    fireEvent.change(screen.getByLabelText('Gravité'), { target: { value: 'high' } });
    fireEvent.click(screen.getByLabelText('Mes structures (1)'));
    await screen.findByText(/Nombre de places : 120/);
    const last = mock.calls('GET', '/api/campaigns/2026/atypia').at(-1)?.url.searchParams;
    expect(last?.get('department')).toBe('92');
    expect(last?.get('status')).toBe('ALL');
    expect(last?.get('severity')).toBe('high');
    expect(last?.get('view')).toBeNull();
  });

  it('starts on the scope when no structure is assigned to the controller, and says so', async () => {
    const mock = tableApi([assignment(null), { ...assignment('someone-else'), finess: '920000002' }]);
    renderWithRouter(tablePage, '/campagnes/2026/atypies', { account: controller });

    expect(await screen.findByText(/Nombre de places : 120/)).toBeTruthy();
    const calls = mock.calls('GET', '/api/campaigns/2026/atypia');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url.searchParams.get('view')).toBeNull();
    expect((screen.getByLabelText('Mes structures (0)') as HTMLInputElement).checked).toBe(false);
    expect(
      screen.getByText('Aucune structure ne vous est attribuée : le tableau montre votre périmètre'),
    ).toBeTruthy();
  });

  it("offers a Département's account its department only, an ARS's those of its region", async () => {
    const cd = buildAccount({
      grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'CD', code: '92' } })],
    });
    tableApi([]);
    const { unmount } = renderWithRouter(tablePage, '/campagnes/2026/atypies', { account: cd });
    await screen.findByText(/Nombre de places : 120/);
    const options = () =>
      within(screen.getByLabelText('Département'))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options()).toEqual(['Tous les départements', '92 – Hauts-de-Seine']);
    unmount();

    tableApi([]);
    renderWithRouter(tablePage, '/campagnes/2026/atypies', { account: controller });
    await screen.findByText(/Nombre de places : 120/);
    expect(options()).toEqual(['Tous les départements', '75 – Paris', '92 – Hauts-de-Seine']);
  });

  it('decides for a selection: one mandatory comment, a confirmation, the flag ids sent', async () => {
    const mock = tableApi().post('/api/campaigns/2026/atypia/decisions', {
      body: { decision: 'ACCEPTED', flags: [{ ...first, status: 'ACCEPTED' }], invalidated: [] },
    });
    renderWithRouter(tablePage, '/campagnes/2026/atypies', { account: controller });

    fireEvent.click(
      await screen.findByLabelText('Sélectionner « Évolution du nombre de places » de RÉSIDENCE LES CHÊNES'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Accepter' }));
    expect(screen.getByText('Le commentaire est obligatoire.')).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/atypia/decisions')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/Commentaire \(obligatoire\)/), {
      target: { value: 'Extension de places autorisée.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accepter' }));
    expect(screen.getByText('Accepter la valeur de 1 signalement sélectionné ?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer la décision' }));
    expect(await screen.findByText('1 signalement : valeur acceptée.')).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/atypia/decisions')[0]?.body).toEqual({
      flagIds: [first.id],
      decision: 'ACCEPTED',
      comment: 'Extension de places autorisée.',
      versions: { [first.id]: 2 },
    });
  });

  it('shows the refusal of a decision, with the flags refused', async () => {
    tableApi().post('/api/campaigns/2026/atypia/decisions', {
      status: 409,
      body: apiError(409, 'CONFLICT', "Des signalements ont changé : rien n'a été enregistré.", [
        { field: second.id, message: 'IME LES TILLEULS : signalement modifié entre-temps.' },
      ]),
    });
    renderWithRouter(tablePage, '/campagnes/2026/atypies', { account: controller });
    fireEvent.click(await screen.findByLabelText('Sélectionner tous les signalements de la page'));
    fireEvent.change(screen.getByLabelText(/Commentaire \(obligatoire\)/), {
      target: { value: 'À revoir.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Faire corriger' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer la décision' }));
    expect(await screen.findByText("Des signalements ont changé : rien n'a été enregistré.")).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Signalements refusés' })).getByText(
        'IME LES TILLEULS : signalement modifié entre-temps.',
      ),
    ).toBeTruthy();
  });
});

describe('atypia flags on the form', () => {
  it('lists the flags of the submission and shows each under its item', async () => {
    const { id, campaignYear, finess, ruleCode, ruleLabel, kind, severity, targetKind, targetCode } = first;
    const flag = {
      id,
      campaignYear,
      finess,
      ruleCode,
      ruleLabel,
      kind,
      severity,
      targetKind,
      targetCode,
      value: first.value,
      reference: first.reference,
      message: first.message,
      status: first.status,
      version: first.version,
      updatedAt: first.updatedAt,
    };
    mockApi()
      .get('/api/campaigns/2026/dictionary', { body: dictionary })
      .get('/api/campaigns/2026/submissions/750000001', {
        body: buildSubmissionDetail({ flags: [flag] }),
      });
    renderWithRouter(
      { '/campagnes/:year/structures/:finess': <SubmissionPage /> },
      '/campagnes/2026/structures/750000001',
      { account: structureUser },
    );

    const section = await screen.findByRole('region', { name: 'Atypies détectées' });
    expect(within(section).getByText(first.message, { exact: false })).toBeTruthy();
    expect(
      within(section)
        .getByRole('link', { name: /Justifier ou voir les échanges/ })
        .getAttribute('href'),
    ).toBe(`/campagnes/2026/atypies/${first.id}`);
    const itemFlags = screen.getByRole('list', { name: 'Atypies sur « Nombre de places installées »' });
    expect(within(itemFlags).getByText(first.message, { exact: false })).toBeTruthy();
  });
});
