import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { CampaignMailing, MailingPreview } from '@tdb/contracts';
import { CommunicationPage } from './communication';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant, reference } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

const preview: MailingPreview = {
  subject: 'Lancement de la campagne {annee}',
  body: 'La collecte de {structure} est ouverte du {date_debut} au {date_limite}.',
  sample: { to: 'ape@chenes.fr', subject: 'Lancement de la campagne 2026', body: 'La collecte…' },
  structures: 5,
  recipients: 6,
  withoutRecipient: 0,
};

const mailing: CampaignMailing = {
  id: 'm1',
  campaignYear: 2026,
  kind: 'REMINDER',
  organisationKind: 'CD',
  organisationCode: '75',
  organisationName: 'Conseil départemental de Paris',
  subject: 'Relance TDB 2026',
  body: 'Bonjour…',
  recipients: 4,
  structures: 3,
  sentBy: 'Camille Martin',
  sentAt: '2026-05-02T08:00:00.000Z',
};

const apr = buildAccount({
  grants: [
    buildGrant({ role: 'APR', organisation: { kind: 'CD', code: '75' }, organisationLabel: 'CD de Paris' }),
  ],
});

describe('communication page', () => {
  it('sends the launch email after preview and confirmation, and lists the mailings sent', async () => {
    const mock = mockApi()
      .get('/api/reference', { body: reference })
      .get('/api/campaigns/2026/mailings', { body: [mailing] })
      .post('/api/campaigns/2026/launch-email/preview', { body: preview })
      .post('/api/campaigns/2026/launch-email', {
        status: 201,
        body: { structures: 5, recipients: 6, withoutRecipient: 0 },
      });
    renderWithRouter(
      { '/campagnes/:year/communication': <CommunicationPage /> },
      '/campagnes/2026/communication',
      {
        account: apr,
      },
    );

    const history = await screen.findByRole('table', { name: 'Historique des envois' });
    expect(within(history).getByText('Relance TDB 2026')).toBeTruthy();
    expect(within(history).getByText('Conseil départemental de Paris')).toBeTruthy();

    const section = screen.getByRole('region', { name: 'Courriel de lancement' });
    fireEvent.click(await within(section).findByRole('button', { name: 'Envoyer le courriel de lancement' }));
    fireEvent.click(within(section).getByRole('button', { name: "Confirmer l'envoi" }));
    expect(await within(section).findByText('Courriel de lancement envoyé')).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/launch-email')[0]?.body).toEqual({
      organisation: { kind: 'CD', code: '75' },
      subject: preview.subject,
      body: preview.body,
    });
  });

  it('is refused to a reader', () => {
    mockApi();
    renderWithRouter(
      { '/campagnes/:year/communication': <CommunicationPage /> },
      '/campagnes/2026/communication',
      {
        account: buildAccount({
          grants: [buildGrant({ role: 'READER', organisation: { kind: 'CD', code: '75' } })],
        }),
      },
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
  });
});
