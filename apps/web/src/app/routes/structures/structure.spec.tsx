import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CategoryCorrectionRequest, StructureDetail } from '@tdb/contracts';
import { StructurePage } from './structure';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildStructureDetail, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const normalise = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

function renderStructure(finess = '750000001') {
  return renderWithRouter({ '/structures/:finess': <StructurePage /> }, `/structures/${finess}`);
}

async function openCorrectionForm() {
  const toggle = await screen.findByRole('button', { name: 'Corriger la catégorie' });
  await waitFor(() => expect((toggle as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(toggle);
  return screen.getByRole('region', { name: 'Corriger la catégorie' });
}

function fillCorrection(form: HTMLElement, categoryCode: string, reason: string) {
  fireEvent.change(within(form).getByRole('combobox', { name: 'Nouvelle catégorie' }), {
    target: { value: categoryCode },
  });
  fireEvent.change(within(form).getByRole('textbox', { name: /Motif de la correction/ }), {
    target: { value: reason },
  });
}

describe('structure page', () => {
  it('shows the structure, its managing organisation and its history, in French', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/750000001', { body: buildStructureDetail() });

    renderStructure();

    expect(await screen.findByRole('heading', { level: 1, name: 'RÉSIDENCE LES CHÊNES' })).toBeTruthy();
    const identification = screen.getByRole('region', { name: 'Identification' });
    expect(within(identification).getByText('750000001')).toBeTruthy();
    expect(within(identification).getByText(/Catégorie FINESS 500/)).toBeTruthy();
    await waitFor(() =>
      expect(
        within(identification).getByText(
          "Établissement d'hébergement pour personnes âgées dépendantes (EHPAD)",
        ),
      ).toBeTruthy(),
    );
    expect(within(identification).getByText('Conjointe : ARS et conseil départemental')).toBeTruthy();
    expect(within(identification).getByText('1 mars 1998')).toBeTruthy();
    expect(within(identification).getByText('123 456 789 00012')).toBeTruthy();
    await waitFor(() => expect(within(identification).getByText('Personnes âgées')).toBeTruthy());

    const contact = screen.getByRole('region', { name: 'Coordonnées' });
    expect(within(contact).getByText('12 RUE DES LILAS')).toBeTruthy();
    expect(within(contact).getByText('01 43 43 43 43')).toBeTruthy();
    expect(normalise(within(contact).getByText(/^Latitude/).textContent)).toBe(
      'Latitude 48,84000, longitude 2,39000',
    );

    const og = screen.getByRole('region', { name: 'Organisme gestionnaire' });
    expect(
      within(og).getByRole('link', { name: 'ASSOCIATION LES AMIS DES CHÊNES' }).getAttribute('href'),
    ).toBe('/organisations/750000010');

    const history = screen.getByRole('region', { name: 'Historique' });
    expect(within(history).getByText('Création (import FINESS)')).toBeTruthy();
    expect(within(history).getByText('import FINESS du 2026-01-14')).toBeTruthy();
    expect(within(history).getByText(/15 janvier 2026/)).toBeTruthy();
  });

  it('shows "Structure introuvable" on a 404', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/999999999', {
        status: 404,
        body: apiError(404, 'STRUCTURE_NOT_FOUND', "La structure 999999999 n'existe pas."),
      });

    renderStructure('999999999');

    expect(await screen.findByRole('heading', { level: 1, name: 'Structure introuvable' })).toBeTruthy();
    expect(screen.getByText("La structure 999999999 n'existe pas.")).toBeTruthy();
  });

  it('checks the form before sending anything', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/750000001', { body: buildStructureDetail() });
    renderStructure();

    const form = await openCorrectionForm();
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));

    expect(within(form).getByText('Choisissez la nouvelle catégorie.')).toBeTruthy();
    expect(within(form).getByText('Indiquez le motif de la correction.')).toBeTruthy();
    expect(api.calls('PATCH', '/api/structures/750000001/category')).toHaveLength(0);

    // The current category cannot be chosen.
    const current = within(form).getByRole('option', { name: /catégorie actuelle/ }) as HTMLOptionElement;
    expect(current.value).toBe('EHPAD');
    expect(current.disabled).toBe(true);
  });

  it('sends the version the user saw and shows the 409 message when someone else changed the structure', async () => {
    const conflict =
      'La structure a été modifiée par quelqu’un d’autre depuis son affichage. Rechargez la fiche puis recommencez.';
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/750000001', { body: buildStructureDetail({ version: 7 }) })
      .patch('/api/structures/750000001/category', {
        status: 409,
        body: apiError(409, 'STALE_VERSION', conflict),
      });
    renderStructure();

    const form = await openCorrectionForm();
    fillCorrection(form, 'IME', '  Autorisation du 12 mars 2024 : institut médico-éducatif.  ');
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));

    expect(await within(form).findByText(conflict)).toBeTruthy();
    const [patch] = api.calls('PATCH', '/api/structures/750000001/category');
    expect(patch?.body).toEqual({
      categoryCode: 'IME',
      reason: 'Autorisation du 12 mars 2024 : institut médico-éducatif.',
      version: 7,
    } satisfies CategoryCorrectionRequest);
    // The form stays open with what the user typed.
    expect(
      (within(form).getByRole('combobox', { name: 'Nouvelle catégorie' }) as HTMLSelectElement).value,
    ).toBe('IME');

    // "Recharger la fiche" fetches the structure again (to get the new version).
    const before = api.calls('GET', '/api/structures/750000001').length;
    fireEvent.click(within(form).getByRole('button', { name: 'Recharger la fiche' }));
    await waitFor(() => expect(api.calls('GET', '/api/structures/750000001').length).toBe(before + 1));
  });

  it('shows the field messages of a 400 answer', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/750000001', { body: buildStructureDetail() })
      .patch('/api/structures/750000001/category', {
        status: 400,
        body: apiError(400, 'VALIDATION_FAILED', 'La demande est invalide.', [
          { field: 'reason', message: 'Le motif doit comporter au moins 10 caractères.' },
        ]),
      });
    renderStructure();

    const form = await openCorrectionForm();
    fillCorrection(form, 'SSIAD', 'Court');
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));

    expect(await within(form).findByText('La demande est invalide.')).toBeTruthy();
    expect(within(form).getByText('Le motif doit comporter au moins 10 caractères.')).toBeTruthy();
  });

  it('updates the page after a successful correction', async () => {
    let current: StructureDetail = buildStructureDetail();
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/750000001', () => ({ body: current }))
      .patch('/api/structures/750000001/category', ({ body }) => {
        const request = body as CategoryCorrectionRequest;
        current = buildStructureDetail({
          categoryCode: request.categoryCode,
          categoryLabel: 'IME',
          competence: 'ARS',
          categoryCorrected: true,
          version: request.version + 1,
          history: [
            ...current.history,
            {
              at: '2026-11-23T10:00:00.000Z',
              by: 'Agent ARS',
              kind: 'CATEGORY_CORRECTED',
              reason: request.reason,
              changes: { categoryCode: { from: 'EHPAD', to: request.categoryCode } },
              consequences: [
                'Campagne 2026 : 180 données attendues (au lieu de 210), complétude 40 % → 35 % ; indicateurs et valeurs atypiques recalculés, comparaison avec les IME.',
              ],
            },
          ],
        });
        return { body: current };
      });
    renderStructure();

    const form = await openCorrectionForm();
    fillCorrection(form, 'IME', 'Autorisation du 12 mars 2024.');
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));

    expect(await screen.findByText('La catégorie a été corrigée : « EHPAD » devient « IME ».')).toBeTruthy();
    // What the correction carried with it, in the confirmation and in the history.
    expect(screen.getAllByText(/^Campagne 2026 : 180 données attendues/)).toHaveLength(2);
    expect(screen.queryByRole('region', { name: 'Corriger la catégorie' })).toBeNull();
    const identification = screen.getByRole('region', { name: 'Identification' });
    expect(within(identification).getByText('Institut médico-éducatif (IME)')).toBeTruthy();
    expect(screen.getByText('Catégorie corrigée')).toBeTruthy();
    const history = screen.getByRole('region', { name: 'Historique' });
    expect(within(history).getByText('Correction de la catégorie')).toBeTruthy();
    expect(within(history).getByText('Autorisation du 12 mars 2024.')).toBeTruthy();
    expect(api.calls('PATCH', '/api/structures/750000001/category')[0]?.body).toMatchObject({ version: 3 });
  });

  it('offers the category correction only to the national administrator, APR and CONTROLLER', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures/750000001', { body: buildStructureDetail() });
    const reader = buildAccount({
      grants: [buildGrant({ role: 'READER', organisation: { kind: 'ARS', code: '11' } })],
    });
    const view = renderWithRouter({ '/structures/:finess': <StructurePage /> }, '/structures/750000001', {
      account: reader,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'RÉSIDENCE LES CHÊNES' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Corriger la catégorie' })).toBeNull();
    view.unmount();

    const controller = buildAccount({
      grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
    });
    renderWithRouter({ '/structures/:finess': <StructurePage /> }, '/structures/750000001', {
      account: controller,
    });
    expect(await screen.findByRole('button', { name: 'Corriger la catégorie' })).toBeTruthy();
  });

  it('shows an authority competent for none of the current category only its registry record and its own categories', async () => {
    const ssiad = reference.categories.find((c) => c.code === 'SSIAD')!;
    const departmentOnly = (code: string) => ({
      ...ssiad,
      code,
      shortLabel: code,
      label: code,
      competence: 'CD' as const,
    });
    mockApi()
      .get('/api/reference', {
        body: {
          ...reference,
          categories: [...reference.categories, departmentOnly('SAVS'), departmentOnly('EANM')],
        },
      })
      .get('/api/structures/750000001', {
        body: buildStructureDetail({
          categoryCode: 'SAVS',
          categoryLabel: 'SAVS',
          competence: 'CD',
          registryOnly: true,
        }),
      });
    const arsController = buildAccount({
      grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
    });
    renderWithRouter({ '/structures/:finess': <StructurePage /> }, '/structures/750000001', {
      account: arsController,
    });
    expect(
      await screen.findByText(/^Cette structure relève de la compétence exclusive du Département/),
    ).toBeTruthy();
    const form = await openCorrectionForm();
    const options = within(form)
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value)
      .filter((v) => v !== '');
    // SAVS itself (current, disabled) and the ARS or shared categories; never EANM (Département only).
    expect(options).toContain('SSIAD');
    expect(options).toContain('EHPAD');
    expect(options).not.toContain('EANM');
    expect(
      within(form).getByText(
        'Seules les catégories de votre compétence sont proposées : la catégorie actuelle relève de la compétence exclusive du Département.',
      ),
    ).toBeTruthy();
  });
});
