import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { FaqEntryDto, SupportQuestionSummary, SupportThread } from '@tdb/contracts';
import { apiError, mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';
import { AskQuestionPage } from './ask';
import { FaqPage } from './faq';
import { QuestionPage } from './question';
import { QuestionsPage } from './questions';

const FINESS = '450000123';
const ape = buildAccount({
  grants: [
    buildGrant({
      role: 'APE',
      organisation: { kind: 'ESMS', code: FINESS },
      organisationLabel: 'EHPAD LE PARC',
    }),
  ],
});
const arsApr = buildAccount({
  grants: [buildGrant({ role: 'APR', organisation: { kind: 'ARS', code: '24' } })],
});

const question: SupportQuestionSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  campaignYear: 2026,
  finess: FINESS,
  structureName: 'EHPAD LE PARC',
  categoryCode: 'EHPAD',
  subject: 'Effectif au 31/12',
  pagePath: `/campagnes/2026/structures/${FINESS}`,
  itemCode: 'personnes_accompagnees_31_12',
  indicatorCode: null,
  status: 'NEW',
  authorities: [
    { kind: 'ARS', code: '24', name: 'ARS Centre-Val de Loire' },
    { kind: 'CD', code: '45', name: 'Département Loiret' },
  ],
  askedByName: 'Hélène Dupré',
  assignedToId: null,
  assignedToName: null,
  messageCount: 1,
  createdAt: '2026-05-04T08:00:00.000Z',
  firstAnsweredAt: null,
  updatedAt: '2026-05-04T08:00:00.000Z',
  version: 1,
  faqEntryId: null,
};
const asked = {
  id: 'm1',
  side: 'STRUCTURE' as const,
  authorName: 'Hélène Dupré',
  body: 'Faut-il compter l’hébergement temporaire ?',
  createdAt: '2026-05-04T08:00:00.000Z',
};
const threadPath = `/api/campaigns/2026/support/questions/${question.id}`;
const threadPage = { '/campagnes/:year/questions/:id': <QuestionPage /> };

