import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AUTOSAVE_DELAY_MS } from '@/features/campaigns/hooks/use-submission-entry';
import { SubmissionPage } from './submission';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildSubmissionDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

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

async function placesInput() {
  return (await screen.findByRole('textbox', { name: /Nombre de places installées/ })) as HTMLInputElement;
}

describe('submission form', () => {
  it('shows the domains and the items of the category, with last year and the OG items read only', async () => {
    setUp();
    renderForm();

    expect(await screen.findByRole('heading', { level: 1, name: 'RÉSIDENCE LES CHÊNES' })).toBeTruthy();
    const menu = screen.getByRole('navigation', { name: /Domaines/ });
    // EHPAD items cover four domains; Ressources humaines and Développement durable have none.
    expect(
      within(menu)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual([
      'Caractérisation1/1 (100\u00a0%)',
      "Prestations de soins et d'accompagnement0/1 (0\u00a0%)",
      'Finances et budget0/1 (0\u00a0%)',
      "Système d'information0/1 (0\u00a0%)",
    ]);
    const places = await placesInput();
    expect(places.value).toBe('80');
    expect(screen.getByText('Campagne 2025 (données 2024) : 78 places')).toBeTruthy();
    // The OG-level item is entered by the organisme gestionnaire.
    const siege = screen.getByRole('textbox', { name: /Adresse du siège/ }) as HTMLTextAreaElement;
    expect(siege.disabled).toBe(true);
    expect(screen.getByText(/Saisi par l'organisme gestionnaire/)).toBeTruthy();
    // An IME item is not asked of an EHPAD.
    expect(screen.queryByText("Nombre d'élèves")).toBeNull();
    // What remains before validation, and the referents.
    const todo = screen.getByRole('region', { name: 'Ce qui reste à faire' });
    expect(within(todo).getByRole('link', { name: "Taux d'occupation" }).getAttribute('href')).toBe(
      '/campagnes/2026/structures/750000001?domaine=PRESTATIONS#donnee-taux_occupation',
    );
    expect(screen.getByText('Claire Martin')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Indicateurs' }).getAttribute('href')).toBe(
      '/campagnes/2026/structures/750000001/indicateurs',
    );

    // Another domain, from the side menu.
    fireEvent.click(within(menu).getByRole('link', { name: /Prestations/ }));
    expect(await screen.findByRole('textbox', { name: /Taux d'occupation/ })).toBeTruthy();
    expect(
      screen.getByRole('heading', { level: 2, name: "Prestations de soins et d'accompagnement" }),
    ).toBeTruthy();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('says which values come from FINESS, and shows FINESS beside a value the structure changed', async () => {
    const finess = {
      itemCode: 'nb_places',
      source: 'FINESS_EQUIPEMENTS',
      sourceLabel: 'FINESS',
      value: 80,
      sourceDate: '2026-01-15',
      prefilledValue: 80,
      prefilledSourceDate: '2026-01-15',
    };
    setUp(buildSubmissionDetail({ registerValues: [finess] }));
    const view = renderForm();
    await placesInput();
    expect(screen.getByText('Issu de FINESS au 15/01/2026')).toBeTruthy();
    view.unmount();

    setUp(
      buildSubmissionDetail({
        values: { nb_places: 82 },
        registerValues: [finess],
        issues: [
          {
            itemCode: 'nb_places',
            itemLabel: 'Nombre de places installées',
            domain: 'CARACTERISATION',
            message: 'Écart avec FINESS au 15/01/2026 (80) : vérifiez la valeur.',
            blocking: false,
          },
        ],
      }),
    );
    renderForm();
    expect((await placesInput()).value).toBe('82');
    expect(screen.queryByText('Issu de FINESS au 15/01/2026')).toBeNull();
    expect(screen.getByText('FINESS au 15/01/2026 : 80')).toBeTruthy();
    // Beside the field, and in what remains to check.
    expect(screen.getAllByText(/Écart avec FINESS au 15\/01\/2026 \(80\)/).length).toBeGreaterThan(0);
  });

  it('shows the French error of an invalid value at once and does not send it', async () => {
    const api = setUp();
    renderForm();
    const places = await placesInput();
    // The autosave delay passes on a fake clock: no real wait.
    vi.useFakeTimers();

    fireEvent.change(places, { target: { value: '12,5' } });
    expect(screen.getByText('La valeur doit être un nombre entier.')).toBeTruthy();
    fireEvent.blur(places);
    fireEvent.change(places, { target: { value: '-3' } });
    expect(screen.getByText('La valeur doit être supérieure ou égale à 0.')).toBeTruthy();
    fireEvent.blur(places);

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(0);
    expect(places.value).toBe('-3');
  });

  it('autosaves a valid value with the version the user saw, and says when', async () => {
    const api = setUp().put(`${PATH}/values`, ({ body }) => ({
      body: buildSubmissionDetail({
        version: 5,
        values: { nb_places: (body as { values: { nb_places: number } }).values.nb_places },
      }),
    }));
    renderForm();
    const places = await placesInput();

    // After a pause in typing (no blur).
    fireEvent.change(places, { target: { value: '85' } });
    await waitFor(() => expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(1));
    expect(api.calls('PUT', `${PATH}/values`)[0]?.body).toEqual({
      version: 4,
      values: { nb_places: 85 },
      source: 'FORM',
    });
    expect(await screen.findByText(/^Enregistré à \d\d:\d\d$/)).toBeTruthy();

    // On leaving the field, with the new version; "Reprendre N-1" sends last year's value.
    fireEvent.change(places, { target: { value: '1 000' } });
    fireEvent.blur(places);
    await waitFor(() => expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(2));
    expect(api.calls('PUT', `${PATH}/values`)[1]?.body).toEqual({
      version: 5,
      values: { nb_places: 1000 },
      source: 'FORM',
    });
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Reprendre N-1 : la valeur 2025 de « Nombre de places installées »',
      }),
    );
    await waitFor(() => expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(3));
    expect(api.calls('PUT', `${PATH}/values`)[2]?.body).toEqual({
      version: 5,
      values: { nb_places: 78 },
      source: 'PREVIOUS_YEAR',
    });
    expect(places.value).toBe('78');
  });

  it('on a 409, keeps the typed value, shows both values and lets the user choose', async () => {
    const conflict = apiError(
      409,
      'STALE_VERSION',
      "La saisie a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte.",
    );
    const current = {
      version: 6,
      status: 'IN_PROGRESS',
      values: { nb_places: 90 },
      ogValues: {},
      ogVersion: 2,
    };
    let puts = 0;
    const api = setUp().put(`${PATH}/values`, () => {
      puts += 1;
      return puts === 1
        ? { status: 409, body: { ...conflict, current } }
        : { body: buildSubmissionDetail({ version: 7, values: { nb_places: 85 } }) };
    });
    let gets = 0;
    api.get(PATH, () => {
      gets += 1;
      return {
        body:
          gets === 1
            ? buildSubmissionDetail()
            : buildSubmissionDetail({ version: 6, values: { nb_places: 90 } }),
      };
    });
    renderForm();
    const places = await placesInput();

    fireEvent.change(places, { target: { value: '85' } });
    fireEvent.blur(places);

    expect(await screen.findByRole('heading', { name: 'Saisie modifiée par ailleurs' })).toBeTruthy();
    const choice = screen.getByRole('group', { name: 'Conflit sur « Nombre de places installées »' });
    expect(within(choice).getByText('90 places')).toBeTruthy();
    expect(within(choice).getByText('85 places')).toBeTruthy();
    // The typed value stays in the field, and nothing is sent until the user chooses.
    expect(places.value).toBe('85');
    expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(1);

    fireEvent.click(within(choice).getByRole('button', { name: 'Garder ma valeur' }));
    await waitFor(() => expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(2));
    expect(api.calls('PUT', `${PATH}/values`)[1]?.body).toEqual({
      version: 6,
      values: { nb_places: 85 },
      source: 'FORM',
    });
  });

  it('on a 409 about other items, re-applies the typed value on the current version', async () => {
    const current = {
      version: 6,
      status: 'IN_PROGRESS',
      values: { nb_places: 80, taux_occupation: 97 },
      ogValues: {},
      ogVersion: 2,
    };
    let puts = 0;
    const api = setUp().put(`${PATH}/values`, () => {
      puts += 1;
      return puts === 1
        ? { status: 409, body: { ...apiError(409, 'STALE_VERSION', 'Modifiée par ailleurs.'), current } }
        : { body: buildSubmissionDetail({ version: 7, values: { nb_places: 85, taux_occupation: 97 } }) };
    });
    renderForm();
    const places = await placesInput();

    fireEvent.change(places, { target: { value: '85' } });
    fireEvent.blur(places);

    await waitFor(() => expect(api.calls('PUT', `${PATH}/values`)).toHaveLength(2));
    expect(api.calls('PUT', `${PATH}/values`)[1]?.body).toEqual({
      version: 6,
      values: { nb_places: 85 },
      source: 'FORM',
    });
    expect(await screen.findByRole('heading', { name: 'Saisie modifiée par ailleurs' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: /Conflit/ })).toBeNull();
    expect(places.value).toBe('85');
  });

  it('shows the refusal of a validation with the items that block it', async () => {
    const api = setUp().post(`${PATH}/transitions`, {
      status: 400,
      body: apiError(400, 'VALIDATION_FAILED', 'La saisie est incomplète : elle ne peut pas être validée.', [
        { field: 'taux_occupation', message: 'Donnée obligatoire à renseigner avant la validation.' },
      ]),
    });
    renderForm();

    fireEvent.click(await screen.findByRole('button', { name: 'Valider la saisie' }));

    const alert = (await screen.findByText('Action refusée')).closest<HTMLElement>('[role="alert"]')!;
    expect(alert).toBeTruthy();
    expect(within(alert).getByText('La saisie est incomplète : elle ne peut pas être validée.')).toBeTruthy();
    expect(
      within(alert).getByText("Taux d'occupation : Donnée obligatoire à renseigner avant la validation."),
    ).toBeTruthy();
    expect(api.calls('POST', `${PATH}/transitions`)[0]?.body).toEqual({ action: 'VALIDATE', version: 4 });
  });

  const controller = (
    status: 'VALIDATED' | 'INVALIDATED',
    refusals: Partial<Record<'INVALIDATE' | 'CONFIRM', string>>,
  ) =>
    buildSubmissionDetail({
      status,
      role: 'ARS_CONTROLLER',
      availableActions: (['INVALIDATE', 'CONFIRM'] as const).filter((a) => !refusals[a]),
      actions: [
        { action: 'SAVE', allowed: false, reason: 'Seuls les utilisateurs de la structure saisissent.' },
        { action: 'VALIDATE', allowed: false, reason: 'Seule la structure valide sa saisie.' },
        { action: 'INVALIDATE', allowed: !refusals.INVALIDATE, reason: refusals.INVALIDATE ?? null },
        { action: 'CONFIRM', allowed: !refusals.CONFIRM, reason: refusals.CONFIRM ?? null },
        { action: 'MARK_CONSULTED', allowed: false, reason: 'Seul le Département marque consultée.' },
      ],
      editableDomains: [],
    });

  it('asks for a reason before invalidating, says why it cannot confirm yet, and says it is done', async () => {
    const confirmLater = "La fiabilisation n'ouvre que le 1er juin 2026.";
    const sentBack = controller('INVALIDATED', { INVALIDATE: 'Déjà invalidée.', CONFIRM: confirmLater });
    let current = controller('VALIDATED', { CONFIRM: confirmLater });
    const api = setUp()
      .get(PATH, () => ({ body: current }))
      .post(`${PATH}/transitions`, () => {
        current = sentBack;
        return { body: sentBack };
      });
    renderForm();

    fireEvent.click(await screen.findByRole('button', { name: 'Invalider' }));
    expect(screen.queryByRole('button', { name: 'Confirmer' })).toBeNull();
    expect(screen.getByText(`« Confirmer » : ${confirmLater}`)).toBeTruthy();
    // Not the controller's work: not listed.
    expect(screen.queryByText(/Seule la structure valide/)).toBeNull();
    expect(screen.queryByText(/marque consultée/)).toBeNull();

    const form = screen.getByRole('form', { name: 'Invalider la saisie' });
    fireEvent.click(within(form).getByRole('button', { name: "Confirmer l'invalidation" }));
    expect(within(form).getByText(/Indiquez le motif de l'invalidation/)).toBeTruthy();
    expect(api.calls('POST', `${PATH}/transitions`)).toHaveLength(0);

    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'Effectifs incohérents.' } });
    fireEvent.click(within(form).getByRole('button', { name: "Confirmer l'invalidation" }));
    await waitFor(() => expect(api.calls('POST', `${PATH}/transitions`)).toHaveLength(1));
    expect(api.calls('POST', `${PATH}/transitions`)[0]?.body).toEqual({
      action: 'INVALIDATE',
      version: 4,
      reason: 'Effectifs incohérents.',
    });
    // No button left once it is sent back, but the outcome and the reasons stay.
    expect(
      await screen.findByText('La saisie est invalidée : la structure est invitée à la reprendre.'),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Invalider' })).toBeNull());
    expect(screen.getByText('« Invalider » : Déjà invalidée.')).toBeTruthy();
  });

  it('never offers an action the controller may not take, and says why', async () => {
    const reason = "Déjà confirmée par l'ARS : seul l'administrateur national peut annuler la confirmation.";
    setUp(controller('VALIDATED', { INVALIDATE: reason, CONFIRM: reason }));
    renderForm();

    expect(await screen.findByText(`« Confirmer », « Invalider » : ${reason}`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Invalider' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Confirmer' })).toBeNull();
  });
});
