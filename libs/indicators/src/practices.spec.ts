import fc from 'fast-check';
import { getDictionary } from '@tdb/dictionary';
import {
  QUALITATIVE_AXES,
  comparePractices,
  peerShare,
  practiceAnswer,
  practiceItems,
  type PracticeItem,
  type PracticePeerCount,
} from './practices';

const dictionary = getDictionary(2026);
const yesNo: PracticeItem = { code: 'si_dpo', label: 'DPO', type: 'boolean', ogLevel: true };
const dated: PracticeItem = { code: 'livret_accueil_date', label: 'Livret', type: 'date', ogLevel: false };

describe('qualitative axes data', () => {
  it('defines O04, O05 and O06, each practice a boolean or date item of the 2026 dictionary', () => {
    expect(QUALITATIVE_AXES.map((a) => a.code)).toEqual(['O04', 'O05', 'O06']);
    for (const axis of QUALITATIVE_AXES) {
      const items = practiceItems(axis, dictionary);
      expect(items.map((i) => i.code)).toEqual(axis.practices);
      expect(new Set(axis.practices).size).toBe(axis.practices.length);
    }
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
});
