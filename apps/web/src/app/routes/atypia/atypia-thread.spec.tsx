import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { AtypiaFlagDto, AtypiaTargetDto } from '@tdb/contracts';
import { AtypiaFlagPage } from './atypia-flag';
import { mockApi } from '@/testing/mock-api';
import { buildAccount, buildGrant } from '@/testing/fixtures';
import { buildAtypiaRow } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';

const controller = buildAccount({
  grants: [buildGrant({ role: 'CONTROLLER', organisation: { kind: 'ARS', code: '11' } })],
});
const structureUser = buildAccount({
  grants: [
    buildGrant({
      role: 'APE',
      organisation: { kind: 'ESMS', code: '750000001' },
      organisationLabel: 'RÉSIDENCE LES CHÊNES',
    }),
  ],
});

const first = buildAtypiaRow();
/** The flag's target as the API names it: French label, unit, value now (unchanged here). */
const target: AtypiaTargetDto = { label: 'Nombre de places installées', unit: 'places', currentValue: 120 };

const threadPath = `/api/campaigns/2026/atypia/${first.id}`;

type FlagAction = 'JUSTIFY' | 'COMMENT' | 'ACCEPT' | 'TO_CORRECT';
/** The API's `actions` of a thread: `allowed` ones, the others refused with `reason`. */
const flagActions = (allowed: FlagAction[], reason: (a: FlagAction) => string) =>
  (['JUSTIFY', 'COMMENT', 'ACCEPT', 'TO_CORRECT'] as const).map((action) =>
    allowed.includes(action)
      ? { action, allowed: true, reason: null }
      : { action, allowed: false, reason: reason(action) },
  );
const structureActions = flagActions(
  ['JUSTIFY'],
  () => "Seule l'autorité compétente décide d'un signalement.",
);
const reviewerActions = flagActions(
  ['COMMENT', 'ACCEPT', 'TO_CORRECT'],
  () => 'Seule la structure justifie.',
);
const threadPage = { '/campagnes/:year/atypies/:flagId': <AtypiaFlagPage /> };

