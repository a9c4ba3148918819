/**
 * Synthetic submission values for one TDB structure and data year: every dictionary item applicable
 * to its category gets a plausible value (calibration.md §5–§9), with the common data errors of §8 /
 * §9.6 planted at low rates and listed. Pure and deterministic from the seed.
 */
import { itemsFor, type Dictionary, type Item } from '@tdb/dictionary';
import { AGE_WEIGHTS, ETP_SUBS, profileOf, type CategoryProfile } from './profiles';
import { Random, hashString } from '@tdb/random';

export interface StructureInput {
  readonly finess: string;
  readonly categoryCode: string;
  /** Installed places; for CAMSP/CMPP the file active (null = drawn). */
  readonly capacity: number | null;
}

export interface GenerateValuesOptions {
  readonly seed: number;
  readonly structure: StructureInput;
  readonly dictionary: Dictionary;
  readonly dataYear: number;
  /** Last year's values of the same structure: the new values drift a little from them. */
  readonly previous?: Record<string, unknown>;
  /** Multiplies every planted-error rate (0 = clean data). Default 1. */
  readonly errorScale?: number;
}

export const PLANTED_ERROR_KINDS = [
  'missing_block',
  'etp_headcount',
  'etp_times_10',
  'euro_kilo_confusion',
  'swapped_fields',
  'capacity_times_10',
  'gir_sum_mismatch',
  'occupancy_over_110',
  'absence_in_hours',
  'negative_amount',
] as const;
export type PlantedErrorKind = (typeof PLANTED_ERROR_KINDS)[number];

/** Kinds whose planted value breaks the item's hard bounds (validateValue fails). */
export const BOUNDS_ERROR_KINDS: readonly PlantedErrorKind[] = ['negative_amount'];
/** Kinds that blank values (validateValue fails as "manquante"). */
export const MISSING_ERROR_KINDS: readonly PlantedErrorKind[] = ['missing_block'];

/** Base rate per structure-year of each kind (calibration §9.6); missing_block is raised below. */
export const PLANTED_ERROR_RATES: Readonly<Record<PlantedErrorKind, number>> = {
  missing_block: 0.12,
  etp_headcount: 0.02,
  etp_times_10: 0.005,
  euro_kilo_confusion: 0.01,
  swapped_fields: 0.01,
  capacity_times_10: 0.005,
  gir_sum_mismatch: 0.02,
  occupancy_over_110: 0.01,
  absence_in_hours: 0.01,
  negative_amount: 0.005,
};

/** Rate of missing_block for a structure: higher for small services and overseas (§9.6). */
export function missingBlockRate(structure: StructureInput): number {
  const profile = profileOf(structure.categoryCode);
  let rate = PLANTED_ERROR_RATES.missing_block;
  if (profile.kind === 'service' && (structure.capacity ?? 0) < 30) rate += 0.06;
  if (structure.finess.startsWith('97')) rate += 0.05;
  return rate;
}

export interface PlantedError {
  readonly itemCode: string;
  readonly kind: PlantedErrorKind;
  /** The value before corruption (undefined for a blanked item with no clean value). */
  readonly clean?: unknown;
}

export interface GeneratedValues {
  readonly values: Record<string, unknown>;
  readonly plantedErrors: PlantedError[];
}

/** AGGIR weights of GIR 1..6 for the GMP. */
export const GIR_WEIGHTS = [1000, 840, 660, 420, 250, 70] as const;
const GIR_CODES = [1, 2, 3, 4, 5, 6].map((g) => `personnes_gir_${g}`);
const GIR_SHARES_EHPAD = [21, 35, 17, 19, 5, 3];
const GIR_SHARES_HOME = [8, 25, 22, 30, 10, 5];
const ETP_MAIN = [
  'direction',
  'administration',
  'services_generaux',
  'restauration',
  'socio_educatif',
  'paramedical',
  'psychologue',
  'ash',
  'medical',
  'education_nationale',
  'autres_fonctions',
];
const ABSENCE_CODES = [
  'jours_absence_maladie_courte',
  'jours_absence_maladie_moyenne',
  'jours_absence_maladie_longue',
  'jours_absence_maternite_paternite',
  'jours_absence_at_mp',
  'jours_absence_conges_speciaux',
];
const ABSENCE_SHARES = [26, 30, 12, 12, 15, 5];
const JOURNEES_DONE = [
  'journees_realisees_hebergement_permanent',
  'journees_realisees_hebergement_temporaire',
  'journees_realisees_accueil_jour',
  'journees_realisees_internat',
  'journees_realisees_semi_internat',
  'journees_realisees_externat',
];
const AMOUNT_CODES = [
  'compte_6111',
  'compte_6112',
  'compte_621_hors_62111',
  'compte_6223',
  'compte_6226',
  'depenses_groupe_1',
  'depenses_groupe_2',
  'depenses_groupe_3',
  'recettes_prevues',
  'recettes_realisees',
  'depenses_prevues',
  'depenses_realisees',
  'caf',
  'produits_hors_775_777_7781_78',
  'charges_courantes',
  'frng',
];

/** Yes-rates of booleans (default 0.7). */
const YES_RATES: Readonly<Record<string, number>> = {
  cpom_en_cours: 0.6,
  convention_tripartite: 0.25,
  charte_droits_libertes: 0.97,
  liste_personnes_qualifiees: 0.8,
  criteres_admission_formalises: 0.85,
  gestion_risques_maltraitance: 0.85,
  certification: 0.15,
  gpmc: 0.45,
  pool_remplacement: 0.35,
  mono_site: 0.8,
  mono_batiment: 0.7,
  contraintes_architecturales: 0.3,
  diagnostic_accessibilite: 0.85,
  commission_securite_obligation: 0.8,
  groupe_electrogene: 0.55,
  plateau_technique: 0.3,
  convention_plan_bleu: 0.6,
  convention_had: 0.55,
  convention_education_nationale: 0.3,
  mission_appui_ressource: 0.2,
  si_feuille_route: 0.45,
  si_budget_identifie: 0.5,
  si_teleconsultation: 0.35,
  si_dpo: 0.75,
  si_hebergement_externe: 0.55,
  si_lien_dmp: 0.3,
  si_interoperabilite: 0.35,
  si_espace_usager: 0.2,
  si_usager_alimente_dossier: 0.1,
  dd_integration_enjeux: 0.55,
  dd_politique_dechets: 0.6,
  dd_politique_achat: 0.4,
};

