import type { CampaignJobDto, IndicatorGuide, IndicatorSheet, IndicatorValueDto } from '@tdb/contracts';

export const PROVISIONAL_NOTICE =
  'Définition provisoire : aucune formule officielle publiée n’a été trouvée ; cette formule est proposée et doit être validée avec le guide des indicateurs ANAP/ATIH.';

export function buildIndicatorSheet(overrides: Partial<IndicatorSheet> = {}): IndicatorSheet {
  return {
    code: 'P01',
    label: "Taux d'occupation",
    axis: 'PRESTATIONS',
    axisLabel: "Prestations de soins et d'accompagnement",
    kind: 'ratio',
    meaning: 'Part des journées réalisées sur les journées théoriques.',
    unit: '%',
    formulaInWords: 'Nombre de journées réalisées ÷ Nombre de journées théoriques × 100',
    direction: 'higher_is_better',
    directionLabel: 'Plus la valeur est élevée, mieux c’est',
    categories: 'ALL',
    status: 'verified',
    provisionalNotice: null,
    source: 'https://www.anap.fr/tdb',
    notes: ['Les journées d’hospitalisation sont exclues.'],
    ...overrides,
  };
}

/** Five sheets, one or two per axis; R01 and O01 are provisional. */
export const indicatorSheets: IndicatorSheet[] = [
  buildIndicatorSheet(),
  buildIndicatorSheet({
    code: 'P02',
    label: 'Répartition des résidents par GIR',
    kind: 'distribution',
    meaning: 'Part des résidents dans chaque groupe iso-ressources.',
    unit: 'personnes',
    formulaInWords: 'Résidents du GIR ÷ Total des résidents',
    direction: 'neutral',
    directionLabel: 'Ni plus haut ni plus bas n’est meilleur en soi : à interpréter selon le contexte',
    categories: ['EHPAD'],
    notes: [],
  }),
  buildIndicatorSheet({
    code: 'R01',
    label: "Taux d'absentéisme",
    axis: 'RESSOURCES',
    axisLabel: 'Ressources humaines et matérielles',
    meaning: 'Part des jours d’absence des salariés.',
    formulaInWords: "Nombre de jours d'absence ÷ Nombre de jours travaillés × 100",
    direction: 'lower_is_better',
    directionLabel: 'Plus la valeur est basse, mieux c’est',
    status: 'provisional',
    provisionalNotice: PROVISIONAL_NOTICE,
    source: 'Guide ANAP 2021, fiche R1',
  }),
  buildIndicatorSheet({
    code: 'F01',
    label: 'Résultat net comptable',
    axis: 'FINANCES',
    axisLabel: 'Finances et budget',
    kind: 'value',
    meaning: 'Excédent ou déficit de l’exercice.',
    unit: '€',
    formulaInWords: 'Total des produits − Total des charges',
    direction: 'neutral',
    directionLabel: 'Ni plus haut ni plus bas n’est meilleur en soi : à interpréter selon le contexte',
    notes: [],
  }),
  buildIndicatorSheet({
    code: 'O01',
    label: 'Évaluation externe réalisée',
    axis: 'OBJECTIFS',
    axisLabel: 'Objectifs',
    kind: 'value',
    meaning: 'Réalisation de l’évaluation de la qualité.',
    unit: 'points',
    formulaInWords: 'Évaluation réalisée dans les 5 ans',
    status: 'provisional',
    provisionalNotice: PROVISIONAL_NOTICE,
    notes: [],
  }),
];

export const indicatorGuide: IndicatorGuide = {
  campaignYear: 2026,
  dictionaryVersion: '2026.1',
  sheets: indicatorSheets,
  qualitativeAxes: [
    {
      code: 'O05',
      label: 'Développement durable',
      meaning: 'Les démarches de développement durable engagées par la structure.',
      practices: [
        {
          code: 'dd_politique_dechets',
          label: 'Politique de gestion des déchets',
          type: 'boolean',
          rule: 'oui / non',
        },
        {
          code: 'projet_etablissement_date',
          label: 'Projet d’établissement',
          type: 'date',
          rule: 'date (en place quand une date est saisie)',
        },
      ],
    },
    {
      code: 'O04',
      label: 'Couverture fonctionnelle et maturité du système d’information',
      meaning: 'Les fonctions couvertes par un logiciel.',
      practices: [
        {
          code: 'si_outil_comptabilite',
          label: 'Comptabilité couverte par un logiciel (dédié ou module de progiciel)',
          type: 'choice',
          rule: 'choix (en place pour «\u00a0Logiciel dédié\u00a0» ou «\u00a0Module d’un progiciel intégré\u00a0» ; pas pour «\u00a0Tableur / bureautique\u00a0» ou «\u00a0Aucun outil\u00a0»)',
        },
        {
          code: 'si_rh_modules',
          label: 'SI RH couvrant au moins un module',
          type: 'integer',
          rule: 'nombre de modules sur 9 (en place à partir de 1 module)',
        },
      ],
    },
  ],
};

export function buildIndicatorValue(overrides: Partial<IndicatorValueDto> = {}): IndicatorValueDto {
  return {
    code: 'P01',
    label: "Taux d'occupation",
    axis: 'PRESTATIONS',
    unit: '%',
    kind: 'ratio',
    computable: true,
    value: 87.54,
    parts: null,
    reasonCode: null,
    reason: null,
    provisional: false,
    previousValue: 85,
    dictionaryVersion: '2026.1',
    ...overrides,
  };
}

export const indicatorValues: IndicatorValueDto[] = [
  buildIndicatorValue(),
  buildIndicatorValue({
    code: 'P02',
    label: 'Répartition des résidents par GIR',
    kind: 'distribution',
    unit: 'personnes',
    value: null,
    previousValue: null,
    parts: [
      { key: 'gir_1', label: 'GIR 1', value: 12, share: 15 },
      { key: 'gir_2', label: 'GIR 2', value: 68, share: 85 },
    ],
  }),
  buildIndicatorValue({
    code: 'R01',
    label: "Taux d'absentéisme",
    axis: 'RESSOURCES',
    computable: false,
    value: null,
    previousValue: 6.2,
    reasonCode: 'MISSING_ITEM',
    reason: "Donnée manquante : « Nombre de jours d'absence ».",
    provisional: true,
  }),
  buildIndicatorValue({
    code: 'F01',
    label: 'Résultat net comptable',
    axis: 'FINANCES',
    kind: 'value',
    unit: '€',
    value: 125000,
    previousValue: null,
  }),
];

export function buildJob(overrides: Partial<CampaignJobDto> = {}): CampaignJobDto {
  return {
    id: 'job-1',
    campaignYear: 2026,
    kind: 'RECOMPUTE_INDICATORS',
    status: 'RUNNING',
    total: 40,
    done: 12,
    error: null,
    createdAt: '2026-05-02T08:00:00.000Z',
    startedAt: '2026-05-02T08:00:01.000Z',
    finishedAt: null,
    ...overrides,
  };
}
