import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Account, Paginated } from '@tdb/contracts';
import { UsersPage } from './users';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const page = (items: Account[], total = items.length): Paginated<Account> => ({
  items,
  total,
  page: 1,
  pageSize: 20,
});

const paul = buildAccount({
  id: '00000000-0000-4000-8000-0000000000b2',
  email: 'paul.leroy@ars.sante.fr',
  firstName: 'Paul',
  lastName: 'Leroy',
  status: 'INVITED',
  grants: [
    buildGrant({
      role: 'CONTROLLER',
      organisation: { kind: 'ARS', code: '11' },
      organisationLabel: 'ARS Île-de-France',
    }),
  ],
});

describe('users page', () => {
  it('lists the accounts I manage, filters them through the URL, and links to each', async () => {
    const api = mockApi().get('/api/accounts', { body: page([paul], 45) });
    renderWithRouter({ '/utilisateurs': <UsersPage /> }, '/utilisateurs');

    const table = await screen.findByRole('table');
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByRole('link', { name: 'LEROY Paul' }).getAttribute('href')).toBe(
      `/utilisateurs/${paul.id}`,
    );
    expect(within(row).getByText('paul.leroy@ars.sante.fr')).toBeTruthy();
    expect(within(row).getByText('ARS Île-de-France – Contrôleur')).toBeTruthy();
    expect(within(row).getByText('Invité')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Créer un compte' }).getAttribute('href')).toBe(
      '/utilisateurs/nouveau',
    );
    expect(screen.getByRole('link', { name: 'Importer des APE' }).getAttribute('href')).toBe(
      '/utilisateurs/import',
    );
    expect(screen.getByRole('link', { name: '3' }).getAttribute('href')).toBe('/utilisateurs?page=3');

    fireEvent.change(screen.getByRole('combobox', { name: 'Rôle' }), { target: { value: 'CONTROLLER' } });
    expect(
      within(screen.getByRole('combobox', { name: 'Statut' }))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Tous les statuts', 'Invité', 'Actif', 'Désactivé', 'Connexion ralentie']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Statut' }), { target: { value: 'INVITED' } });
    fireEvent.change(screen.getByRole('searchbox', { name: /Nom, prénom/ }), { target: { value: 'leroy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher' }));

    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '/utilisateurs?q=leroy&role=CONTROLLER&statut=INVITED',
      ),
    );
    await waitFor(() =>
      expect(Object.fromEntries(api.calls('GET', '/api/accounts').at(-1)!.url.searchParams)).toEqual({
        q: 'leroy',
        role: 'CONTROLLER',
        status: 'INVITED',
        page: '1',
        pageSize: '20',
      }),
    );
  });

  it('says when nothing matches', async () => {
    mockApi().get('/api/accounts', { body: page([]) });
    renderWithRouter({ '/utilisateurs': <UsersPage /> }, '/utilisateurs?q=personne');
    expect(await screen.findByText('Aucun compte ne correspond')).toBeTruthy();
  });

  it('flags the principal administrators in double (from before the rule of one per organisation)', async () => {
    const ape = (id: string, lastName: string) =>
      buildAccount({
        id,
        firstName: 'Anne',
        lastName,
        email: `${lastName.toLowerCase()}@ehpad.fr`,
        grants: [
          buildGrant({
            role: 'APE',
            organisation: { kind: 'ESMS', code: '750000001' },
            organisationLabel: 'RÉSIDENCE LES CHÊNES (750000001)',
            duplicatePrincipal: true,
          }),
        ],
      });
    mockApi().get('/api/accounts', {
      body: page([ape('00000000-0000-4000-8000-0000000000d1', 'Un'), paul]),
    });
    renderWithRouter({ '/utilisateurs': <UsersPage /> }, '/utilisateurs');
    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(within(rows[1]!).getByText('Administrateur principal en double')).toBeTruthy();
    expect(within(rows[2]!).queryByText('Administrateur principal en double')).toBeNull();
  });
});
