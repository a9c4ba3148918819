import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { SubmissionPage } from './submission';
import { mockApi } from '@/testing/mock-api';
import { buildSubmissionDetail, dictionary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

describe('submission form: the help of each item', () => {
  it('says the unit, bounds and counting, and links the indicators of the structure’s category', async () => {
    mockApi()
      .get('/api/campaigns/2026/dictionary', { body: dictionary })
      .get('/api/campaigns/2026/submissions/750000001', { body: buildSubmissionDetail() });
    renderWithRouter(
      { '/campagnes/:year/structures/:finess': <SubmissionPage /> },
      '/campagnes/2026/structures/750000001',
    );
    const help = await screen.findByRole('button', { name: 'Aide sur « Nombre de places installées »' });
    const panel = document.getElementById(help.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(panel.hidden).toBe(true);
    fireEvent.click(help);
    expect(panel.hidden).toBe(false);
    expect(within(panel).getByText('Saisie : Nombre entier')).toBeTruthy();
    expect(within(panel).getByText('Valeurs admises : De 0 à 1 000 places')).toBeTruthy();
    expect(within(panel).getByText('Comptage : Au 31 décembre.')).toBeTruthy();
    // An EHPAD: P15 applies, P01 (IME only) does not.
    expect(
      within(panel)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/indicateurs/P15?annee=2026']);

    // An item no indicator reads says so.
    fireEvent.click(screen.getByRole('link', { name: /Prestations de soins/ }));
    fireEvent.click(await screen.findByRole('button', { name: "Aide sur « Taux d'occupation »" }));
    expect(screen.getByText('Aucun indicateur du guide ne lit cette donnée.')).toBeTruthy();
    expect(screen.getByText('Valeurs admises : De 0 à 100 %')).toBeTruthy();
  });
});
