import { getIndicatorDefinitions } from './definitions';
import { computeIndicator, computeIndicators } from './compute';
import type { IndicatorDefinition, IndicatorResult } from './schema';

// Every expected figure below was worked out by hand from the literal inputs.
const definitions = getIndicatorDefinitions(2026).indicators;
const byCode = new Map(definitions.map((d) => [d.code, d]));

function def(code: string): IndicatorDefinition {
  const found = byCode.get(code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

function run(code: string, categoryCode: string, values: Record<string, unknown>, variant?: string) {
  return computeIndicator(def(code), {
    categoryCode,
    values,
    variants: variant === undefined ? undefined : { [code]: variant },
  });
}

function valueOf(result: IndicatorResult): number {
  if (result.status !== 'computed' || result.kind === 'distribution') {
    throw new Error(`expected a computed value, got ${JSON.stringify(result)}`);
  }
  return result.value;
}

function sharesOf(result: IndicatorResult): Record<string, [number, number]> {
  if (result.status !== 'computed' || result.kind !== 'distribution') {
    throw new Error(`expected a distribution, got ${JSON.stringify(result)}`);
  }
  return Object.fromEntries(result.parts.map((p) => [p.key, [p.value, p.share]]));
}

// [code, category, values, expected value, variant?]
const SCALARS: [string, string, Record<string, number>, number, string?][] = [
  ['P01', 'IME', { personnes_derogation_age: 6, personnes_accompagnees_31_12: 40 }, 15],
  ['P05', 'EHPAD', { duree_accompagnement_sortants: 36500, sorties_definitives: 50 }, 730],
  ['P06', 'MAS', { personnes_mesure_protection: 12, personnes_accompagnees_31_12: 48 }, 25],
  [
    'P07',
    'EHPAD',
    { journees_aide_sociale: 7300, places_habilitees_aide_sociale: 25, jours_ouverture: 365 },
    80,
  ],
  ['P08', 'EHPAD', { gmp_valide: 720 }, 720],
  ['P08a', 'EHPAD', { gmp_connu: 735.5 }, 735.5],
  ['P09', 'EHPAD', { pmp_valide: 210 }, 210],
  ['P09a', 'EHPAD', { pmp_connu: 198 }, 198],
  [
    'P12',
    'EHPAD',
    {
      journees_hospitalisation_complete: 730,
      journees_realisees_hebergement_permanent: 36135,
      journees_realisees_hebergement_temporaire: 365,
    },
    2,
  ],
  [
    'P13',
    'EHPAD',
    {
      journees_realisees_hebergement_permanent: 29000,
      journees_realisees_hebergement_temporaire: 500,
      journees_realisees_accueil_jour: 500,
      journees_financees: 32000,
    },
    93.75,
  ],
  [
    'P13',
    'IME',
    { journees_realisees_internat: 9000, journees_realisees_externat: 6000, journees_financees: 15000 },
    100,
  ],
  ['P14', 'CMPP', { seances_realisees: 4500, seances_financees: 5000 }, 90],
  [
    'P15',
    'EHPAD',
    {
      journees_realisees_hebergement_permanent: 21900,
      lits_places_autorises_permanent: 80,
      jours_ouverture: 365,
    },
    75,
  ],
  [
    'P15',
    'EHPAD',
    {
      journees_realisees_hebergement_permanent: 21900,
      lits_places_installes_permanent: 75,
      jours_ouverture: 365,
    },
    80,
    'installes',
  ],
  [
    'P16',
    'EHPAD',
    {
      journees_realisees_hebergement_temporaire: 1460,
      lits_places_autorises_temporaire: 5,
      jours_ouverture: 365,
    },
    80,
  ],
  [
    'P17',
    'EHPAD',
    {
      journees_realisees_accueil_jour: 1500,
      places_autorisees_accueil_jour: 10,
      jours_ouverture_accueil_jour: 250,
    },
    60,
  ],
  ['P18', 'EHPAD', { journees_absence: 450, personnes_absentes: 30 }, 15],
  ['P19', 'CAMSP', { seances_non_realisees: 300, seances_programmees: 2400 }, 12.5],
  ['P20', 'SESSAD', { personnes_accompagnees_31_12: 80, sorties_definitives: 25 }, 105],
  [
    'P21',
    'EHPAD',
    {
      entrees: 30,
      lits_places_autorises_permanent: 80,
      lits_places_autorises_temporaire: 5,
      places_autorisees_accueil_jour: 15,
    },
    30,
  ],
  [
    'P22',
    'EHPAD',
    {
      entrees: 30,
      sorties_definitives: 26,
      lits_places_autorises_permanent: 80,
      lits_places_autorises_temporaire: 5,
      places_autorisees_accueil_jour: 15,
    },
    0.28,
  ],
  ['P23', 'EHPAD', { personnes_accueil_jour: 45, places_autorisees_accueil_jour: 15 }, 3],
  ['R01', 'EHPAD', { etp_vacants: 3, etp_budgetes: 60 }, 5],
  ['R01a', 'EHPAD', { etp_vacants_soins: 1.5, etp_budgetes: 60 }, 2.5],
  ['R01b', 'IME', { etp_vacants_socio_educatif: 0.6, etp_budgetes: 60 }, 1],
  [
    'R02',
    'EHPAD',
    {
      compte_6111: 10000,
      compte_6112: 5000,
      compte_621_hors_62111: 20000,
      compte_6223: 3000,
      compte_6226: 2000,
      depenses_groupe_2: 985000,
    },
    4,
  ],
  [
    'R03',
    'EHPAD',
    {
      etp_management: 6,
      etp_reels_direction: 4,
      etp_reels_administration: 6,
      etp_reels_paramedical: 40,
      etp_reels_socio_educatif: 10,
    },
    10,
  ],
  [
    'R04',
    'EHPAD',
    {
      jours_absence_maladie_courte: 730,
      jours_absence_maladie_moyenne: 292,
      jours_absence_maladie_longue: 146,
      jours_absence_maternite_paternite: 146,
      jours_absence_at_mp: 73,
      jours_absence_conges_speciaux: 73,
      etp_reels_direction: 2,
      etp_reels_paramedical: 30,
      etp_reels_ash: 8,
    },
    10,
  ],
  ['R06', 'EHPAD', { recrutements: 12, departs: 8, effectif_physique_n_1: 50 }, 20],
  [
    'R09',
    'EHPAD',
    {
      etp_reels_direction: 5,
      etp_reels_paramedical: 55,
      lits_places_autorises_permanent: 80,
      lits_places_autorises_temporaire: 0,
      places_autorisees_accueil_jour: 20,
    },
    0.6,
  ],
  [
    'R09',
    'EHPAD',
    { etp_reels_direction: 5, etp_reels_paramedical: 55, personnes_accompagnees_31_12: 75 },
    0.8,
    'par_usager',
  ],
  ['R10', 'SSIAD', { cdd_remplacement: 14 }, 14],
  ['F01', 'EHPAD', { recettes_realisees: 1030000, recettes_prevues: 1000000 }, 103],
  ['F02', 'EHPAD', { depenses_realisees: 980000, depenses_prevues: 1000000 }, 98],
  ['F03', 'EHPAD', { caf: 150000, produits_hors_775_777_7781_78: 3000000 }, 5],
  ['F04', 'EHPAD', { amortissements_constructions: 2400000, valeur_brute_constructions: 4000000 }, 60],
  ['F05', 'EHPAD', { amortissements_equipements: 450000, valeur_brute_equipements: 600000 }, 75],
  ['F06', 'EHPAD', { dettes_financieres: 1200000, capitaux_permanents: 4800000 }, 25],
  ['F07', 'EHPAD', { frng: 500000, charges_courantes: 3650000 }, 50],
  ['F07', 'EHPAD', { frng: -100000, charges_courantes: 3650000 }, -10],
  [
    'F10',
    'EAM',
    {
      depenses_soins_personnel: 800000,
      depenses_soins_fournitures: 100000,
      depenses_soins_materiel: 50000,
      dotation_soins: 1000000,
    },
    95,
  ],
  ['O01', 'EHPAD', { dossiers_administratifs_informatises: 72, personnes_accompagnees_31_12: 80 }, 90],
  ['O02', 'IME', { projets_personnalises_informatises: 60, personnes_accompagnees_31_12: 80 }, 75],
  ['O03', 'ESAT', { energie_consommation_kwh: 1200000, energie_superficie: 8000 }, 150],
];

// [code, category, values, expected { key: [value, share %] }, total, base]
const DISTRIBUTIONS: [
  string,
  string,
  Record<string, number>,
  Record<string, [number, number]>,
  number,
  number,
][] = [
  [
    'P02',
    'EHPAD',
    { personnes_age_60_74: 10, personnes_age_75_84: 30, personnes_age_85_95: 50, personnes_age_96_plus: 10 },
    {
      age_moins_1: [0, 0],
      age_60_74: [10, 10],
      age_75_84: [30, 30],
      age_85_95: [50, 50],
      age_96_plus: [10, 10],
    },
    100,
    100,
  ],
  [
    'P03',
    'EHPAD',
    {
      personnes_gir_1: 10,
      personnes_gir_2: 20,
      personnes_gir_3: 15,
      personnes_gir_4: 25,
      personnes_gir_5: 5,
      personnes_gir_6: 5,
      personnes_accompagnees_31_12: 100,
    },
    { gir_1: [10, 10], gir_2: [20, 20], gir_3: [15, 15], gir_4: [25, 25], gir_5: [5, 5], gir_6: [5, 5] },
    80,
    100,
  ],
  [
    'P04',
    'IME',
    {
      deficience_principale_intellectuelles: 30,
      deficience_principale_autisme_ted: 10,
      deficience_principale_psychisme: 5,
      deficience_principale_non_renseignee: 5,
    },
    {
      intellectuelles: [30, 60],
      autisme_ted: [10, 20],
      psychisme: [5, 10],
      non_renseignee: [5, 10],
      polyhandicap: [0, 0],
    },
    50,
    50,
  ],
  [
    'P04a',
    'IME',
    {
      deficience_associee_psychisme: 8,
      deficience_associee_langage_apprentissages: 12,
      personnes_accompagnees_31_12: 40,
    },
    { psychisme: [8, 20], langage_apprentissages: [12, 30], motrices: [0, 0] },
    20,
    40,
  ],
  [
    'P10',
    'EHPAD',
    {
      entrees_domicile: 12,
      entrees_etablissement_sante: 6,
      entrees_etablissement_medico_social: 1,
      entrees_provenance_inconnue: 1,
    },
    {
      domicile: [12, 60],
      etablissement_sante: [6, 30],
      etablissement_medico_social: [1, 5],
      inconnue: [1, 5],
    },
    20,
    20,
  ],
  [
    'P11',
    'EHPAD',
    {
      sorties_deces: 8,
      sorties_hospitalisation: 4,
      sorties_domicile: 2,
      sorties_reorientation: 5,
      sorties_destination_inconnue: 1,
    },
    { deces: [8, 40], hospitalisation: [4, 20], domicile: [2, 10], reorientation: [5, 25], inconnue: [1, 5] },
    20,
    20,
  ],
  [
    'R05',
    'EHPAD',
    {
      jours_absence_maladie_courte: 730,
      jours_absence_maladie_moyenne: 292,
      jours_absence_maladie_longue: 146,
      jours_absence_maternite_paternite: 146,
      jours_absence_at_mp: 73,
      jours_absence_conges_speciaux: 73,
      etp_reels_direction: 2,
      etp_reels_paramedical: 30,
      etp_reels_ash: 8,
    },
    {
      maladie_courte: [5, 50],
      maladie_moyenne: [2, 20],
      maladie_longue: [1, 10],
      maternite_paternite: [1, 10],
      at_mp: [0.5, 5],
      conges_speciaux: [0.5, 5],
    },
    10,
    10,
  ],
  [
    'R07',
    'EHPAD',
    { etp_reels_direction: 2, etp_reels_administration: 3, etp_reels_paramedical: 25, etp_reels_ash: 10 },
    { direction: [2, 5], administration: [3, 7.5], paramedical: [25, 62.5], ash: [10, 25], medical: [0, 0] },
    40,
    40,
  ],
  [
    'R08',
    'ESAT',
    {
      personnel_age_20_29: 10,
      personnel_age_30_39: 15,
      personnel_age_40_49: 15,
      personnel_age_50_54: 5,
      personnel_age_55_59: 5,
    },
    {
      age_moins_20: [0, 0],
      age_20_29: [10, 20],
      age_30_39: [15, 30],
      age_40_49: [15, 30],
      age_50_54: [5, 10],
      age_55_59: [5, 10],
    },
    50,
    50,
  ],
  [
    'F08',
    'EHPAD',
    { depenses_groupe_1: 300000, depenses_groupe_2: 2100000, depenses_groupe_3: 600000 },
    { groupe_1: [300000, 10], groupe_2: [2100000, 70], groupe_3: [600000, 20] },
    3000000,
    3000000,
  ],
  [
    'F09',
    'EHPAD',
    {
      recettes_section_hebergement: 1200000,
      recettes_section_dependance: 300000,
      recettes_section_soins: 1500000,
    },
    { hebergement: [1200000, 40], dependance: [300000, 10], soins: [1500000, 50] },
    3000000,
    3000000,
  ],
  [
    'F09a',
    'EHPAD',
    {
      depenses_section_hebergement: 1050000,
      depenses_section_dependance: 450000,
      depenses_section_soins: 1500000,
    },
    { hebergement: [1050000, 35], dependance: [450000, 15], soins: [1500000, 50] },
    3000000,
    3000000,
  ],
];

describe('hand-computed examples', () => {
  it('cover every indicator of the 2026 definitions', () => {
    const covered = new Set([...SCALARS.map((s) => s[0]), ...DISTRIBUTIONS.map((d) => d[0])]);
    expect(definitions.map((d) => d.code).filter((c) => !covered.has(c))).toEqual([]);
  });

  // A rest parameter: jest would take a fifth declared parameter for a `done` callback.
  it.each(SCALARS)('%s (%s) %j → %d', (...[code, category, values, expected, variant]) => {
    expect(valueOf(run(code, category, values, variant))).toBeCloseTo(expected, 9);
  });

  it.each(DISTRIBUTIONS)('%s (%s) %j', (code, category, values, expected, total, base) => {
    const result = run(code, category, values);
    const shares = sharesOf(result);
    for (const [key, [value, share]] of Object.entries(expected)) {
      expect([key, shares[key]?.[0]]).toEqual([key, value]);
      expect(shares[key]?.[1]).toBeCloseTo(share, 9);
    }
    expect(result).toMatchObject({ total, base });
  });
});

describe('not computable results', () => {
  it('names the missing item by its label', () => {
    expect(run('P13', 'EHPAD', { journees_realisees_hebergement_permanent: 1000 })).toEqual({
      code: 'P13',
      provisional: false,
      status: 'not_computable',
      reason: {
        code: 'MISSING_ITEM',
        message: "Donnée manquante : « Nombre de journées financées sur l'année ».",
        items: ['journees_financees'],
      },
    });
  });

  it('lists every missing item of a ratio', () => {
    const result = run('F01', 'EHPAD', {});
    expect(result).toMatchObject({
      status: 'not_computable',
      reason: {
        code: 'MISSING_ITEM',
        message:
          'Données manquantes : « Recettes réalisées (compte administratif / ERRD) », « Recettes prévues (budget exécutoire / EPRD) ».',
        items: ['recettes_realisees', 'recettes_prevues'],
      },
    });
  });

  it('reports a zero denominator in words', () => {
    expect(
      run('P15', 'EHPAD', {
        journees_realisees_hebergement_permanent: 10,
        lits_places_autorises_permanent: 0,
        jours_ouverture: 365,
      }),
    ).toMatchObject({
      status: 'not_computable',
      provisional: true,
      reason: {
        code: 'ZERO_DENOMINATOR',
        message:
          "Calcul impossible : le dénominateur est nul (« Nombre de lits et places autorisés au 31.12.N-1 (permanent) » × « Nombre de jours d'ouverture de l'année » = 0).",
      },
    });
    expect(run('P11', 'EHPAD', { sorties_deces: 0 })).toMatchObject({
      reason: {
        code: 'ZERO_DENOMINATOR',
        message: 'Calcul impossible : le total de la répartition est nul.',
      },
    });
  });

  it('reports an indicator that does not apply to the category', () => {
    expect(run('P14', 'EHPAD', { seances_realisees: 1, seances_financees: 1 })).toMatchObject({
      status: 'not_computable',
      reason: { code: 'NOT_APPLICABLE', message: 'Indicateur non applicable à la catégorie « EHPAD ».' },
    });
    expect(run('O01', 'XYZ', {})).toMatchObject({ reason: { code: 'NOT_APPLICABLE' } });
  });

  it('reports a non-numeric value and a negative share', () => {
    expect(run('F01', 'EHPAD', { recettes_realisees: 'beaucoup', recettes_prevues: 10 })).toMatchObject({
      reason: {
        code: 'INVALID_VALUE',
        message: 'Valeur non numérique pour : « Recettes réalisées (compte administratif / ERRD) ».',
      },
    });
    expect(
      run('F08', 'EHPAD', { depenses_groupe_1: -1, depenses_groupe_2: 5, depenses_groupe_3: 5 }),
    ).toMatchObject({
      reason: { code: 'NEGATIVE_VALUE', items: ['depenses_groupe_1'] },
    });
  });

  it('accepts French-formatted numbers given as text', () => {
    expect(
      valueOf(run('F01', 'EHPAD', { recettes_realisees: '1 030 000', recettes_prevues: '1000000,0' })),
    ).toBeCloseTo(103, 9);
  });

  it('does not let a blank distribution part pass when parts are required', () => {
    expect(run('F08', 'EHPAD', { depenses_groupe_1: 1, depenses_groupe_2: 2 })).toMatchObject({
      reason: { code: 'MISSING_ITEM', items: ['depenses_groupe_3'] },
    });
    expect(run('R07', 'EHPAD', {})).toMatchObject({ reason: { code: 'MISSING_ITEM' } });
  });
});

describe('computeIndicators', () => {
  it('returns one result per definition, in order, flagging provisional ones', () => {
    const results = computeIndicators(definitions, { categoryCode: 'EHPAD', values: {} });
    expect(results.map((r) => r.code)).toEqual(definitions.map((d) => d.code));
    expect(results.filter((r) => r.provisional).map((r) => r.code)).toEqual(
      definitions.filter((d) => d.status === 'provisional').map((d) => d.code),
    );
  });
});