/** Conditional details: filled only when the boolean parent is true. */
const CONDITIONAL_PARENT: Readonly<Record<string, string>> = {
  cpom_date_entree_vigueur: 'cpom_en_cours',
  cpom_date_echeance: 'cpom_en_cours',
  cpom_signataires: 'cpom_en_cours',
  convention_tripartite_date_signature: 'convention_tripartite',
  convention_tripartite_date_echeance: 'convention_tripartite',
  certification_date: 'certification',
  certification_fonctions_administratives: 'certification',
  certification_fonctions_accompagnement: 'certification',
  certification_fonctions_logistiques: 'certification',
  diagnostic_accessibilite_date: 'diagnostic_accessibilite',
  commission_securite_date: 'commission_securite_obligation',
  commission_securite_avis_favorable: 'commission_securite_obligation',
  type_reseau_sante: 'partenariat_reseau_sante',
  nature_missions_appui_ressource: 'mission_appui_ressource',
  si_hebergeur_hds: 'si_hebergement_externe',
};

const TEXTS: Readonly<Record<string, readonly string[]>> = {
  type_reseau_sante: [
    'Réseau gérontologique',
    'Réseau de soins palliatifs',
    'Dispositif d’appui à la coordination',
  ],
  nature_missions_appui_ressource: [
    'Équipe mobile d’appui',
    'Centre de ressources territorial',
    'Formation des aidants',
  ],
  methodologie_evaluation_interne: [
    'Référentiel interne',
    'Référentiel HAS',
    'Démarche participative avec les usagers',
  ],
  si_politique_securite_actions: [
    'Sauvegardes externalisées, mots de passe renouvelés',
    'Charte informatique, antivirus, sensibilisation du personnel',
    'Plan de continuité, double authentification',
  ],
  si_actions_rgpd: [
    'Registre des traitements tenu',
    'DPO désigné, registre et information des usagers',
    'Aucune action',
  ],
};
const DEFAULT_TEXT = ['Non précisé'];

/** Items drawn independently of the activity model: kept close to last year's value. */
const FREE_NUMERIC = new Set([
  'superficie_locaux',
  'superficie_terrains',
  'energie_superficie',
  'chambres_individuelles',
  'chambres_installees',
  'vehicules_adaptes',
  'vehicules_non_adaptes',
  'si_rh_modules',
  'places_habilitees_aide_sociale',
  'valeur_brute_constructions',
  'valeur_brute_equipements',
]);

