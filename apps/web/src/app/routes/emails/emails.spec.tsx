import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { SentEmail } from '@tdb/contracts';
import { EmailsPage } from './emails';
import { RequireAuth } from '../../require-auth';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const invitation: SentEmail = {
  id: 'e1',
  to: 'claire.durand@ehpad-chenes.fr',
  subject: 'Votre compte sur le tableau de bord de la performance',
  text: 'Bonjour Claire,\n\nUn compte a été créé pour vous. Choisissez votre mot de passe ici : http://localhost:3000/invitation?jeton=abc123.\n\nCe lien expire dans 7 jours.',
  createdAt: '2026-11-23T10:15:00.000Z',
  status: 'stored',
};
const reset: SentEmail = {
  id: 'e2',
  to: 'paul.leroy@ars.sante.fr',
  subject: 'Réinitialisation de votre mot de passe',
  text: 'Bonjour Paul,\nhttps://tdb.example.fr/reinitialiser-mot-de-passe?jeton=xyz',
  createdAt: '2026-11-22T08:00:00.000Z',
  status: 'sent',
};

const route = (page = <EmailsPage />) => ({
  '/courriels': <RequireAuth permission="canReadEmails">{page}</RequireAuth>,
});

describe('sent e-mails page', () => {
  it('lists the e-mails (date, recipient, subject, status) and opens one with clickable links', async () => {
    mockApi().get('/api/emails', { body: [invitation, reset] });
    renderWithRouter(route(), '/courriels');

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('23 novembre 2026 à 11:15')).toBeTruthy();
    expect(within(rows[0]!).getByText('claire.durand@ehpad-chenes.fr')).toBeTruthy();
    expect(within(rows[0]!).getByText('Enregistré (non envoyé)')).toBeTruthy();
    expect(within(rows[1]!).getByText('Envoyé')).toBeTruthy();

    fireEvent.click(within(rows[0]!).getByRole('link', { name: invitation.subject }));

    const reader = await screen.findByRole('region', { name: invitation.subject });
    expect(screen.getByTestId('location').textContent).toBe('/courriels?courriel=e1');
    const link = within(reader).getByRole('link', { name: 'http://localhost:3000/invitation?jeton=abc123' });
    // The full stop after the address is not part of the link.
    expect(link.getAttribute('href')).toBe('http://localhost:3000/invitation?jeton=abc123');
    expect(reader.textContent).toContain('Ce lien expire dans 7 jours.');
    expect(document.activeElement).toBe(within(reader).getByRole('heading', { name: invitation.subject }));

    fireEvent.click(within(reader).getByRole('button', { name: 'Fermer le courriel' }));
    expect(screen.queryByRole('region', { name: invitation.subject })).toBeNull();
  });

  it('says when there is none', async () => {
    mockApi().get('/api/emails', { body: [] });
    renderWithRouter(route(), '/courriels');
    expect(await screen.findByText("La plateforme n'a encore envoyé aucun courriel.")).toBeTruthy();
  });

  it('is reserved to the national administrator', async () => {
    const api = mockApi().get('/api/emails', { body: [] });
    const apr = buildAccount({
      grants: [buildGrant({ role: 'APR', organisation: { kind: 'ARS', code: '11' } })],
    });
    renderWithRouter(route(), '/courriels', { account: apr });
    expect(await screen.findByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
    expect(api.calls('GET', '/api/emails')).toHaveLength(0);
  });
});
