import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import {
  QUALITATIVE_AXES,
  comparePractices,
  peerShare,
  practiceAnswer,
  practiceCode,
  practiceItems,
  practiceRule,
  type PracticeItem,
  type PracticePeerCount,
} from './practices';

const dictionary = getDictionary(2026);
const yesNo: PracticeItem = { code: 'si_dpo', label: 'DPO', type: 'boolean', ogLevel: true };
const dated: PracticeItem = { code: 'livret_accueil_date', label: 'Livret', type: 'date', ogLevel: false };
const o04 = practiceItems(QUALITATIVE_AXES[0]!, dictionary);
const accounting = o04.find((i) => i.code === 'si_outil_comptabilite')!;
const hrModules = o04.find((i) => i.code === 'si_rh_modules')!;
const CHOICES = ['logiciel_dedie', 'module_progiciel', 'tableur', 'aucun'];

describe('qualitative axes data', () => {
  it('defines O04, O05 and O06, each practice an item of the 2026 dictionary of the type it reads', () => {
    expect(QUALITATIVE_AXES.map((a) => a.code)).toEqual(['O04', 'O05', 'O06']);
    const byCode = new Map(dictionary.items.map((i) => [i.code, i]));
    for (const axis of QUALITATIVE_AXES) {
      const codes = axis.practices.map(practiceCode);
      expect(practiceItems(axis, dictionary).map((i) => i.code)).toEqual(codes);
      expect(new Set(codes).size).toBe(codes.length);
      for (const practice of axis.practices) {
        if (typeof practice === 'string') continue;
        const item = byCode.get(practice.item)!;
        if ('heldChoices' in practice) {
          // Every held choice is one of the item's, and some choice is not held.
          const choices = item.choices!.map((c) => c.code);
          expect(practice.heldChoices.filter((c) => !choices.includes(c))).toEqual([]);
          expect(choices.length).toBeGreaterThan(practice.heldChoices.length);
        } else {
          expect(practice.threshold).toBeGreaterThan(item.min ?? -Infinity);
          expect(practice.threshold).toBeLessThanOrEqual(item.max ?? Infinity);
        }
      }
    }
  });

  it('reads O04’s functional coverage: each tool covered by software, and the HR modules', () => {
    expect(o04.slice(0, 6).map((i) => [i.code, i.type])).toEqual([
      ['si_outil_comptabilite', 'choice'],
      ['si_outil_pilotage', 'choice'],
      ['si_rh_modules', 'integer'],
      ['si_outil_stocks', 'choice'],
      ['si_outil_facturation', 'choice'],
      ['si_outil_dossier_usager', 'choice'],
    ]);
    expect(accounting).toMatchObject({
      label: 'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
      heldChoices: ['logiciel_dedie', 'module_progiciel'],
      ogLevel: false,
    });
    expect(hrModules).toEqual({
      code: 'si_rh_modules',
      label: 'SI RH couvrant au moins un module',
      type: 'integer',
      threshold: 1,
      unit: 'modules',
      max: 9,
      ogLevel: false,
    });
  });

  it('says why the SI budget amounts are not practices, keeping the identified budget', () => {
    const axis = QUALITATIVE_AXES[0]!;
    expect(axis.meaning).toMatch(/montants du budget du système d’information[^.]*ne sont pas comparés/);
    const codes = axis.practices.map(practiceCode);
    expect(codes).toContain('si_budget_identifie');
    expect(codes).not.toContain('si_budget_exploitation');
    expect(codes).not.toContain('si_budget_investissement');
  });

  it('reads labels, types and OG level from the dictionary', () => {
    const o05 = practiceItems(QUALITATIVE_AXES[1]!, dictionary);
    expect(o05[0]).toEqual({
      code: 'dd_integration_enjeux',
      label: 'Intégration des enjeux du développement durable',
      type: 'boolean',
      ogLevel: false,
    });
    const o04 = practiceItems(QUALITATIVE_AXES[0]!, dictionary);
    expect(o04.find((i) => i.code === 'si_dpo')?.ogLevel).toBe(true);
    const o06 = practiceItems(QUALITATIVE_AXES[2]!, dictionary);
    expect(o06.find((i) => i.code === 'projet_etablissement_date')?.type).toBe('date');
  });

  it('leaves out unknown items and items of other categories', () => {
    const axis = { code: 'X', label: 'X', meaning: '', practices: ['nope', 'date_construction_renovation'] };
    // date_construction_renovation applies to EHPAD, not to SSIAD.
    expect(practiceItems(axis, dictionary, 'SSIAD')).toEqual([]);
    expect(practiceItems(axis, dictionary, 'EHPAD').map((i) => i.code)).toEqual([
      'date_construction_renovation',
    ]);
  });

  it('leaves out an item of another type than the practice reads, and held choices the item lacks', () => {
    const axis = {
      code: 'X',
      label: 'X',
      meaning: '',
      practices: [
        'si_outil_comptabilite',
        { item: 'si_dpo', label: 'DPO', heldChoices: ['oui'] },
        { item: 'si_outil_stocks', label: 'Stocks', threshold: 1 },
        { item: 'si_outil_pilotage', label: 'Pilotage', heldChoices: ['tableur', 'excel'] },
      ],
    };
    const items = practiceItems(axis, dictionary);
    expect(items.map((i) => i.code)).toEqual(['si_outil_pilotage']);
    expect(items[0]).toMatchObject({ type: 'choice', heldChoices: ['tableur'] });
  });

  it('says in French how each practice is read', () => {
    expect(practiceRule(yesNo)).toBe('oui / non');
    expect(practiceRule(dated)).toBe('date (en place quand une date est saisie)');
    expect(practiceRule(accounting)).toBe(
      "choix (en place pour «\u00a0Logiciel dédié\u00a0» ou «\u00a0Module d'un progiciel intégré\u00a0» ; " +
        'pas pour «\u00a0Tableur / bureautique\u00a0» ou «\u00a0Aucun outil\u00a0»)',
    );
    expect(practiceRule(hrModules)).toBe('nombre de modules sur 9 (en place à partir de 1 module)');
  });
});