describe('atypia thread', () => {
  it('lets the structure justify its value', async () => {
    let thread: unknown = {
      flag: first,
      target,
      messages: [],
      canJustify: true,
      canDecide: false,
      actions: structureActions,
    };
    const mock = mockApi()
      .get(threadPath, () => ({ body: thread }))
      .post(`${threadPath}/messages`, () => {
        thread = {
          flag: { ...first, status: 'JUSTIFIED', version: 3 },
          target,
          messages: [
            {
              id: 'm1',
              kind: 'JUSTIFICATION',
              decision: null,
              body: 'Extension de 40 places au 1er juillet.',
              authorName: 'Alice Dupont',
              at: '2026-06-03T09:00:00.000Z',
            },
          ],
          canJustify: true,
          canDecide: false,
          actions: structureActions,
        };
        return { body: thread };
      });
    renderWithRouter(threadPage, `/campagnes/2026/atypies/${first.id}`, { account: structureUser });

    expect(await screen.findByRole('heading', { name: 'Évolution du nombre de places' })).toBeTruthy();
    expect(screen.getByText(first.message)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accepter la valeur' })).toBeNull();
    fireEvent.change(screen.getByLabelText(/Votre justification/), {
      target: { value: 'Extension de 40 places au 1er juillet.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer la justification' }));
    expect(await screen.findByText('Votre message a été ajouté au fil.')).toBeTruthy();
    expect(screen.getByText(/Alice Dupont, le/)).toBeTruthy();
    expect(mock.calls('POST', `${threadPath}/messages`)[0]?.body).toEqual({
      body: 'Extension de 40 places au 1er juillet.',
      version: 2,
    });
  });

  it('lets a reviewer send the value back with a comment, and shows what changed since validation', async () => {
    const justified = { ...first, status: 'JUSTIFIED' as const, version: 3 };
    const mock = mockApi()
      .get(threadPath, {
        body: {
          flag: justified,
          target,
          messages: [
            {
              id: 'm1',
              kind: 'JUSTIFICATION',
              decision: null,
              body: 'Extension de 40 places.',
              authorName: 'Alice Dupont',
              at: '2026-06-03T09:00:00.000Z',
            },
          ],
          canJustify: false,
          canDecide: true,
          actions: reviewerActions,
        },
      })
      .get('/api/campaigns/2026/submissions/750000001/changes-since-validation', {
        body: {
          validatedAt: '2026-05-30T10:00:00.000Z',
          count: 1,
          changes: [
            {
              itemCode: 'nb_places',
              itemLabel: 'Nombre de places installées',
              oldValue: 80,
              newValue: 120,
              actorName: 'Alice Dupont',
              at: '2026-06-01T08:00:00.000Z',
            },
          ],
        },
      })
      .post('/api/campaigns/2026/atypia/decisions', {
        body: {
          decision: 'TO_CORRECT',
          flags: [{ ...justified, status: 'TO_CORRECT' }],
          invalidated: ['750000001'],
        },
      });
    renderWithRouter(threadPage, `/campagnes/2026/atypies/${first.id}`, { account: controller });

    expect(await screen.findByText('Extension de 40 places.')).toBeTruthy();
    expect(await screen.findByText(/1 valeur modifiée/)).toBeTruthy();
    const changes = screen.getByRole('list', { name: 'Valeurs modifiées depuis la validation' });
    expect(within(changes).getByText('Nombre de places installées')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Faire corriger' }));
    expect(screen.getByText('Le commentaire est obligatoire.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Commentaire \(obligatoire\)/), {
      target: { value: 'Les places ne sont pas encore autorisées.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Faire corriger' }));
    expect(await screen.findByText(/à corriger par la structure/)).toBeTruthy();
    expect(mock.calls('POST', '/api/campaigns/2026/atypia/decisions')[0]?.body).toEqual({
      flagIds: [first.id],
      decision: 'TO_CORRECT',
      comment: 'Les places ne sont pas encore autorisées.',
      versions: { [first.id]: 3 },
    });
  });

  it('does not offer "Faire corriger" when the submission cannot be sent back, and says why', async () => {
    const why =
      "La saisie ne peut pas être renvoyée à la structure : déjà confirmée par l'ARS : seul l'administrateur national peut annuler la confirmation.";
    mockApi()
      .get(threadPath, {
        body: {
          flag: first,
          target,
          messages: [],
          canJustify: false,
          canDecide: true,
          actions: flagActions(['COMMENT', 'ACCEPT'], (a) =>
            a === 'TO_CORRECT' ? why : 'Seule la structure justifie.',
          ),
        },
      })
      .get('/api/campaigns/2026/submissions/750000001/changes-since-validation', {
        body: { validatedAt: null, count: 0, changes: [] },
      });
    renderWithRouter(threadPage, `/campagnes/2026/atypies/${first.id}`, { account: controller });

    expect(await screen.findByRole('button', { name: 'Accepter la valeur' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Faire corriger' })).toBeNull();
    expect(screen.getByText(`« Faire corriger » : ${why}`)).toBeTruthy();
    expect(screen.queryByText(/Seule la structure justifie/)).toBeNull();
  });

  it('says why nobody acts on a resolved flag', async () => {
    const resolved = 'Le signalement est résolu : la règle ne se déclenche plus.';
    mockApi().get(threadPath, {
      body: {
        flag: { ...first, status: 'RESOLVED' },
        target,
        messages: [],
        canJustify: false,
        canDecide: false,
        actions: flagActions([], () => resolved),
      },
    });
    renderWithRouter(threadPage, `/campagnes/2026/atypies/${first.id}`, { account: structureUser });

    expect(
      await screen.findByText(
        `« Envoyer la justification », « Accepter la valeur », « Faire corriger » : ${resolved}`,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Envoyer la justification' })).toBeNull();
  });
});

/** The thread of `flag` as a reviewer opens it, nothing else on the page. */
function openThread(flag: Partial<AtypiaFlagDto>, flagTarget: AtypiaTargetDto) {
  mockApi()
    .get(threadPath, {
      body: {
        flag: { ...first, ...flag },
        target: flagTarget,
        messages: [],
        canJustify: false,
        canDecide: false,
        actions: flagActions([], () => 'Lecture seule.'),
      },
    })
    .get('/api/campaigns/2026/submissions/750000001/changes-since-validation', {
      body: { validatedAt: null, count: 0, changes: [] },
    });
  renderWithRouter(threadPage, `/campagnes/2026/atypies/${first.id}`, { account: controller });
}

/** The "Chiffres" panel as label → value. */
async function figures(): Promise<Record<string, string>> {
  const panel = await screen.findByRole('region', { name: 'Chiffres' });
  const out: Record<string, string> = {};
  for (const row of within(panel).getAllByRole('term')) {
    out[row.textContent ?? ''] = row.nextElementSibling?.textContent ?? '';
  }
  return out;
}

describe('atypia thread: the figures in French', () => {
  it('names the data item and prints a year-over-year change with its unit, no raw key', async () => {
    openThread(
      {
        kind: 'year_over_year',
        targetCode: 'depenses_realisees',
        value: 2400000,
        reference: { previous: 1200000, change: 'relative', delta: 1, ratio: 2 },
      },
      { label: 'Dépenses réalisées', unit: '€', currentValue: 2400000 },
    );
    const shown = await figures();
    expect(shown).toMatchObject({
      Donnée: 'Dépenses réalisées (depenses_realisees)',
      'Valeur signalée': '2\u202f400\u202f000\u00a0€',
      'Valeur de la campagne précédente': '1\u202f200\u202f000\u00a0€',
      Évolution: '+100\u00a0%',
      'Rapport à la campagne précédente': '×\u00a02',
    });
    const text = screen.getByRole('region', { name: 'Chiffres' }).textContent ?? '';
    for (const raw of ['delta', 'ratio', 'relative', 'previous', '{']) expect(text).not.toContain(raw);
    expect(screen.getByText(/Valeur actuelle de « Dépenses réalisées »/).textContent).not.toMatch(/corrigée/);
  });

  it('says the current value at the top once the structure corrected it', async () => {
    openThread(
      {
        kind: 'bounds',
        targetKind: 'indicator',
        targetCode: 'P15',
        value: 140,
        reference: { max: 105, bound: 105 },
      },
      { label: "Taux d'occupation", unit: '%', currentValue: 97.5 },
    );
    const line = await screen.findByText(/Valeur actuelle de « Taux d'occupation »/);
    expect(line.textContent).toBe(
      "Valeur actuelle de « Taux d'occupation » : 97,5\u00a0% — corrigée depuis le signalement, qui portait sur 140,0\u00a0%.",
    );
    expect(await figures()).toMatchObject({
      Indicateur: "Taux d'occupation (P15)",
      'Maximum attendu': '105,0\u00a0%',
    });
  });

  it('words a coherence check and a comparison with peers', async () => {
    openThread(
      {
        kind: 'coherence',
        reference: { left: 12, right: 10, operator: '<=', gap: 2, tolerance: 0 },
      },
      { label: 'ETP vacants', unit: 'ETP', currentValue: 12 },
    );
    expect(await figures()).toMatchObject({
      'Premier terme': '12\u00a0ETP',
      'Second terme': '10\u00a0ETP',
      Attendu: 'premier terme ≤ second terme',
      Écart: '+2\u00a0ETP',
    });
  });

  it('words the peer group, the side and the quartiles', async () => {
    openThread(
      {
        kind: 'peer_outlier',
        targetKind: 'indicator',
        targetCode: 'R04',
        value: 31,
        reference: {
          ruleCode: 'ATP02',
          categoryCode: 'EHPAD',
          level: 'department',
          territoryCode: '18',
          n: 42,
          sufficient: true,
          min: 2,
          q1: 8,
          median: 11,
          q3: 14,
          max: 31,
          upperBound: 23,
          side: 'high',
          bound: 23,
          yearOverYear: { previous: 12, relativeChange: 1.5833 },
        },
      },
      { label: 'Taux d’absentéisme', unit: '%', currentValue: 31 },
    );
    const shown = await figures();
    expect(shown).toMatchObject({
      'Comparée aux structures': '42 EHPAD du département Cher (18)',
      Position: 'Au-dessus de la borne haute',
      'Borne haute': '23,0\u00a0%',
      'Médiane des pairs': '11,0\u00a0%',
      'Valeur de la campagne précédente': '12,0\u00a0%',
      'Évolution depuis la campagne précédente': '+158,3\u00a0%',
    });
    const text = screen.getByRole('region', { name: 'Chiffres' }).textContent ?? '';
    for (const raw of ['side', 'level', 'ATP02', 'sufficient', 'yearOverYear', 'department']) {
      expect(text).not.toContain(raw);
    }
  });
});