// ---------------------------------------------------------------------------------------------
// Draw helpers

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function gamma(random: Random, k: number): number {
  if (k < 1) return gamma(random, k + 1) * Math.pow(1 - random.next(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = random.normal();
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function beta(random: Random, mean: number, kappa: number): number {
  const a = gamma(random, mean * kappa);
  const b = gamma(random, (1 - mean) * kappa);
  return a + b === 0 ? mean : a / (a + b);
}

function dirichlet(random: Random, weights: readonly number[], kappa: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const draws = weights.map((w) => (w > 0 ? gamma(random, (w / total) * kappa) : 0));
  const sum = draws.reduce((s, x) => s + x, 0) || 1;
  return draws.map((x) => x / sum);
}

function uniform(random: Random, lo: number, hi: number): number {
  return lo + (hi - lo) * random.next();
}

/** Splits an integer total by shares, exactly (largest remainder). */
function splitInteger(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((s, x) => s + x, 0);
  if (total <= 0 || sum <= 0) return shares.map(() => 0);
  const raw = shares.map((s) => (s / sum) * total);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = (order[k] as readonly [number, number])[1];
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function isoDate(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function drawOccupancy(random: Random, profile: CategoryProfile): number {
  const law = profile.occupancy;
  if (law.law === 'gamma') return clamp(100 - gamma(random, 1.2) * law.theta, 60, 100);
  return clamp(law.mean + law.sd * random.normal(), law.min, law.max);
}

function occupancyBounds(profile: CategoryProfile): [number, number] {
  const law = profile.occupancy;
  return law.law === 'gamma' ? [60, 100] : [law.min, law.max];
}

/** Year factor of absenteeism (calibration §9.4). */
function absenteeismYearFactor(year: number): number {
  return year === 2020 ? 1.13 : year === 2021 || year === 2022 ? 1.1 : 1;
}

// ---------------------------------------------------------------------------------------------
// Generation

interface Context {
  readonly items: Map<string, Item>;
  readonly values: Record<string, unknown>;
  readonly previous: Record<string, unknown> | undefined;
}

function has(ctx: Context, code: string): boolean {
  return ctx.items.has(code);
}

function set(ctx: Context, code: string, value: unknown): void {
  if (ctx.items.has(code)) ctx.values[code] = value;
}

function prevNumber(ctx: Context, code: string): number | undefined {
  const v = ctx.previous?.[code];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function prevSum(ctx: Context, codes: readonly string[]): number | undefined {
  let sum = 0;
  for (const code of codes) {
    if (!has(ctx, code)) continue;
    const v = prevNumber(ctx, code);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

const itemCache = new WeakMap<Dictionary, Map<string, { applicable: Item[]; items: Map<string, Item> }>>();

function applicableItems(
  dictionary: Dictionary,
  category: string,
): { applicable: Item[]; items: Map<string, Item> } {
  let byCategory = itemCache.get(dictionary);
  if (!byCategory) itemCache.set(dictionary, (byCategory = new Map()));
  let entry = byCategory.get(category);
  if (!entry) {
    const applicable = itemsFor(dictionary, category);
    entry = { applicable, items: new Map(applicable.map((i) => [i.code, i])) };
    byCategory.set(category, entry);
  }
  return entry;
}

/** Fills the values of one structure for one data year. */
export function generateSubmissionValues(options: GenerateValuesOptions): GeneratedValues {
  const { seed, structure, dictionary, dataYear, previous } = options;
  const category = structure.categoryCode;
  const profile = profileOf(category);
  const { applicable, items } = applicableItems(dictionary, category);
  const ctx: Context = { items, values: {}, previous };
  // Stable draws (same for every year of a structure), yearly noise, and error planting.
  const stable = new Random(hashString(structure.finess, seed));
  const yearly = new Random(hashString(`${structure.finess}/${dataYear}`, seed));
  const errors = new Random(hashString(`${structure.finess}/${dataYear}/errors`, seed ^ 0x5bd1e995));
  const noise = (sd: number): number => Math.exp(sd * yearly.normal());

  const ambulatory = profile.kind === 'ambulatory';
  const base = Math.max(
    1,
    Math.round(
      structure.capacity ??
        stable.logNormal(category === 'CAMSP' ? 190 : 340, category === 'CAMSP' ? 0.5 : 0.6),
    ),
  );

  // --- Capacities
  let permanent = base;
  let temporary = 0;
  let dayCare = 0;
  const tempDraw = stable.next();
  const dayDraw = stable.next();
  if (!ambulatory && (profile.kind === 'ehpad' || profile.kind === 'residential') && base >= 10) {
    if (tempDraw < (profile.kind === 'ehpad' ? 0.6 : 0.3)) temporary = Math.max(1, Math.round(base * 0.04));
    if (dayDraw < (profile.kind === 'ehpad' ? 0.35 : 0.25)) dayCare = Math.max(2, Math.round(base * 0.08));
    permanent = Math.max(1, base - temporary - dayCare);
  }
  const extraAuthorised = stable.chance(0.15) ? Math.max(1, Math.round(base * 0.05)) : 0;
  set(ctx, 'lits_places_autorises_permanent', ambulatory ? 0 : permanent + extraAuthorised);
  set(ctx, 'lits_places_installes_permanent', ambulatory ? 0 : permanent);
  set(ctx, 'lits_places_autorises_temporaire', temporary);
  set(ctx, 'lits_places_installes_temporaire', temporary);
  set(ctx, 'places_autorisees_accueil_jour', dayCare);
  set(ctx, 'places_installees_accueil_jour', dayCare);

  // --- Activity
  const [occMin, occMax] = occupancyBounds(profile);
  let occupancy = drawOccupancy(stable, profile) + yearly.normal() * 1.5;
  const prevDone = prevSum(ctx, ambulatory ? ['seances_realisees'] : JOURNEES_DONE);
  const prevTheory = prevNumber(ctx, ambulatory ? 'seances_financees' : 'journees_theoriques');
  if (prevDone !== undefined && prevTheory !== undefined && prevTheory > 0) {
    const prevOcc = (100 * prevDone) / prevTheory;
    if (prevOcc >= occMin && prevOcc <= occMax) occupancy = prevOcc + yearly.normal() * 1.5;
  }
  occupancy = clamp(occupancy, occMin, occMax);
  const occ = occupancy / 100;
  const openDays = profile.openDays;
  set(ctx, 'jours_ouverture', openDays);
  if (dayCare > 0) set(ctx, 'jours_ouverture_accueil_jour', 250);

  let population: number;
  if (ambulatory) {
    const fileActive = base;
    const financed = Math.round(fileActive * (category === 'CAMSP' ? 20 : 14) * uniform(stable, 0.9, 1.1));
    const done = Math.round(financed * occ);
    const notDoneShare = clamp(beta(stable, 0.19, 40) * noise(0.05), 0.02, 0.6);
    const programmed = Math.round(done / (1 - notDoneShare));
    set(ctx, 'seances_financees', financed);
    set(ctx, 'seances_realisees', done);
    set(ctx, 'seances_programmees', programmed);
    set(ctx, 'seances_non_realisees', programmed - done);
    population = Math.max(1, Math.round(fileActive * uniform(stable, 0.75, 0.9) * noise(0.03)));
  } else {
    const mainDays = profile.kind === 'day' || profile.kind === 'service' ? openDays : 365;
    const theoretical = permanent * mainDays + temporary * 365 + dayCare * 250;
    const doneMain = Math.round(permanent * mainDays * occ);
    const doneTemp = Math.round(temporary * 365 * Math.min(1, occ * 0.85));
    const doneDay = Math.round(dayCare * 250 * Math.min(1, occ * 0.8));
    const done: Record<string, number> = Object.fromEntries(JOURNEES_DONE.map((c) => [c, 0]));
    if (profile.kind === 'ehpad' || profile.kind === 'residential') {
      done['journees_realisees_hebergement_permanent'] = doneMain;
    } else if (profile.public === 'child' && profile.kind === 'day') {
      const internat = Math.round(doneMain * uniform(stable, 0.1, 0.4));
      done['journees_realisees_internat'] = internat;
      done['journees_realisees_semi_internat'] = doneMain - internat;
    } else {
      done['journees_realisees_externat'] = doneMain;
    }
    done['journees_realisees_hebergement_temporaire'] = doneTemp;
    done['journees_realisees_accueil_jour'] = doneDay;
    for (const code of JOURNEES_DONE) set(ctx, code, done[code]);
    for (const code of [
      'journees_realisees_autre_1',
      'journees_realisees_autre_2',
      'journees_realisees_autre_3',
    ]) {
      set(ctx, code, 0);
    }
    set(ctx, 'journees_theoriques', theoretical);
    const totalDone = doneMain + doneTemp + doneDay;
    set(
      ctx,
      'journees_financees',
      Math.round(theoretical * clamp(occ * uniform(stable, 0.98, 1.02), 0, 1.2)),
    );
    population = Math.max(1, Math.round(permanent * Math.min(occ, 1.05) * uniform(yearly, 0.97, 1.01)));
    if (profile.kind === 'service' || profile.kind === 'day') {
      population = Math.max(1, Math.round(base * occ * uniform(yearly, 0.95, 1.1)));
    }
    set(
      ctx,
      'journees_hospitalisation_complete',
      Math.round(totalDone * clamp(stable.logNormal(1.3, 0.5) * noise(0.1), 0, 15) * 0.01),
    );
    set(
      ctx,
      'journees_absence',
      Math.round(population * stable.logNormal(profile.kind === 'day' ? 6 : 10, 0.5)),
    );
    const aidShare = category === 'EHPAD' ? beta(stable, 0.35, 4) : uniform(stable, 0.8, 1);
    set(
      ctx,
      'places_habilitees_aide_sociale',
      Math.round(base * (category === 'EHPAD' && stable.chance(0.5) ? 1 : aidShare)),
    );
    set(ctx, 'journees_aide_sociale', Math.round(doneMain * aidShare * uniform(stable, 0.5, 0.9)));
  }
  set(ctx, 'personnes_accompagnees_31_12', population);

  // --- Users: flows, ages, deficiencies, GIR
  const exits = Math.max(
    0,
    Math.round(population * profile.exitRate * stable.logNormal(1, 0.2) * noise(0.1)),
  );
  const entries = Math.max(0, Math.round(exits * uniform(yearly, 0.9, 1.1)));
  const elderly = profile.public === 'elderly';
  const childish = profile.public !== 'elderly' && profile.public !== 'adult';
  const entryShares = elderly ? [52, 30, 15, 3] : [45, 10, 40, 5];
  const entrySplit = splitInteger(entries, dirichlet(stable, entryShares, 60));
  [
    'entrees_domicile',
    'entrees_etablissement_sante',
    'entrees_etablissement_medico_social',
    'entrees_provenance_inconnue',
  ].forEach((c, i) => set(ctx, c, entrySplit[i]));
  set(ctx, 'entrees', entries);
  const exitShares =
    category === 'EHPAD'
      ? [75, 5, 8, 10, 2]
      : elderly
        ? [20, 25, 40, 10, 5]
        : childish
          ? [0, 2, 40, 55, 3]
          : [10, 5, 35, 45, 5];
  const exitSplit = splitInteger(exits, dirichlet(stable, exitShares, 60));
  [
    'sorties_deces',
    'sorties_hospitalisation',
    'sorties_domicile',
    'sorties_reorientation',
    'sorties_destination_inconnue',
  ].forEach((c, i) => set(ctx, c, exitSplit[i]));
  set(ctx, 'sorties_definitives', exits);
  set(
    ctx,
    'duree_accompagnement_sortants',
    Math.round(exits * stable.logNormal(profile.dms, 0.3) * noise(0.05)),
  );
  set(ctx, 'personnes_absentes', Math.round(population * beta(stable, elderly ? 0.3 : 0.5, 10)));
  set(
    ctx,
    'personnes_derogation_age',
    Math.round(population * (childish ? beta(stable, 0.05, 30) : beta(stable, 0.02, 30))),
  );
  set(ctx, 'personnes_mesure_protection', Math.round(population * beta(stable, profile.protection, 20)));
  set(ctx, 'personnes_accueil_jour', Math.round(dayCare * uniform(stable, 1.2, 2)));
  set(ctx, 'personnes_orientation_mdph', Math.round(population * uniform(stable, 0.9, 1)));

  const ageWeights = AGE_WEIGHTS[profile.public];
  const ageItems = applicable.filter((i) => i.code.startsWith('personnes_age_'));
  const ageSplit = splitInteger(
    population,
    dirichlet(
      stable,
      ageItems.map((i) => ageWeights[i.code.slice('personnes_age_'.length)] ?? 0),
      60,
    ),
  );
  ageItems.forEach((item, i) => set(ctx, item.code, ageSplit[i]));

  const mainDef = applicable.filter((i) => i.code.startsWith('deficience_principale_'));
  const defWeights = mainDef.map(
    (i) => profile.deficiency[i.code.slice('deficience_principale_'.length)] ?? 0,
  );
  const defSplit = splitInteger(population, dirichlet(stable, defWeights, 40));
  mainDef.forEach((item, i) => set(ctx, item.code, defSplit[i]));
  for (const item of applicable) {
    if (item.code.startsWith('deficience_associee_')) {
      set(ctx, item.code, Math.round(population * beta(stable, 0.06, 20)));
    }
  }

  if (GIR_CODES.every((c) => has(ctx, c))) {
    let shares = dirichlet(stable, category === 'EHPAD' ? GIR_SHARES_EHPAD : GIR_SHARES_HOME, 40);
    const prevGir = GIR_CODES.map((c) => prevNumber(ctx, c));
    const prevTotal = prevGir.reduce<number>((s, x) => s + (x ?? 0), 0);
    if (prevGir.every((x) => x !== undefined) && prevTotal > 0) {
      shares = prevGir.map((x) => ((x ?? 0) / prevTotal) * noise(0.08));
    }
    const counts = splitInteger(population, shares);
    GIR_CODES.forEach((c, i) => set(ctx, c, counts[i]));
    const gmp = round2(counts.reduce((s, n, i) => s + n * (GIR_WEIGHTS[i] ?? 0), 0) / population);
    const pmpLatent = 200 + 35 * (0.4 * ((gmp - 711) / 60) + Math.sqrt(1 - 0.16) * stable.normal());
    const pmp = round2(clamp(pmpLatent * noise(0.03), 80, 350));
    set(ctx, 'gmp_connu', gmp);
    set(ctx, 'gmp_valide', round2(clamp(gmp + 20 * stable.normal(), 0, 1000)));
    set(ctx, 'pmp_connu', pmp);
    set(ctx, 'pmp_valide', round2(clamp(pmp + 15 * stable.normal(), 0, 2000)));
    set(ctx, 'gmp_valide_date', isoDate(dataYear - stable.int(0, 3), stable.int(0, 364)));
    set(ctx, 'pmp_valide_date', isoDate(dataYear - stable.int(0, 3), stable.int(0, 364)));
  }

  // --- Human resources
  const staffSd = category === 'EHPAD' ? 0.08 / 0.634 : 0.15;
  const expectedEtp = base * profile.staffing;
  let etpTotal = expectedEtp * clamp(1 + staffSd * stable.normal(), 0.5, 1.6) * noise(0.03);
  let functionShares = dirichlet(
    stable,
    ETP_MAIN.map((f) => profile.functions[f] ?? 0),
    200,
  );
  const mainCodes = ETP_MAIN.map((f) => `etp_reels_${f}`);
  const prevEtp = mainCodes.map((c) => prevNumber(ctx, c));
  const prevEtpTotal = prevEtp.reduce<number>((s, x) => s + (x ?? 0), 0);
  if (
    prevEtp.every((x) => x !== undefined) &&
    prevEtpTotal > expectedEtp * 0.4 &&
    prevEtpTotal < expectedEtp * 2.5
  ) {
    etpTotal = prevEtpTotal * noise(0.04);
    functionShares = prevEtp.map((x) => ((x ?? 0) / prevEtpTotal) * noise(0.03));
  }
  etpTotal = Math.max(0.5, etpTotal);
  const shareSum = functionShares.reduce((s, x) => s + x, 0) || 1;
  const centsTotal = Math.round(etpTotal * 100);
  const centsByFunction = splitInteger(
    centsTotal,
    functionShares.map((s) => s / shareSum),
  );
  ETP_MAIN.forEach((f, i) => {
    const cents = centsByFunction[i] ?? 0;
    set(ctx, `etp_reels_${f}`, cents / 100);
    const subs = ETP_SUBS[f]?.[profile.kind];
    if (subs) {
      const codes = Object.keys(subs);
      const split = splitInteger(
        cents,
        codes.map((c) => subs[c] ?? 0),
      );
      codes.forEach((c, k) => set(ctx, `etp_reels_${c}`, (split[k] ?? 0) / 100));
      for (const item of applicable) {
        if (item.code.startsWith(`etp_reels_${f}_`) && !(item.code in ctx.values)) set(ctx, item.code, 0);
      }
    }
  });
  const etp = centsTotal / 100;
  const fnEtp = (f: string): number => (centsByFunction[ETP_MAIN.indexOf(f)] ?? 0) / 100;
  const vacancyRate = stable.chance(base < 20 ? 0.5 : 0.35)
    ? 0
    : clamp(stable.logNormal(5, 0.7) * noise(0.1), 0, 25) / 100;
  const vacant = round2(etp * vacancyRate);
  set(ctx, 'etp_budgetes', round2(etp * uniform(yearly, 1, 1.03) + vacant));
  set(ctx, 'etp_vacants', vacant);
  const careShare = etp > 0 ? (fnEtp('paramedical') + fnEtp('medical')) / etp : 0;
  const socioShare = etp > 0 ? fnEtp('socio_educatif') / etp : 0;
  set(ctx, 'etp_vacants_soins', round2(vacant * careShare));
  set(ctx, 'etp_vacants_socio_educatif', round2(vacant * socioShare));
  set(ctx, 'etp_management', round2(fnEtp('direction') + fnEtp('administration') * 0.2));
  set(
    ctx,
    'etp_interim',
    stable.chance(0.5) ? round2(etp * clamp(stable.logNormal(2, 0.6), 0, 15) * 0.01) : 0,
  );
  const headcount = Math.max(1, Math.round(etp * uniform(stable, 1.08, 1.25) * noise(0.02)));
  set(ctx, 'effectif_physique_n_1', headcount);
  const rotation = clamp(stable.logNormal(0.9 * profile.rotation, 0.45) * noise(0.1), 0, 100) / 100;
  set(ctx, 'recrutements', Math.round(headcount * rotation * uniform(yearly, 0.9, 1.1)));
  set(ctx, 'departs', Math.round(headcount * rotation * uniform(yearly, 0.9, 1.1)));
  set(ctx, 'cdd_remplacement', Math.round(headcount * uniform(stable, 0.2, 1) * noise(0.1)));
  let absenceRate =
    clamp(
      stable.logNormal(0.9 * profile.absenteeism, Math.sqrt(0.35 ** 2 + 1.5 / Math.max(etp, 1))),
      0.5,
      35,
    ) / 100;
  const prevAbsence = prevSum(ctx, ABSENCE_CODES);
  const prevEtpForRate = prevEtp.every((x) => x !== undefined) ? prevEtpTotal : undefined;
  if (prevAbsence !== undefined && prevEtpForRate && prevAbsence / (prevEtpForRate * 365) < 0.35) {
    absenceRate = prevAbsence / (prevEtpForRate * 365);
  } else {
    absenceRate *= absenteeismYearFactor(dataYear);
  }
  absenceRate = clamp(absenceRate * noise(0.08), 0.002, 0.4);
  const absenceDays = Math.round(absenceRate * etp * 365);
  const absenceSplit = splitInteger(absenceDays, dirichlet(stable, ABSENCE_SHARES, 20));
  ABSENCE_CODES.forEach((c, i) => set(ctx, c, absenceSplit[i]));
  const staffAge = applicable.filter((i) => i.code.startsWith('personnel_age_'));
  const staffAgeWeights: Record<string, number> = {
    moins_20: 0.5,
    '20_29': 14,
    '30_39': 20,
    '40_49': 25,
    '50_54': 14,
    '55_59': 14,
    '60_64': 10,
    '65_plus': 2.5,
  };
  const staffSplit = splitInteger(
    headcount,
    dirichlet(
      stable,
      staffAge.map((i) => staffAgeWeights[i.code.slice('personnel_age_'.length)] ?? 1),
      80,
    ),
  );
  staffAge.forEach((item, i) => set(ctx, item.code, staffSplit[i]));

  // --- Finance
  const personnelShare = uniform(stable, 0.65, 0.72);
  const expectedCharges =
    category === 'EHPAD'
      ? 55_000 * base * uniform(stable, 0.85, 1.2)
      : (etp * 52_000 * uniform(stable, 0.9, 1.1)) / personnelShare;
  let charges = expectedCharges * noise(0.02) * 1.02;
  const prevCharges = prevNumber(ctx, 'depenses_realisees');
  if (
    prevCharges !== undefined &&
    prevCharges > expectedCharges * 0.4 &&
    prevCharges < expectedCharges * 2.5
  ) {
    charges = prevCharges * (1.02 + 0.03 * yearly.normal());
  }
  charges = Math.round(charges);
  const resultRate =
    (category === 'EHPAD'
      ? dataYear >= 2022
        ? -1.5 + 4 * yearly.normal()
        : dataYear < 2020
          ? 1 + 3 * yearly.normal()
          : 0 + 3.5 * yearly.normal()
      : 0.5 + 3 * yearly.normal()) / 100;
  const receipts = Math.round(charges * (1 + resultRate));
  const group1 = Math.round(charges * uniform(stable, 0.12, 0.18));
  const group2 = Math.round(charges * personnelShare);
  set(ctx, 'depenses_groupe_1', group1);
  set(ctx, 'depenses_groupe_2', group2);
  set(ctx, 'depenses_groupe_3', Math.max(0, charges - group1 - group2));
  set(ctx, 'depenses_realisees', charges);
  set(ctx, 'depenses_prevues', Math.round(charges * (1 + 0.02 * yearly.normal())));
  set(ctx, 'recettes_realisees', receipts);
  set(ctx, 'recettes_prevues', Math.round(charges * (1 + 0.02 * yearly.normal())));
  const cafRate = clamp(
    4 + 4 * stable.normal() + yearly.normal() - (category === 'EHPAD' && dataYear >= 2022 ? 3 : 0),
    -15,
    20,
  );
  set(ctx, 'caf', Math.round((receipts * cafRate) / 100));
  set(ctx, 'produits_hors_775_777_7781_78', Math.round(receipts * uniform(stable, 0.97, 1)));
  const currentCharges = Math.round(charges * uniform(stable, 0.9, 0.97));
  set(ctx, 'charges_courantes', currentCharges);
  const frngDays = stable.chance(0.05) ? -stable.logNormal(20, 0.6) : stable.logNormal(60, 0.6);
  set(ctx, 'frng', Math.round((currentCharges / 365) * frngDays * noise(0.1)));
  const externalShare =
    category === 'SSIAD' || category === 'SPASAD'
      ? clamp(stable.logNormal(25, 0.5), 0, 60)
      : clamp(stable.logNormal(2, 0.8), 0, 30);
  set(ctx, 'compte_6111', Math.round((charges * externalShare * noise(0.05)) / 100));
  set(ctx, 'compte_6112', Math.round(charges * clamp(stable.logNormal(1, 0.8), 0, 20) * 0.01 * noise(0.05)));
  set(
    ctx,
    'compte_621_hors_62111',
    Math.round(((ctx.values['etp_interim'] as number | undefined) ?? 0) * 60_000),
  );
  set(ctx, 'compte_6223', stable.chance(0.3) ? Math.round(charges * uniform(stable, 0.002, 0.01)) : 0);
  set(ctx, 'compte_6226', Math.round(charges * uniform(stable, 0.001, 0.008)));
  if (category === 'EHPAD') {
    const sections = dirichlet(stable, [55, 15, 30], 200);
    const [h, d, s] = sections.map((x) => Math.round(charges * x)) as [number, number, number];
    set(ctx, 'depenses_section_hebergement', h);
    set(ctx, 'depenses_section_dependance', d);
    set(ctx, 'depenses_section_soins', s);
    set(ctx, 'recettes_section_hebergement', Math.round(h * (1 + resultRate * 1.5)));
    set(ctx, 'recettes_section_dependance', Math.round(d * (1 + resultRate)));
    set(ctx, 'recettes_section_soins', Math.round(s * (1 + resultRate * 0.3)));
  }
  const careBudget = Math.round(charges * (category === 'EHPAD' ? 0.3 : 0.35) * uniform(stable, 0.9, 1.1));
  set(ctx, 'dotation_soins', careBudget);
  set(ctx, 'depenses_soins_personnel', Math.round(careBudget * 0.85));
  set(ctx, 'depenses_soins_fournitures', Math.round(careBudget * 0.05));
  set(ctx, 'depenses_soins_materiel', Math.round(careBudget * 0.03));
  const owner = stable.chance(0.6);
  const buildings = Math.round(
    owner ? base * uniform(stable, 60_000, 120_000) : base * uniform(stable, 3_000, 10_000),
  );
  set(ctx, 'valeur_brute_constructions', buildings);
  set(
    ctx,
    'amortissements_constructions',
    Math.round(buildings * clamp(beta(stable, 0.5, 8) + 0.02 * (dataYear - 2020), 0, 1)),
  );
  const equipment = Math.round(charges * uniform(stable, 0.08, 0.2));
  set(ctx, 'valeur_brute_equipements', equipment);
  set(ctx, 'amortissements_equipements', Math.round(equipment * beta(stable, 0.65, 10)));
  const permanentCapital = Math.round((buildings + equipment) * uniform(stable, 0.6, 1));
  set(ctx, 'capitaux_permanents', permanentCapital);
  set(
    ctx,
    'dettes_financieres',
    !owner || stable.chance(0.3) ? 0 : Math.round(permanentCapital * beta(stable, 0.4, 5)),
  );

  // --- SI, buildings, energy
  set(ctx, 'si_budget_exploitation', Math.round(charges * uniform(stable, 0.005, 0.015)));
  set(ctx, 'si_budget_investissement', Math.round(charges * uniform(stable, 0, 0.01)));
  set(ctx, 'si_rh_modules', stable.int(0, 9));
  const duiP = Math.min(0.97, 0.75 + 0.04 * Math.max(0, dataYear - 2021));
  const duiRate = yearly.chance(duiP) || stable.next() < 0.5 ? beta(stable, 0.9, 15) : 0;
  const dossiers = Math.round(population * duiRate);
  set(ctx, 'dossiers_administratifs_informatises', dossiers);
  set(ctx, 'projets_personnalises_informatises', Math.round(dossiers * uniform(stable, 0.6, 1)));
  const residential = profile.kind === 'ehpad' || profile.kind === 'residential';
  const surface = Math.round(base * (residential ? uniform(stable, 38, 48) : uniform(stable, 8, 20)));
  set(ctx, 'energie_superficie', surface);
  set(ctx, 'superficie_locaux', Math.round(surface * uniform(stable, 1, 1.15)));
  set(ctx, 'superficie_terrains', Math.round(surface * uniform(stable, 1.5, 5)));
  const kwhPerM2 =
    category === 'EHPAD'
      ? stable.logNormal(210, 0.3)
      : residential
        ? stable.logNormal(180, 0.35)
        : stable.logNormal(140, 0.4);
  set(ctx, 'energie_consommation_kwh', Math.round(surface * kwhPerM2 * noise(0.05)));
  const rooms = residential
    ? Math.round(base * uniform(stable, 0.9, 1))
    : profile.public === 'child'
      ? Math.round(base * uniform(stable, 0.05, 0.3))
      : 0;
  set(ctx, 'chambres_installees', rooms);
  set(ctx, 'chambres_individuelles', Math.round(rooms * uniform(stable, 0.85, 1)));
  set(
    ctx,
    'vehicules_adaptes',
    residential || profile.kind === 'day' ? Math.round(base / uniform(stable, 12, 30)) : 0,
  );
  set(ctx, 'vehicules_non_adaptes', Math.round(base / uniform(stable, 10, 40)));

  // --- Everything else, by type (booleans, choices, dates, texts, unknown items)
  for (const item of applicable) {
    if (item.code in ctx.values) continue;
    const parent =
      CONDITIONAL_PARENT[item.code] ?? (item.code.endsWith('_mode') ? item.code.slice(0, -5) : undefined);
    const draw = genericValue(item, stable, dataYear, ctx, base);
    if (parent && has(ctx, parent) && ctx.values[parent] !== true) continue;
    ctx.values[item.code] = draw;
  }
  if (previous) keepPrevious(ctx, applicable, yearly);

  const plantedErrors = plantErrors(ctx, options, profile, errors, permanent);
  return { values: ctx.values, plantedErrors };
}

function genericValue(item: Item, random: Random, dataYear: number, ctx: Context, base: number): unknown {
  switch (item.type) {
    case 'boolean':
      return random.chance(YES_RATES[item.code] ?? 0.7);
    case 'choice': {
      const choices = item.choices ?? [];
      if (choices.length === 0) return undefined;
      // Fallback codes (sans objet, aucun, autre) are less frequent.
      const weights = choices.map((c) =>
        /^(sans_objet|aucun|autre|sans_convention)$/.test(c.code) ? 0.3 : 1,
      );
      return choices[random.weightedIndex(weights)]?.code;
    }
    case 'date':
      return isoDate(dataYear - dateAge(item.code, random), random.int(0, 364));
    case 'text':
      return random.pick(TEXTS[item.code] ?? DEFAULT_TEXT);
    case 'integer':
    case 'decimal':
    case 'percentage': {
      const lo = item.min ?? 0;
      const hi = item.max ?? (item.type === 'percentage' ? 100 : lo + base);
      const x = clamp(
        item.type === 'percentage' ? random.int(0, 100) : Math.round(base * random.next()),
        lo,
        hi,
      );
      void ctx;
      return item.type === 'integer' ? Math.round(x) : x;
    }
    default:
      return undefined;
  }
}

/** Years back from the data year of a date item. */
function dateAge(code: string, random: Random): number {
  if (code === 'date_ouverture') return random.int(3, 60);
  if (code === 'date_construction_renovation') return random.int(1, 50);
  if (code === 'cvs_date_derniere_reunion') return 0;
  if (code.endsWith('_echeance')) return -random.int(1, 5);
  if (code.startsWith('date_autorisation')) return random.int(0, 14);
  return random.int(0, 6);
}

/** Booleans, choices, dates, texts and free quantities stay as last year (small drift). */
function keepPrevious(ctx: Context, applicable: readonly Item[], yearly: Random): void {
  for (const item of applicable) {
    const prev = ctx.previous?.[item.code];
    if (prev === undefined || prev === null || !(item.code in ctx.values)) continue;
    if (item.type === 'boolean' || item.type === 'choice' || item.type === 'text') {
      const keep = yearly.chance(0.95);
      if (keep && typeof prev === typeof ctx.values[item.code]) ctx.values[item.code] = prev;
    } else if (item.type === 'date') {
      if (typeof prev === 'string' && item.code !== 'cvs_date_derniere_reunion' && yearly.chance(0.9)) {
        ctx.values[item.code] = prev;
      }
    } else if (FREE_NUMERIC.has(item.code) && typeof prev === 'number' && prev >= 0) {
      const next = prev * Math.exp(0.02 * yearly.normal());
      ctx.values[item.code] = item.type === 'integer' ? Math.round(next) : Math.round(next);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Planted errors

function plantErrors(
  ctx: Context,
  options: GenerateValuesOptions,
  profile: CategoryProfile,
  random: Random,
  permanent: number,
): PlantedError[] {
  const scale = options.errorScale ?? 1;
  const out: PlantedError[] = [];
  const v = ctx.values;
  const corrupt = (code: string, kind: PlantedErrorKind, value: unknown): void => {
    if (!has(ctx, code) || !(code in v)) return;
    out.push({ itemCode: code, kind, clean: v[code] });
    v[code] = value;
  };
  const num = (code: string): number => (typeof v[code] === 'number' ? (v[code] as number) : 0);
  // One draw per kind, always in the same order, so rates are independent of the category.
  const draws = PLANTED_ERROR_KINDS.map(() => random.next());
  const hit = (kind: PlantedErrorKind, rate = PLANTED_ERROR_RATES[kind]): boolean =>
    (draws[PLANTED_ERROR_KINDS.indexOf(kind)] ?? 1) < rate * scale;

  const etpCodes = Object.keys(v).filter((c) => c.startsWith('etp_reels_'));
  if (hit('etp_headcount')) {
    for (const code of etpCodes)
      corrupt(code, 'etp_headcount', Math.round(num(code) * uniform(random, 1.08, 1.25)));
  } else if (hit('etp_times_10')) {
    const largest = ETP_MAIN.map((f) => `etp_reels_${f}`).reduce((a, b) => (num(b) > num(a) ? b : a));
    corrupt(largest, 'etp_times_10', round2(num(largest) * 10));
  }
  if (hit('euro_kilo_confusion')) {
    const down = random.chance(0.5) || num('depenses_realisees') * 1000 > 1e10;
    for (const code of AMOUNT_CODES) {
      if (code in v) corrupt(code, 'euro_kilo_confusion', down ? round2(num(code) / 1000) : num(code) * 1000);
    }
  }
  if (hit('swapped_fields')) {
    const pair: [string, string] =
      'gmp_connu' in v && 'pmp_connu' in v
        ? ['gmp_connu', 'pmp_connu']
        : num('lits_places_autorises_permanent') !== num('lits_places_installes_permanent')
          ? ['lits_places_autorises_permanent', 'lits_places_installes_permanent']
          : ['recrutements', 'etp_vacants'];
    const [a, b] = pair;
    if (a in v && b in v) {
      const [va, vb] = [v[a], v[b]];
      const item = ctx.items.get(a);
      corrupt(a, 'swapped_fields', item?.type === 'integer' ? Math.round(vb as number) : vb);
      corrupt(b, 'swapped_fields', va);
    }
  }
  if (hit('capacity_times_10') && permanent > 0) {
    corrupt(
      'lits_places_installes_permanent',
      'capacity_times_10',
      num('lits_places_installes_permanent') * 10,
    );
  }
  if (GIR_CODES.every((c) => c in v) && hit('gir_sum_mismatch')) {
    const g = random.int(0, 5);
    const code = GIR_CODES[g] as string;
    const delta = Math.max(1, Math.round(num('personnes_accompagnees_31_12') * uniform(random, 0.05, 0.2)));
    corrupt(code, 'gir_sum_mismatch', num(code) + (random.chance(0.5) || num(code) < delta ? delta : -delta));
  }
  const mainJournees = JOURNEES_DONE[0] as string;
  const mainCode = JOURNEES_DONE.reduce((a, b) => (num(b) > num(a) ? b : a), mainJournees);
  if (num(mainCode) > 0 && hit('occupancy_over_110')) {
    const theoretical = num('journees_theoriques');
    const target = Math.round(theoretical * uniform(random, 1.12, 1.4));
    const others = JOURNEES_DONE.reduce((s, c) => s + (c === mainCode ? 0 : num(c)), 0);
    corrupt(mainCode, 'occupancy_over_110', Math.max(num(mainCode) + 1, target - others));
  }
  if (hit('absence_in_hours')) {
    for (const code of ABSENCE_CODES) corrupt(code, 'absence_in_hours', num(code) * 7);
  }
  if (hit('negative_amount')) {
    const code = random.pick(
      ['charges_courantes', 'depenses_groupe_3', 'valeur_brute_equipements'].filter((c) => c in v),
    );
    if (code) corrupt(code, 'negative_amount', -Math.abs(num(code)) || -1);
  }
  if (hit('missing_block', missingBlockRate(options.structure))) {
    const counted = [...ctx.items.values()].filter((i) => !i.excludedFromCompleteness);
    const domains = [
      'RESSOURCES_HUMAINES',
      'FINANCES',
      'SYSTEME_INFORMATION',
      'DEVELOPPEMENT_DURABLE',
      'PRESTATIONS',
    ];
    const start = random.int(0, domains.length - 1);
    let blanked = 0;
    for (let k = 0; k < domains.length && blanked <= counted.length * 0.12; k++) {
      const domain = domains[(start + k) % domains.length];
      for (const item of counted) {
        if (item.domain !== domain || !(item.code in v)) continue;
        out.push({ itemCode: item.code, kind: 'missing_block', clean: v[item.code] });
        delete v[item.code];
        blanked++;
      }
    }
    void profile;
  }
  return out;
}

/** Values of a whole campaign (one data year), keyed by FINESS. */
export function generateCampaignValues(
  seed: number,
  structures: readonly StructureInput[],
  dictionary: Dictionary,
  dataYear: number,
  previousByFiness?:
    ReadonlyMap<string, Record<string, unknown>> | Readonly<Record<string, Record<string, unknown>>>,
): Map<string, GeneratedValues> {
  const out = new Map<string, GeneratedValues>();
  const lookup = (finess: string): Record<string, unknown> | undefined =>
    previousByFiness instanceof Map
      ? previousByFiness.get(finess)
      : (previousByFiness as Readonly<Record<string, Record<string, unknown>>> | undefined)?.[finess];
  for (const structure of structures) {
    out.set(
      structure.finess,
      generateSubmissionValues({ seed, structure, dictionary, dataYear, previous: lookup(structure.finess) }),
    );
  }
  return out;
}