describe('practiceAnswer', () => {
  it('says Oui, Non or Non renseigné for a yes/no practice', () => {
    expect(practiceAnswer(yesNo, true)).toEqual({ held: true, date: null, label: 'Oui' });
    expect(practiceAnswer(yesNo, false)).toEqual({ held: false, date: null, label: 'Non' });
    expect(practiceAnswer(yesNo, undefined)).toEqual({ held: null, date: null, label: 'Non renseigné' });
    expect(practiceAnswer(yesNo, 'true').held).toBeNull();
  });

  it('gives the date in French for a dated practice', () => {
    expect(practiceAnswer(dated, '2024-03-12')).toEqual({
      held: true,
      date: '2024-03-12',
      label: '12/03/2024',
    });
    expect(practiceAnswer(dated, '')).toEqual({ held: null, date: null, label: 'Non renseigné' });
    expect(practiceAnswer(dated, 12).held).toBeNull();
  });

  it('gives the choice entered, held when it is software', () => {
    expect(practiceAnswer(accounting, 'logiciel_dedie')).toEqual({
      held: true,
      date: null,
      label: 'Logiciel dédié',
    });
    expect(practiceAnswer(accounting, 'module_progiciel')).toMatchObject({
      held: true,
      label: "Module d'un progiciel intégré",
    });
    expect(practiceAnswer(accounting, 'tableur')).toEqual({
      held: false,
      date: null,
      label: 'Tableur / bureautique',
    });
    expect(practiceAnswer(accounting, 'aucun')).toMatchObject({ held: false, label: 'Aucun outil' });
    // Not one of the item's choices: not an answer.
    for (const value of [undefined, '', 'excel', true, 1]) {
      expect(practiceAnswer(accounting, value)).toEqual({ held: null, date: null, label: 'Non renseigné' });
    }
  });

  it('gives the number of HR modules out of 9, held from one', () => {
    expect(practiceAnswer(hrModules, 5)).toEqual({ held: true, date: null, label: '5 modules sur 9' });
    expect(practiceAnswer(hrModules, 1)).toEqual({ held: true, date: null, label: '1 module sur 9' });
    expect(practiceAnswer(hrModules, 0)).toEqual({ held: false, date: null, label: '0 module sur 9' });
    for (const value of [undefined, '5', Number.NaN, false]) {
      expect(practiceAnswer(hrModules, value).held).toBeNull();
    }
  });

  it('holds a choice exactly when it is a held one, a number exactly from the threshold', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHOICES), (code) => {
        const answer = practiceAnswer(accounting, code);
        return (
          answer.held === (code === 'logiciel_dedie' || code === 'module_progiciel') &&
          !CHOICES.includes(answer.label)
        );
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), (n) => {
        const answer = practiceAnswer(hrModules, n);
        return (
          answer.held === n >= 1 && answer.label.startsWith(`${n} module`) && answer.label.endsWith(' sur 9')
        );
      }),
    );
  });
});

