import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Paginated, StructureSummary } from '@tdb/contracts';
import { StructuresSearchPage } from './structures-search';
import { mockApi, apiError } from '@/testing/mock-api';
import { buildAccount, buildGrant, buildStructureSummary, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

function page(items: StructureSummary[], total = items.length, pageNumber = 1): Paginated<StructureSummary> {
  return { items, total, page: pageNumber, pageSize: 20 };
}

const chenes = buildStructureSummary();
const lilas = buildStructureSummary({
  finess: '920000002',
  name: 'IME LES LILAS',
  categoryCode: 'IME',
  categoryLabel: 'IME',
  departmentCode: '92',
  departmentName: 'Hauts-de-Seine',
  competence: 'ARS',
  city: 'NANTERRE',
  ogFiness: '920000020',
  ogName: 'FONDATION DES LILAS',
});

function renderSearch(url = '/structures') {
  return renderWithRouter(
    { '/structures': <StructuresSearchPage />, '/structures/:finess': <p>Fiche</p> },
    url,
  );
}

const location = () => screen.getByTestId('location').textContent ?? '';
/** Intl fr-FR groups thousands with a narrow no-break space. */
const normalise = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

describe('structures search page', () => {
  it('lists the structures the API returns, with the total in French and links to their pages', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([chenes, lilas], 1254) });

    renderSearch();

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('750000001')).toBeTruthy();
    expect(first.getByRole('link', { name: 'RÉSIDENCE LES CHÊNES' }).getAttribute('href')).toBe(
      '/structures/750000001',
    );
    expect(first.getByText('75 – Paris')).toBeTruthy();
    expect(first.getByText('PARIS 12E ARRONDISSEMENT')).toBeTruthy();
    expect(first.getByRole('link', { name: 'ASSOCIATION LES AMIS DES CHÊNES' }).getAttribute('href')).toBe(
      '/organisations/750000010',
    );
    expect(within(rows[1]!).getByText('IME')).toBeTruthy();

    expect(normalise(screen.getByRole('heading', { level: 2, name: /structures$/ }).textContent)).toBe(
      '1 254 structures',
    );
    // 1 254 results at 20 a page: a pagination up to page 63.
    expect(screen.getByRole('link', { name: '63' }).getAttribute('href')).toBe('/structures?page=63');

    const request = api.calls('GET', '/api/structures')[0]!;
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ page: '1', pageSize: '20', sort: 'name' });
  });

  it('reads the search from the URL and sends it to the API', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([chenes]) });

    renderSearch(
      '/structures?q=chenes&category=EHPAD,IME&region=11&department=75&competence=SHARED&sort=-name&page=2',
    );

    await screen.findByRole('table');
    const params = api.calls('GET', '/api/structures')[0]!.url.searchParams;
    expect(params.get('q')).toBe('chenes');
    expect(params.get('category')).toBe('EHPAD,IME');
    expect(params.get('region')).toBe('11');
    expect(params.get('department')).toBe('75');
    expect(params.get('competence')).toBe('SHARED');
    expect(params.get('sort')).toBe('-name');
    expect(params.get('page')).toBe('2');

    expect((screen.getByRole('searchbox', { name: /Nom ou numéro FINESS/ }) as HTMLInputElement).value).toBe(
      'chenes',
    );
    await waitFor(() =>
      expect((screen.getByRole('combobox', { name: 'Région' }) as HTMLSelectElement).value).toBe('11'),
    );
    expect((screen.getByRole('checkbox', { name: /^EHPAD/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Conjointe' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'ARS seule' }) as HTMLInputElement).checked).toBe(false);
  });

  it('writes the typed text to the URL after a pause, back to page 1, and follows the back button', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', ({ url }) => ({
        body: url.searchParams.get('q') === 'lilas' ? page([lilas]) : page([chenes, lilas], 2),
      }));

    const { router } = renderSearch('/structures?region=11&page=3');
    await screen.findByRole('link', { name: 'RÉSIDENCE LES CHÊNES' });

    const input = screen.getByRole('searchbox', { name: /Nom ou numéro FINESS/ });
    fireEvent.change(input, { target: { value: 'li' } });
    fireEvent.change(input, { target: { value: 'lilas' } });
    // Debounced: nothing is sent while typing.
    expect(location()).toBe('/structures?region=11&page=3');

    await waitFor(() => expect(location()).toBe('/structures?q=lilas&region=11'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'RÉSIDENCE LES CHÊNES' })).toBeNull());
    expect(screen.getByRole('link', { name: 'IME LES LILAS' })).toBeTruthy();
    const sentQueries = api.calls('GET', '/api/structures').map((r) => r.url.searchParams.get('q'));
    expect(sentQueries).not.toContain('li');
    expect(sentQueries.at(-1)).toBe('lilas');

    // A filter change is a new history entry; going back restores the previous search, text included.
    fireEvent.click(screen.getByRole('checkbox', { name: 'ARS seule' }));
    await waitFor(() => expect(location()).toBe('/structures?q=lilas&region=11&competence=ARS'));
    fireEvent.change(input, { target: { value: 'chenes' } });
    await waitFor(() => expect(location()).toBe('/structures?q=chenes&region=11&competence=ARS'));

    await act(() => router.navigate(-1));
    expect(location()).toBe('/structures?q=lilas&region=11');
    await waitFor(() =>
      expect(
        (screen.getByRole('searchbox', { name: /Nom ou numéro FINESS/ }) as HTMLInputElement).value,
      ).toBe('lilas'),
    );
  });

  it('submits at once on Enter', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([chenes]) });
    renderSearch();
    await screen.findByRole('table');

    const input = screen.getByRole('searchbox', { name: /Nom ou numéro FINESS/ });
    fireEvent.change(input, { target: { value: '750000001' } });
    fireEvent.submit(screen.getByRole('search'));
    expect(location()).toBe('/structures?q=750000001');
  });

  it('shows the empty state when nothing matches', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([], 0) });

    renderSearch('/structures?q=introuvable');

    expect(await screen.findByText('Aucune structure ne correspond à votre recherche')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Réinitialiser la recherche' }));
    await waitFor(() => expect(location()).toBe('/structures'));
  });

  it('leads an authority that typed a FINESS number it does not list to the registry record, to correct it', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([], 0) });
    const arsController = buildAccount({
      grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
    });
    renderWithRouter(
      { '/structures': <StructuresSearchPage />, '/structures/:finess': <p>Fiche</p> },
      '/structures?q=750000027',
      { account: arsController },
    );
    const link = await screen.findByRole('link', {
      name: 'ouvrir la fiche FINESS 750000027 pour en corriger la catégorie',
    });
    expect(link.getAttribute('href')).toBe('/structures/750000027');
  });

  it('does not offer the registry record when the search is a name', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([], 0) });
    renderSearch('/structures?q=introuvable');
    expect(await screen.findByText('Aucune structure ne correspond à votre recherche')).toBeTruthy();
    expect(screen.queryByText(/ouvrir la fiche FINESS/)).toBeNull();
  });

  it("shows the API's message when the search fails", async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', {
        status: 400,
        body: apiError(
          400,
          'VALIDATION_FAILED',
          'Le paramètre « sort » doit valoir name, finess, category ou department.',
        ),
      });

    renderSearch();

    expect(
      await screen.findByText('Le paramètre « sort » doit valoir name, finess, category ou department.'),
    ).toBeTruthy();
    expect(screen.getByText("La recherche n'a pas abouti")).toBeTruthy();
  });

  it('sorts by a column header, then reverses it', async () => {
    const api = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([chenes, lilas]) });
    renderSearch('/structures?page=2');
    await screen.findByRole('table');

    const nameHeader = screen.getByRole('columnheader', { name: /^Nom/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(nameHeader).getByRole('button'));
    await waitFor(() => expect(location()).toBe('/structures?sort=-name'));
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: /^Nom/ }).getAttribute('aria-sort')).toBe('descending'),
    );

    fireEvent.click(within(screen.getByRole('columnheader', { name: /^Département/ })).getByRole('button'));
    await waitFor(() => expect(location()).toBe('/structures?sort=department'));
    await waitFor(() =>
      expect(api.calls('GET', '/api/structures').at(-1)!.url.searchParams.get('sort')).toBe('department'),
    );
  });

  it('narrows the departments to the chosen region', async () => {
    mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/structures', { body: page([chenes]) });
    renderSearch('/structures?department=75');
    await screen.findByRole('table');

    const departments = () =>
      within(screen.getByRole('combobox', { name: /^Département/ }))
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value);
    await waitFor(() => expect(departments()).toEqual(['', '75', '92', '2A']));

    fireEvent.change(screen.getByRole('combobox', { name: 'Région' }), { target: { value: '94' } });
    await waitFor(() => expect(location()).toBe('/structures?region=94'));
    expect(departments()).toEqual(['', '2A']);
  });
});
