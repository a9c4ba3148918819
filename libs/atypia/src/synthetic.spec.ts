import { computeIndicators, getIndicatorDefinitions } from '@tdb/indicators';
import { Random } from '@tdb/random';
import { computePeerReferences, evaluateOwnRules, evaluatePeerRules, indicatorValues } from './engine';
import { getAtypiaRules } from './rules';
import type { AtypiaFlag, PeerStructure } from './schema';

/**
 * The whole engine on 5,000 synthetic structures (not timed: see the README for speed). Values
 * follow calibration.md orders of magnitude; every 50th structure gets a known error injected.
 */
const CATEGORY_MIX: Readonly<Record<string, number>> = {
  EHPAD: 7500,
  IME: 1250,
  SESSAD: 1900,
  MAS: 740,
  ESAT: 1490,
};
const TERRITORIES: readonly (readonly [string, string])[] = [
  ['53', '29'],
  ['53', '35'],
  ['53', '22'],
  ['53', '56'],
  ['11', '75'],
  ['11', '93'],
  ['84', '69'],
  ['84', '38'],
  ['94', '2A'],
  ['03', '973'],
];

function synthetic(rng: Random, i: number) {
  const categoryCode = rng.weighted(CATEGORY_MIX);
  const [regionCode, departmentCode] = rng.pick(TERRITORIES);
  const places = Math.max(10, Math.round(rng.logNormal(categoryCode === 'EHPAD' ? 75 : 40, 0.45)));
  const occupancy = Math.min(1.02, Math.max(0.5, 0.97 + 0.04 * rng.normal()));
  const etp = Math.max(2, places * rng.logNormal(categoryCode === 'EHPAD' ? 0.63 : 0.8, 0.15));
  const charges = Math.round(55_000 * places * (0.85 + 0.35 * rng.next()));
  const values: Record<string, number> = {
    lits_places_autorises_permanent: places,
    lits_places_installes_permanent: places,
    jours_ouverture: 365,
    journees_realisees_hebergement_permanent: Math.round(places * 365 * occupancy),
    etp_reels_paramedical: Math.round(etp * 0.5 * 100) / 100,
    etp_reels_administration: Math.round(etp * 0.5 * 100) / 100,
    etp_budgetes: Math.round(etp * 1.04 * 100) / 100,
    etp_vacants: Math.round(etp * 0.04 * 100) / 100,
    effectif_physique_n_1: Math.round(etp * 1.14),
    recrutements: rng.int(0, Math.round(etp * 0.3)),
    departs: rng.int(0, Math.round(etp * 0.3)),
    jours_absence_maladie_courte: Math.round(etp * 365 * rng.logNormal(0.1, 0.35)),
    depenses_realisees: charges,
    recettes_realisees: Math.round(charges * (0.97 + 0.06 * rng.next())),
  };
  const previousValues: Record<string, number> = { ...values };
  // Known errors (calibration §9.6).
  if (i % 50 === 0) values['lits_places_installes_permanent'] = places + 5;
  if (i % 50 === 1) values['depenses_realisees'] = Math.round(charges / 1000);
  if (i % 50 === 2) values['journees_realisees_hebergement_permanent'] = Math.round(places * 365 * 1.4);
  return {
    finess: String(100_000_000 + i),
    categoryCode,
    regionCode,
    departmentCode,
    values,
    previousValues,
  };
}

describe('the engine on 5,000 synthetic structures', () => {
  const rules = getAtypiaRules(2026);
  const definitions = getIndicatorDefinitions(2026).indicators;
  const rng = new Random(20260101);
  const population: (PeerStructure & { values: Record<string, number> })[] = Array.from(
    { length: 5000 },
    (_, i) => {
      const s = synthetic(rng, i);
      return {
        ...s,
        indicators: indicatorValues(
          computeIndicators(definitions, { categoryCode: s.categoryCode, values: s.values }),
        ),
        previousIndicators: indicatorValues(
          computeIndicators(definitions, { categoryCode: s.categoryCode, values: s.previousValues }),
        ),
      };
    },
  );

  it('computes references, runs every rule and finds the injected errors', () => {
    const references = computePeerReferences(rules, population);
    const groups = Object.values(references.groups);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.some((g) => g.level === 'department' && g.sufficient)).toBe(true);

    const flags: AtypiaFlag[][] = population.map((s) => [
      ...evaluateOwnRules(rules, {
        categoryCode: s.categoryCode,
        values: s.values,
        indicators: s.indicators,
        previousValues: s.previousValues,
        previousIndicators: s.previousIndicators,
      }),
      ...evaluatePeerRules(rules, s, references),
    ]);
    for (const list of flags) {
      for (const f of list) {
        expect(f.message).not.toMatch(/NaN|Infinity|undefined|\{/);
        if (f.value !== undefined) expect(Number.isFinite(f.value)).toBe(true);
      }
    }
    const codesOf = (i: number) => (flags[i] ?? []).map((f) => f.ruleCode);
    expect(codesOf(0)).toContain('ATC01'); // installed > authorised
    expect(codesOf(1)).toContain('ATV04'); // charges ÷ 1 000
    const occupancyOf = (i: number) => population[i]?.categoryCode;
    if (occupancyOf(2) !== 'ESAT') expect(codesOf(2)).toContain('ATB01'); // 140 % occupancy
    // The injected 140 % occupancy stands out from its peers too.
    expect(codesOf(2)).toContain('ATP01');
    // Clean structures are rarely flagged by own rules.
    const ownFlagged = population.filter(
      (_, i) => i % 50 > 2 && (flags[i] ?? []).some((f) => f.kind !== 'peer_outlier'),
    ).length;
    expect(ownFlagged / population.length).toBeLessThan(0.05);
  });
});