describe('peerShare', () => {
  it('gives the share of peers having the practice, to a tenth of a point', () => {
    expect(peerShare({ level: 'NATION', territoryCode: 'FR', answered: 3, held: 1 }, 3)).toEqual({
      level: 'NATION',
      territoryCode: 'FR',
      suppressed: false,
      n: 3,
      share: 33.3,
    });
    expect(peerShare({ level: 'REGION', territoryCode: '24', answered: 8, held: 5 }).share).toBe(62.5);
  });

  it('shows nothing for a group under 5 peers', () => {
    expect(peerShare({ level: 'DEPARTMENT', territoryCode: '45', answered: 4, held: 4 })).toEqual({
      level: 'DEPARTMENT',
      territoryCode: '45',
      suppressed: true,
      n: null,
      share: null,
    });
    expect(peerShare({ level: 'DEPARTMENT', territoryCode: '45', answered: 5, held: 0 }).share).toBe(0);
  });

  it('holds for any counts: suppressed exactly under 5, share within 0–100', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), (answered, heldRaw) => {
        const held = Math.min(heldRaw, answered);
        const s = peerShare({ level: 'NATION', territoryCode: 'FR', answered, held });
        if (answered < 5) return s.suppressed && s.n === null && s.share === null;
        return (
          !s.suppressed &&
          s.n === answered &&
          s.share !== null &&
          s.share >= 0 &&
          s.share <= 100 &&
          Math.abs(s.share - (held / answered) * 100) <= 0.05 + 1e-9
        );
      }),
    );
  });
});

describe('comparePractices', () => {
  const counts = new Map<string, PracticePeerCount[]>([
    [
      'si_dpo',
      [
        { level: 'NATION', territoryCode: 'FR', answered: 10, held: 4 },
        { level: 'DEPARTMENT', territoryCode: '45', answered: 2, held: 2 },
      ],
    ],
  ]);

  it('puts each answer beside the peers’ shares, in the items’ order', () => {
    const rows = comparePractices(
      [yesNo, dated],
      { si_dpo: true, livret_accueil_date: '2023-01-05' },
      counts,
    );
    expect(rows.map((r) => [r.code, r.answer.label])).toEqual([
      ['si_dpo', 'Oui'],
      ['livret_accueil_date', '05/01/2023'],
    ]);
    expect(rows[0]!.peers).toEqual([
      { level: 'NATION', territoryCode: 'FR', suppressed: false, n: 10, share: 40 },
      { level: 'DEPARTMENT', territoryCode: '45', suppressed: true, n: null, share: null },
    ]);
    expect(rows[1]!.peers).toEqual([]);
  });

  it('gives no peer at all when peers are not shown', () => {
    const rows = comparePractices([yesNo], { si_dpo: false }, null);
    expect(rows[0]).toMatchObject({ answer: { label: 'Non' }, peers: null });
  });

  it('compares choice and integer practices with the same small-group rule', () => {
    const rows = comparePractices(
      [accounting, hrModules],
      { si_outil_comptabilite: 'tableur', si_rh_modules: 3 },
      new Map([
        [
          'si_outil_comptabilite',
          [
            { level: 'NATION', territoryCode: 'FR', answered: 8, held: 6 },
            { level: 'REGION', territoryCode: '24', answered: 4, held: 3 },
          ],
        ],
        ['si_rh_modules', [{ level: 'NATION', territoryCode: 'FR', answered: 5, held: 2 }]],
      ]),
    );
    expect(rows.map((r) => [r.code, r.type, r.answer.held, r.answer.label])).toEqual([
      ['si_outil_comptabilite', 'choice', false, 'Tableur / bureautique'],
      ['si_rh_modules', 'integer', true, '3 modules sur 9'],
    ]);
    expect(rows[0]!.peers!.map((p) => p.share)).toEqual([75, null]);
    expect(rows[1]!.peers!.map((p) => p.share)).toEqual([40]);
  });

  it('never shows a figure for a group under 5, whatever the counts', () => {
    const count = fc.record({
      level: fc.constantFrom('NATION' as const, 'REGION' as const, 'DEPARTMENT' as const),
      territoryCode: fc.constantFrom('FR', '24', '45'),
      answered: fc.nat(20),
      held: fc.nat(20),
    });
    fc.assert(
      fc.property(fc.array(count, { maxLength: 3 }), fc.boolean(), (groups, value) => {
        const [row] = comparePractices([yesNo], { si_dpo: value }, new Map([['si_dpo', groups]]));
        return (
          row!.answer.held === value &&
          row!.peers!.length === groups.length &&
          row!.peers!.every((p, i) => groups[i]!.answered < 5 === (p.share === null))
        );
      }),
    );
  });

  it('applies the same rule to every kind of practice', () => {
    const count = fc.record({
      level: fc.constant('NATION' as const),
      territoryCode: fc.constant('FR'),
      answered: fc.nat(20),
      held: fc.nat(20),
    });
    const kinds = [yesNo, dated, accounting, hrModules];
    const values = fc.oneof(
      fc.boolean(),
      fc.constantFrom(...CHOICES, '2024-01-01'),
      fc.integer({ min: 0, max: 9 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        values,
        fc.array(count, { maxLength: 3 }),
        (item, value, groups) => {
          const [row] = comparePractices([item], { [item.code]: value }, new Map([[item.code, groups]]));
          return (
            row!.type === item.type &&
            row!.peers!.every((p, i) => groups[i]!.answered < 5 === (p.share === null && p.n === null)) &&
            row!.peers!.every((p) => p.share === null || (p.share >= 0 && p.share <= 100))
          );
        },
      ),
    );
  });
});