describe('regional support pages', () => {
  it('asks a question prefilled with the page and the item, then opens its thread', async () => {
    const mock = mockApi()
      .get('/api/campaigns/2026/submissions', {
        body: { items: [{ finess: FINESS, name: 'EHPAD LE PARC' }], total: 1, page: 1, pageSize: 200 },
      })
      .post('/api/campaigns/2026/support/questions', () => ({
        status: 201,
        body: { question, messages: [asked], canPost: true, canManage: false } satisfies SupportThread,
      }))
      .get(threadPath, { body: { question, messages: [asked], canPost: true, canManage: false } });
    renderWithRouter(
      { '/campagnes/:year/questions/nouvelle': <AskQuestionPage />, ...threadPage },
      `/campagnes/2026/questions/nouvelle?page=${encodeURIComponent(`/campagnes/2026/structures/${FINESS}`)}&donnee=personnes_accompagnees_31_12`,
      { account: ape },
    );
    expect(await screen.findByText(/Structure concernée/)).toBeTruthy();
    expect(screen.getByText('Page : Formulaire de saisie')).toBeTruthy();
    expect(screen.getByText('Donnée : personnes_accompagnees_31_12')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer la question' }));
    expect(await screen.findByText('Donnez un objet d’au moins 3 caractères.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Objet'), { target: { value: 'Effectif au 31/12' } });
    fireEvent.change(screen.getByLabelText(/Votre question/), { target: { value: asked.body } });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer la question' }));
    expect(await screen.findByRole('heading', { level: 1, name: /Effectif au 31\/12/ })).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/support/questions')[0]?.body).toEqual({
      finess: FINESS,
      subject: 'Effectif au 31/12',
      body: asked.body,
      pagePath: `/campagnes/2026/structures/${FINESS}`,
      itemCode: 'personnes_accompagnees_31_12',
    });
    expect(screen.queryByRole('heading', { name: 'Traitement' })).toBeNull();
  });

  it('lets a referent answer, then publish the question anonymised in the FAQ', async () => {
    let thread: SupportThread = { question, messages: [asked], canPost: true, canManage: true };
    const mock = mockApi()
      .get(threadPath, () => ({ body: thread }))
      .get('/api/campaigns/2026/fiabilisation/controllers', {
        body: [
          {
            id: 'c1',
            name: 'Claire Contrôle',
            email: 'c@ars.test',
            organisationKind: 'ARS',
            organisationCode: '24',
            role: 'CONTROLLER',
          },
        ],
      })
      .post(`${threadPath}/messages`, () => {
        thread = {
          ...thread,
          question: { ...question, status: 'ANSWERED', version: 2 },
          messages: [
            asked,
            {
              id: 'm2',
              side: 'AUTHORITY',
              authorName: 'Anne Référente',
              body: 'Oui, si présentes au 31/12.',
              createdAt: '2026-05-05T08:00:00.000Z',
            },
          ],
        };
        return { status: 201, body: thread };
      })
      .post(`${threadPath}/faq`, () => ({
        status: 400,
        body: apiError(
          400,
          'VALIDATION_FAILED',
          'La FAQ est anonyme : le texte contient le nom de la structure : retirez-le.',
          [{ field: 'question', message: 'Le texte contient le nom de la structure : retirez-le.' }],
        ),
      }));
    renderWithRouter(threadPage, `/campagnes/2026/questions/${question.id}`, { account: arsApr });
    expect(await screen.findByRole('heading', { name: 'Traitement' })).toBeTruthy();
    expect(await screen.findByRole('option', { name: 'Claire Contrôle' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Votre réponse/), {
      target: { value: 'Oui, si présentes au 31/12.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    expect(await screen.findByText('Votre message a été ajouté au fil.')).toBeTruthy();
    expect(mock.calls('POST', `${threadPath}/messages`)[0]?.body).toEqual({
      body: 'Oui, si présentes au 31/12.',
      version: 1,
    });
    const form = screen.getByRole('form', { name: 'Publier dans la FAQ' });
    expect((within(form).getByLabelText('Question publiée') as HTMLTextAreaElement).value).toBe(asked.body);
    fireEvent.change(within(form).getByLabelText('Question publiée'), {
      target: { value: 'L’EHPAD Le Parc demande…' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Publier' }));
    expect(
      await within(form).findByText('Le texte contient le nom de la structure : retirez-le.'),
    ).toBeTruthy();
    expect(mock.calls('POST', `${threadPath}/faq`)[0]?.body).toMatchObject({ target: 'REGION' });
  });

  it('shows the queue with its follow-up to a referent, and « Mes questions » to a structure', async () => {
    mockApi()
      .get('/api/campaigns/2026/support/questions', {
        body: { items: [question], total: 1, page: 1, pageSize: 20 },
      })
      .get('/api/campaigns/2026/support/stats', {
        body: {
          campaignYear: 2026,
          rows: [
            {
              authority: { kind: 'ARS', code: '24', name: 'ARS Centre-Val de Loire' },
              total: 3,
              waiting: 1,
              open: 2,
              answered: 2,
              medianHoursToFirstAnswer: 5.5,
              meanHoursToFirstAnswer: 50,
            },
          ],
        },
      })
      .get('/api/reference', { body: { categories: [], regions: [], departments: [] } });
    const page = { '/campagnes/:year/questions': <QuestionsPage /> };
    const view = renderWithRouter(page, '/campagnes/2026/questions', { account: arsApr });
    expect(await screen.findByRole('heading', { level: 1, name: /Questions reçues/ })).toBeTruthy();
    const row = await screen.findByRole('row', { name: /ARS Centre-Val de Loire/ });
    expect(within(row).getByText('5,5 h')).toBeTruthy();
    expect(within(row).getByText('2,1 j')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Effectif au 31/12' })).toBeTruthy();
    view.unmount();
    renderWithRouter(page, '/campagnes/2026/questions', { account: ape });
    expect(await screen.findByRole('heading', { level: 1, name: /Mes questions/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Poser une question' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Suivi' })).toBeNull();
  });

  it('searches the FAQ and says when nothing matches', async () => {
    const entry: FaqEntryDto = {
      id: 'f1',
      campaignYear: 2026,
      level: 'REGION',
      regionCode: '24',
      regionName: 'Centre-Val de Loire',
      question: 'Faut-il compter l’hébergement temporaire ?',
      answer: 'Oui, lorsqu’elles sont présentes au 31 décembre.',
      itemCode: 'personnes_accompagnees_31_12',
      indicatorCode: null,
      categoryCode: 'EHPAD',
      proposedNational: false,
      publishedAt: '2026-05-06T08:00:00.000Z',
      authorityName: 'ARS Centre-Val de Loire',
      version: 1,
      canWithdraw: true,
    };
    const mock = mockApi()
      .get('/api/campaigns/2026/faq', (request) => ({
        body: request.url.searchParams.get('q') === 'piscine' ? [] : [entry],
      }))
      .delete('/api/campaigns/2026/faq/f1', { status: 204 });
    renderWithRouter({ '/campagnes/:year/faq': <FaqPage /> }, '/campagnes/2026/faq', { account: ape });
    expect(await screen.findByRole('button', { name: entry.question })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retirer de la FAQ' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer le retrait' }));
    await waitFor(() => expect(mock.calls('DELETE', '/api/campaigns/2026/faq/f1')).toHaveLength(1));
    expect(mock.calls('DELETE', '/api/campaigns/2026/faq/f1')[0]?.url.searchParams.get('version')).toBe('1');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'piscine' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Rechercher dans la FAQ' }));
    expect(await screen.findByText('Aucune question-réponse ne contient « piscine ».')).toBeTruthy();
    expect(mock.requests.at(-1)?.url.searchParams.get('q')).toBe('piscine');
  });
});
