import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReferentDto } from '@tdb/contracts';
import { ReferentsPage } from './referents';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const claire: ReferentDto = {
  id: 'r1',
  organisationKind: 'ARS',
  organisationCode: '11',
  organisationName: 'ARS Île-de-France',
  name: 'Claire Martin',
  email: 'claire.martin@ars.sante.fr',
  phone: '0238000000',
  roleLabel: 'Référente TDB',
};

const apr = buildAccount({
  grants: [
    buildGrant({
      role: 'APR',
      organisation: { kind: 'ARS', code: '11' },
      organisationLabel: 'ARS Île-de-France',
    }),
  ],
});

describe('TDB referents page', () => {
  it('lists the referents of the user’s ARS; adds one (client checks, then the server’s 400)', async () => {
    let list = [claire];
    let attempts = 0;
    const mock = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/referents', () => ({ body: list }))
      .post('/api/referents', ({ body }) => {
        attempts += 1;
        if (attempts === 1) {
          return {
            status: 400,
            body: apiError(400, 'VALIDATION_FAILED', 'La demande est invalide.', [
              { field: 'email', message: 'Un référent de cette autorité a déjà ce courriel.' },
            ]),
          };
        }
        const created = { ...claire, id: 'r2', ...(body as object) } as ReferentDto;
        list = [...list, created];
        return { status: 201, body: created };
      });
    renderWithRouter({ '/referents': <ReferentsPage /> }, '/referents', { account: apr });

    expect(await screen.findByText('Claire Martin')).toBeTruthy();
    expect(mock.calls('GET', '/api/referents')[0]?.url.search).toBe('?kind=ARS&code=11');
    expect(screen.getByText('02 38 00 00 00')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Ajouter un référent' });
    fireEvent.click(within(form).getByRole('button', { name: 'Ajouter le référent' }));
    expect(within(form).getByText('Le nom du référent est obligatoire.')).toBeTruthy();
    expect(within(form).getByText('Le courriel du référent est obligatoire.')).toBeTruthy();
    expect(mock.calls('POST', '/api/referents')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Nom et prénom'), { target: { value: 'Karim Benali' } });
    fireEvent.change(within(form).getByLabelText(/^Courriel/), { target: { value: 'karim' } });
    fireEvent.change(within(form).getByLabelText(/^Téléphone/), { target: { value: 'abc' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ajouter le référent' }));
    expect(within(form).getByText(/Saisissez une adresse valide/)).toBeTruthy();
    expect(within(form).getByText('Numéro de téléphone invalide.')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText(/^Courriel/), {
      target: { value: 'claire.martin@ars.sante.fr' },
    });
    fireEvent.change(within(form).getByLabelText(/^Téléphone/), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ajouter le référent' }));
    expect(await within(form).findByText('La demande est invalide.')).toBeTruthy();
    expect(within(form).getByText('Un référent de cette autorité a déjà ce courriel.')).toBeTruthy();
    expect(mock.calls('POST', '/api/referents')[0]?.body).toEqual({
      organisation: { kind: 'ARS', code: '11' },
      name: 'Karim Benali',
      email: 'claire.martin@ars.sante.fr',
    });

    fireEvent.change(within(form).getByLabelText(/^Courriel/), {
      target: { value: 'karim.benali@ars.sante.fr' },
    });
    fireEvent.change(within(form).getByLabelText(/^Fonction/), { target: { value: 'Suppléant' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ajouter le référent' }));
    expect(await screen.findByText('Karim Benali a été ajouté(e) aux référents.')).toBeTruthy();
    expect(mock.calls('POST', '/api/referents')[1]?.body).toMatchObject({ roleLabel: 'Suppléant' });
    expect(await screen.findByRole('rowheader', { name: 'Karim Benali' })).toBeTruthy();
  });

  it('removes a referent after confirmation', async () => {
    let list = [claire];
    const mock = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/referents', () => ({ body: list }))
      .delete('/api/referents/r1', () => {
        list = [];
        return { status: 204 };
      });
    renderWithRouter({ '/referents': <ReferentsPage /> }, '/referents', { account: apr });

    fireEvent.click(await screen.findByRole('button', { name: 'Retirer Claire Martin' }));
    expect(screen.getByText('Retirer Claire Martin des référents ?')).toBeTruthy();
    expect(mock.calls('DELETE', '/api/referents/r1')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer le retrait' }));
    expect(await screen.findByText('Claire Martin a été retiré(e) des référents.')).toBeTruthy();
    expect(mock.calls('DELETE', '/api/referents/r1')).toHaveLength(1);
    expect(await screen.findByText("Aucun référent n'est encore désigné.")).toBeTruthy();
  });

  it('shows the list read-only to a controller, and lets the national administrator choose', async () => {
    const mock = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/referents', { body: [claire] });
    const view = renderWithRouter({ '/referents': <ReferentsPage /> }, '/referents', {
      account: buildAccount({
        grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
      }),
    });
    expect(await screen.findByText('Claire Martin')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Retirer/ })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Ajouter un référent' })).toBeNull();
    view.unmount();

    renderWithRouter({ '/referents': <ReferentsPage /> }, '/referents');
    expect(screen.getByText('Choisissez une ARS ou un conseil départemental.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Agence régionale de santé (ARS)'));
    fireEvent.change(await screen.findByLabelText("Région de l'ARS"), { target: { value: '94' } });
    await waitFor(() =>
      expect(mock.calls('GET', '/api/referents').at(-1)?.url.search).toBe('?kind=ARS&code=94'),
    );
    expect(await screen.findByRole('heading', { name: 'Référents de ARS Corse' })).toBeTruthy();
  });
});
