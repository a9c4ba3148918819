import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { AuditEntry, Paginated } from '@tdb/contracts';
import { AuditPage } from './audit';
import { mockApi } from '@/testing/mock-api';
import { renderWithRouter } from '@/testing/render';

const entry: AuditEntry = {
  id: 'a1',
  at: '2026-11-23T10:15:00.000Z',
  actorId: 'u1',
  actorEmail: 'admin@tdb.localhost',
  action: 'account.created',
  targetType: 'account',
  targetId: 'u2',
  targetLabel: 'Claire Durand <claire.durand@ehpad-chenes.fr>',
  details: {},
  ipAddress: '10.0.0.1',
};

describe('audit page', () => {
  it('lists the entries (date, actor, action, target, address) page by page', async () => {
    const body: Paginated<AuditEntry> = { items: [entry], total: 120, page: 2, pageSize: 50 };
    const api = mockApi().get('/api/audit', { body });
    renderWithRouter({ '/journal': <AuditPage /> }, '/journal?page=2');

    const table = await screen.findByRole('table');
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByText('23 novembre 2026 à 11:15')).toBeTruthy();
    expect(within(row).getByText('admin@tdb.localhost')).toBeTruthy();
    expect(within(row).getByText('Création du compte')).toBeTruthy();
    expect(within(row).getByText('Claire Durand <claire.durand@ehpad-chenes.fr>')).toBeTruthy();
    expect(within(row).getByText('10.0.0.1')).toBeTruthy();
    expect(screen.getByRole('link', { name: '3' }).getAttribute('href')).toBe('/journal?page=3');
    expect(Object.fromEntries(api.calls('GET', '/api/audit')[0]!.url.searchParams)).toEqual({
      page: '2',
      pageSize: '50',
    });
  });

  it('says why an access was refused and how many sign-in attempts waited, with nobody behind an unknown address', async () => {
    const denied: AuditEntry = {
      ...entry,
      id: 'a2',
      action: 'access.denied',
      targetType: 'route',
      targetLabel: 'GET /api/audit',
      details: {
        message: 'Le journal d’audit est réservé à l’administrateur national.',
        notRecordedBefore: 3,
      },
    };
    const throttled: AuditEntry = {
      ...entry,
      id: 'a3',
      actorId: null,
      actorEmail: null,
      action: 'auth.login_throttled',
      targetType: 'email',
      targetLabel: 'inconnu@exemple.fr',
      details: { refusedAttempts: 4, blockedUntil: '2026-11-23T10:20:00.000Z' },
    };
    mockApi().get('/api/audit', { body: { items: [denied, throttled], total: 2, page: 1, pageSize: 50 } });
    renderWithRouter({ '/journal': <AuditPage /> }, '/journal');

    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(within(rows[1]!).getByText('Accès refusé')).toBeTruthy();
    expect(
      within(rows[1]!).getByText(
        'Le journal d’audit est réservé à l’administrateur national. (et 3 refus semblables non détaillés avant celui-ci)',
      ),
    ).toBeTruthy();
    expect(within(rows[2]!).getByText('Non connecté')).toBeTruthy();
    expect(within(rows[2]!).getByText('4 tentatives refusées pendant l’attente')).toBeTruthy();
  });
});
