import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type {
  CreateAccountRequest,
  GrantOfferResult,
  Paginated,
  PrincipalSeat,
  StructureSummary,
} from '@tdb/contracts';
import { UserCreatePage } from './user-create';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildStructureSummary, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const location = () => screen.getByTestId('location').textContent ?? '';

const structures = (items: StructureSummary[]): Paginated<StructureSummary> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 10,
});

function fillIdentity() {
  fireEvent.change(screen.getByRole('textbox', { name: /Adresse électronique/ }), {
    target: { value: 'claire.durand@ehpad-chenes.fr' },
  });
  fireEvent.change(screen.getByRole('textbox', { name: 'Prénom' }), { target: { value: 'Claire' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Nom' }), { target: { value: 'Durand' } });
}

async function pickStructure(query: string, name: RegExp) {
  fireEvent.change(screen.getByRole('searchbox', { name: /Rechercher la structure/ }), {
    target: { value: query },
  });
  fireEvent.click(await screen.findByRole('radio', { name }));
}

describe('create account page', () => {
  it('posts the identity and the GrantInput built from the form, then says the invitation is sent', async () => {
    const sent: GrantOfferResult = {
      outcome: 'INVITED',
      email: 'claire.durand@ehpad-chenes.fr',
      message:
        'Une invitation a été envoyée à claire.durand@ehpad-chenes.fr : l’habilitation prendra effet quand la personne l’aura acceptée.',
      account: null,
    };
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: structures([buildStructureSummary()]) })
      .post('/api/accounts', { status: 202, body: sent });
    renderWithRouter(
      { '/utilisateurs/nouveau': <UserCreatePage />, '/utilisateurs/:id': <p>Fiche du compte</p> },
      '/utilisateurs/nouveau',
    );

    fillIdentity();
    fireEvent.change(screen.getByRole('textbox', { name: /Téléphone/ }), {
      target: { value: '01 43 43 43 43' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Établissement ou service (ESMS)' }));
    await pickStructure('chenes', /RÉSIDENCE LES CHÊNES \(750000001\)/);
    expect(screen.getByText('RÉSIDENCE LES CHÊNES (750000001)', { selector: 'strong' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /^Utilisateur/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Saisie' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Lecture' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Finances' }));
    fireEvent.change(screen.getByLabelText('Valable à partir du'), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Invitation envoyée' })).toBeTruthy();
    expect(screen.getByText(sent.message)).toBeTruthy();
    // Nothing to open: the person's account is theirs until they accept.
    expect(location()).toBe('/utilisateurs/nouveau');
    expect(screen.getByRole('button', { name: 'Donner une autre habilitation' })).toBeTruthy();
    const search = api.calls('GET', '/api/structures').at(-1);
    expect(search?.url.searchParams.get('q')).toBe('chenes');
    expect(search?.headers['authorization']).toBe('Bearer jeton-de-test');
    expect(api.calls('POST', '/api/accounts')[0]?.body).toEqual({
      email: 'claire.durand@ehpad-chenes.fr',
      firstName: 'Claire',
      lastName: 'Durand',
      phone: '01 43 43 43 43',
      grant: {
        organisation: { kind: 'ESMS', code: '750000001' },
        role: 'USER',
        rights: ['ENTRY', 'READ'],
        entryDomains: ['FINANCES'],
        validFrom: '2026-12-01',
      },
    } satisfies CreateAccountRequest);
  });

  it("offers an APR its own authority, and shows the API's 403 reason prominently", async () => {
    const reason =
      "L'ARS Île-de-France ne peut pas administrer un service d'accompagnement à la vie sociale (SAVS) : il relève de la compétence exclusive du Département.";
    const apr = buildAccount({
      grants: [
        buildGrant({
          role: 'APR',
          organisation: { kind: 'ARS', code: '11' },
          organisationLabel: 'ARS Île-de-France',
        }),
      ],
    });
    const savs = buildStructureSummary({
      finess: '750000099',
      name: 'SAVS LES TILLEULS',
      categoryCode: 'SAVS',
      categoryLabel: 'SAVS',
      competence: 'CD',
    });
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: structures([savs]) })
      .post('/api/accounts', { status: 403, body: apiError(403, 'FORBIDDEN', reason) });
    renderWithRouter({ '/utilisateurs/nouveau': <UserCreatePage /> }, '/utilisateurs/nouveau', {
      account: apr,
    });

    const kinds = screen.getByRole('group', { name: "Type d'organisation" });
    expect(
      within(kinds)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['ARS', 'OG', 'ESMS']);
    // Its own ARS: no choice to make, only controllers and readers.
    fireEvent.click(within(kinds).getByRole('radio', { name: /ARS/ }));
    expect(screen.getByText('ARS Île-de-France')).toBeTruthy();
    const roles = screen.getByRole('group', { name: 'Rôle' });
    expect(
      within(roles)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['CONTROLLER', 'READER']);

    fillIdentity();
    fireEvent.click(within(kinds).getByRole('radio', { name: 'Établissement ou service (ESMS)' }));
    await pickStructure('tilleuls', /SAVS LES TILLEULS/);
    fireEvent.click(screen.getByRole('radio', { name: /Administrateur principal d'établissement/ }));
    fireEvent.click(screen.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Vous ne pouvez pas créer ce compte')).toBeTruthy();
    expect(within(alert).getByText(reason)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
    expect(api.calls('POST', '/api/accounts')[0]?.body).toMatchObject({
      grant: { organisation: { kind: 'ESMS', code: '750000099' }, role: 'APE' },
    });
    // The form keeps what was typed.
    expect((screen.getByRole('textbox', { name: 'Prénom' }) as HTMLInputElement).value).toBe('Claire');
  });

  it('checks the form before sending anything', async () => {
    const api = mockApi().get('/api/reference', { body: reference });
    renderWithRouter({ '/utilisateurs/nouveau': <UserCreatePage /> }, '/utilisateurs/nouveau');

    fireEvent.click(screen.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }));

    expect(screen.getByText("Saisissez l'adresse électronique.")).toBeTruthy();
    expect(screen.getByText('Saisissez le prénom.')).toBeTruthy();
    expect(screen.getByText("Choisissez le type d'organisation.")).toBeTruthy();
    expect(api.calls('POST', '/api/accounts')).toHaveLength(0);
  });

  describe('designating a principal administrator (one per organisation)', () => {
    const seat = (holders: PrincipalSeat['holders']): PrincipalSeat => ({
      organisation: { kind: 'ESMS', code: '750000001' },
      organisationLabel: 'RÉSIDENCE LES CHÊNES (750000001)',
      role: 'APE',
      holders,
      undisclosed: 0,
      transferOptions: ['USER', 'REVOKE'],
    });
    const paul = {
      accountId: '00000000-0000-4000-8000-0000000000p1',
      firstName: 'Paul',
      lastName: 'Lefèvre',
      email: 'paul.lefevre@ehpad-chenes.fr',
      status: 'ACTIVE' as const,
    };
    const invited: GrantOfferResult = {
      outcome: 'INVITED',
      email: 'claire.durand@ehpad-chenes.fr',
      message: 'Une invitation a été envoyée à claire.durand@ehpad-chenes.fr.',
      account: null,
    };

    async function chooseApeOfChenes() {
      fillIdentity();
      fireEvent.click(screen.getByRole('radio', { name: 'Établissement ou service (ESMS)' }));
      await pickStructure('chenes', /RÉSIDENCE LES CHÊNES \(750000001\)/);
      fireEvent.click(screen.getByRole('radio', { name: /Administrateur principal d'établissement/ }));
    }

    it('offers the transfer when the structure has its APE, explains it, and sends the choice', async () => {
      const api = mockApi()
        .get('/api/reference', { body: reference })
        .get('/api/structures', { body: structures([buildStructureSummary()]) })
        .get('/api/accounts/principal', { body: seat([paul]) })
        .post('/api/accounts', { status: 202, body: invited });
      renderWithRouter({ '/utilisateurs/nouveau': <UserCreatePage /> }, '/utilisateurs/nouveau');
      await chooseApeOfChenes();

      const choice = await screen.findByRole('group', {
        name: /Que devient l'administrateur principal actuel/,
      });
      expect(choice.textContent).toContain(
        'RÉSIDENCE LES CHÊNES (750000001) a déjà son administrateur principal (APE) : Paul Lefèvre (paul.lefevre@ehpad-chenes.fr).',
      );
      expect(choice.textContent).toContain("L'administrateur actuel en est informé par courriel");
      expect(
        within(choice)
          .getAllByRole('radio')
          .map((r) => (r as HTMLInputElement).value),
      ).toEqual(['USER', 'REVOKE']);
      expect(within(choice).getByText('Utilisateur de la structure')).toBeTruthy();
      expect(choice.textContent).toContain(
        "L'administrateur principal actuel devient utilisateur de la structure 750000001 (saisie, validation, lecture), sans administrer les comptes.",
      );
      const seatAsked = api.calls('GET', '/api/accounts/principal')[0]!;
      expect(Object.fromEntries(seatAsked.url.searchParams)).toEqual({ kind: 'ESMS', code: '750000001' });

      // A choice is required: nothing is sent without it.
      const submit = screen.getByRole('button', { name: "Transférer le rôle et envoyer l'invitation" });
      fireEvent.click(submit);
      expect(
        await within(choice).findByText("Choisissez ce que devient l'administrateur principal actuel."),
      ).toBeTruthy();
      expect(api.calls('POST', '/api/accounts')).toHaveLength(0);

      fireEvent.click(within(choice).getByRole('radio', { name: /Retrait de son habilitation/ }));
      fireEvent.click(submit);
      expect(await screen.findByRole('heading', { level: 2, name: 'Invitation envoyée' })).toBeTruthy();
      expect(api.calls('POST', '/api/accounts')[0]?.body).toMatchObject({
        grant: { organisation: { kind: 'ESMS', code: '750000001' }, role: 'APE' },
        transfer: { previous: 'REVOKE' },
      } satisfies Partial<CreateAccountRequest>);
    });

    it('says the seat is free and sends no transfer; a user grant asks nothing', async () => {
      const api = mockApi()
        .get('/api/reference', { body: reference })
        .get('/api/structures', { body: structures([buildStructureSummary()]) })
        .get('/api/accounts/principal', { body: seat([]) })
        .post('/api/accounts', { status: 202, body: invited });
      renderWithRouter({ '/utilisateurs/nouveau': <UserCreatePage /> }, '/utilisateurs/nouveau');
      await chooseApeOfChenes();

      expect(
        await screen.findByText(
          /n'a pas encore d'administrateur principal \(APE\) : la personne le deviendra/,
        ),
      ).toBeTruthy();
      expect(screen.queryByRole('group', { name: /Que devient/ })).toBeNull();
      fireEvent.click(screen.getByRole('radio', { name: /^Utilisateur/ }));
      expect(screen.queryByText(/la personne le deviendra/)).toBeNull();
      fireEvent.click(screen.getByRole('radio', { name: /Administrateur principal d'établissement/ }));
      fireEvent.click(screen.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }));
      await screen.findByRole('heading', { level: 2, name: 'Invitation envoyée' });
      expect(api.calls('POST', '/api/accounts')[0]?.body).not.toHaveProperty('transfer');
      // The seat is asked about the structure, never about a user grant.
      expect(
        api
          .calls('GET', '/api/accounts/principal')
          .every((c) => c.url.searchParams.get('code') === '750000001'),
      ).toBe(true);
    });

    it('shows the 409 of a seat taken meanwhile and then offers the choice: never a dead end', async () => {
      const message =
        "La structure 750000001 a déjà son administrateur principal (APE) : Paul Lefèvre. Il n'y en a qu'un par organisation : pour désigner cette personne, choisissez ce que devient l'actuel (utilisateur, ou retrait de son habilitation).";
      let taken = false;
      const api = mockApi()
        .get('/api/reference', { body: reference })
        .get('/api/structures', { body: structures([buildStructureSummary()]) })
        .get('/api/accounts/principal', () => ({ body: seat(taken ? [paul] : []) }))
        .post('/api/accounts', (request) => {
          if (!(request.body as CreateAccountRequest).transfer) {
            taken = true;
            return { status: 409, body: apiError(409, 'PRINCIPAL_HELD', message) };
          }
          return { status: 202, body: invited };
        });
      renderWithRouter({ '/utilisateurs/nouveau': <UserCreatePage /> }, '/utilisateurs/nouveau');
      await chooseApeOfChenes();
      await screen.findByText(/la personne le deviendra/);
      fireEvent.click(screen.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }));

      const alert = await screen.findByRole('alert');
      expect(within(alert).getByText('Cette organisation a déjà son administrateur principal')).toBeTruthy();
      expect(within(alert).getByText(message)).toBeTruthy();
      const choice = await screen.findByRole('group', {
        name: /Que devient l'administrateur principal actuel/,
      });
      fireEvent.click(within(choice).getByRole('radio', { name: /Utilisateur de la structure/ }));
      fireEvent.click(screen.getByRole('button', { name: "Transférer le rôle et envoyer l'invitation" }));
      await screen.findByRole('heading', { level: 2, name: 'Invitation envoyée' });
      expect(
        api.calls('POST', '/api/accounts').map((c) => (c.body as CreateAccountRequest).transfer),
      ).toEqual([undefined, { previous: 'USER' }]);
    });

    it('lets the API decide when the seat cannot be read (403): no choice, no blocking', async () => {
      const api = mockApi()
        .get('/api/reference', { body: reference })
        .get('/api/structures', { body: structures([buildStructureSummary()]) })
        .get('/api/accounts/principal', { status: 403, body: apiError(403, 'FORBIDDEN', 'Refusé.') })
        .post('/api/accounts', { status: 202, body: invited });
      renderWithRouter({ '/utilisateurs/nouveau': <UserCreatePage /> }, '/utilisateurs/nouveau');
      await chooseApeOfChenes();
      await waitFor(() => expect(api.calls('GET', '/api/accounts/principal')).toHaveLength(1));
      fireEvent.click(screen.getByRole('button', { name: "Créer le compte et envoyer l'invitation" }));
      await screen.findByRole('heading', { level: 2, name: 'Invitation envoyée' });
    });
  });
});
