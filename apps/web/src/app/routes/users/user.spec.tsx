import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Account, AddGrantRequest, PrincipalSeat } from '@tdb/contracts';
import { UserPage } from './user';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const id = '00000000-0000-4000-8000-0000000000c1';
const apeGrant = buildGrant({
  id: '00000000-0000-4000-8000-00000000a0c1',
  role: 'APE',
  organisation: { kind: 'ESMS', code: '750000001' },
  organisationLabel: 'RÉSIDENCE LES CHÊNES (750000001)',
});
const claire = buildAccount({
  id,
  email: 'claire.durand@ehpad-chenes.fr',
  firstName: 'Claire',
  lastName: 'Durand',
  status: 'INVITED',
  grants: [apeGrant],
  lastLoginAt: null,
  version: 4,
});

function renderUser(account: Account = claire) {
  const api = mockApi()
    .get('/api/reference', { body: reference })
    .get(`/api/accounts/${id}`, { body: account });
  renderWithRouter({ '/utilisateurs/:id': <UserPage /> }, `/utilisateurs/${id}`);
  return api;
}

describe('account page', () => {
  it('shows the identity, the grants and the status, and resends an invitation', async () => {
    const api = renderUser().post(`/api/accounts/${id}/resend-invitation`, { status: 204 });

    expect(await screen.findByRole('heading', { level: 1, name: 'DURAND Claire' })).toBeTruthy();
    const grants = screen.getByRole('table', { name: 'Habilitations de Claire Durand' });
    const row = within(grants).getAllByRole('row')[1]!;
    expect(within(row).getByText('RÉSIDENCE LES CHÊNES (750000001)')).toBeTruthy();
    expect(within(row).getByText("Administrateur principal d'établissement (APE)")).toBeTruthy();
    expect(within(row).getByText('Tous les droits')).toBeTruthy();
    expect(within(row).getByText('Sans limite')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: "Renvoyer l'invitation" }));
    expect(
      await screen.findByText('Une nouvelle invitation a été envoyée à claire.durand@ehpad-chenes.fr.'),
    ).toBeTruthy();
    expect(api.calls('POST', `/api/accounts/${id}/resend-invitation`)).toHaveLength(1);
  });

  it('asks before removing a grant, and shows why the last APE cannot be removed (409)', async () => {
    const lastApe =
      'Cette habilitation est celle du dernier administrateur principal (APE) de la structure 750000001 : désignez-en un autre avant de la retirer.';
    const api = renderUser().delete(`/api/accounts/${id}/grants/${apeGrant.id}`, {
      status: 409,
      body: apiError(409, 'CONFLICT', lastApe),
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Retirer' }));
    expect(screen.getByText('Retirer cette habilitation ?')).toBeTruthy();
    expect(api.calls('DELETE', `/api/accounts/${id}/grants/${apeGrant.id}`)).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer le retrait' }));

    const title = await screen.findByText('Cette habilitation ne peut pas être retirée');
    const alert = title.closest<HTMLElement>('.fr-alert')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(within(alert).getByText(lastApe)).toBeTruthy();
    // The confirmation is gone.
    expect(screen.queryByText('Retirer cette habilitation ?')).toBeNull();
    expect(api.calls('DELETE', `/api/accounts/${id}/grants/${apeGrant.id}`)).toHaveLength(1);
  });

  it('edits the identity with the version read, and says when someone changed it meanwhile', async () => {
    const api = renderUser().patch(`/api/accounts/${id}`, {
      status: 409,
      body: apiError(
        409,
        'STALE_VERSION',
        'Ce compte a été modifié entre-temps : rechargez la page puis recommencez.',
      ),
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Modifier' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Nom' }), { target: { value: 'Durand-Petit' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('Le compte a été modifié entre-temps')).toBeTruthy();
    expect(api.calls('PATCH', `/api/accounts/${id}`)[0]?.body).toEqual({
      firstName: 'Claire',
      lastName: 'Durand-Petit',
      phone: null,
      version: 4,
    });
  });

  it('disables an account after confirmation', async () => {
    const active = { ...claire, status: 'ACTIVE' as const };
    const api = renderUser(active).post(`/api/accounts/${id}/disable`, {
      body: { ...active, status: 'DISABLED' },
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Désactiver le compte' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer la désactivation' }));

    expect(await screen.findByText('Le compte est désactivé.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Réactiver le compte' })).toBeTruthy());
    expect(api.calls('POST', `/api/accounts/${id}/disable`)).toHaveLength(1);
  });

  it('transfers the APE role of a structure to this account, asking what the current APE becomes', async () => {
    const seat: PrincipalSeat = {
      organisation: { kind: 'OG', code: '750000010' },
      organisationLabel: 'ASSOCIATION LES AMIS DES CHÊNES (750000010)',
      role: 'APE',
      holders: [
        {
          accountId: '00000000-0000-4000-8000-0000000000p2',
          firstName: 'Inès',
          lastName: 'Roux',
          email: 'ines.roux@amis-chenes.fr',
          status: 'ACTIVE',
        },
      ],
      undisclosed: 0,
      transferOptions: ['USER', 'REVOKE'],
    };
    const withOg = {
      ...claire,
      grants: [
        apeGrant,
        buildGrant({
          id: '00000000-0000-4000-8000-00000000a0c2',
          role: 'APE',
          organisation: { kind: 'OG', code: '750000010' },
          organisationLabel: 'ASSOCIATION LES AMIS DES CHÊNES (750000010)',
        }),
      ],
    };
    const api = renderUser()
      .get('/api/structures', {
        body: {
          items: [],
          total: 0,
          page: 1,
          pageSize: 10,
        },
      })
      .get('/api/accounts/principal', { body: seat })
      .post(`/api/accounts/${id}/grants`, { status: 201, body: withOg });

    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une habilitation' }));
    const form = screen.getByRole('form', { name: 'Ajouter une habilitation' });
    fireEvent.click(within(form).getByRole('radio', { name: 'Organisme gestionnaire (OG)' }));
    fireEvent.change(within(form).getByRole('textbox', { name: /FINESS/ }), {
      target: { value: '750000010' },
    });
    fireEvent.click(within(form).getByRole('radio', { name: /Administrateur principal d'établissement/ }));

    const choice = await within(form).findByRole('group', {
      name: /Que devient l'administrateur principal actuel/,
    });
    expect(choice.textContent).toContain('Inès Roux (ines.roux@amis-chenes.fr)');
    fireEvent.click(within(form).getByRole('button', { name: 'Transférer le rôle à ce compte' }));
    expect(
      await within(choice).findByText("Choisissez ce que devient l'administrateur principal actuel."),
    ).toBeTruthy();
    expect(api.calls('POST', `/api/accounts/${id}/grants`)).toHaveLength(0);
    fireEvent.click(within(choice).getByRole('radio', { name: /Utilisateur de l'organisme gestionnaire/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Transférer le rôle à ce compte' }));
    await waitFor(() => expect(api.calls('POST', `/api/accounts/${id}/grants`)).toHaveLength(1));
    expect(api.calls('POST', `/api/accounts/${id}/grants`)[0]?.body).toEqual({
      organisation: { kind: 'OG', code: '750000010' },
      role: 'APE',
      transfer: { previous: 'USER' },
    } satisfies AddGrantRequest);
  });

  it('flags a principal grant shared with another account (from before the rule) and says what to do', async () => {
    renderUser({ ...claire, grants: [{ ...apeGrant, duplicatePrincipal: true }] });
    const grants = await screen.findByRole('table', { name: 'Habilitations de Claire Durand' });
    expect(within(grants).getByText('Administrateur principal en double')).toBeTruthy();
    expect(screen.getByText(/celle-ci en a plusieurs \(désignés avant cette règle\)/)).toBeTruthy();
  });
});
