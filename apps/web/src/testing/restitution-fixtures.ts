import type {
  DistributionDto,
  DistributionLevel,
  ItemBenchmark,
  OrganisationRestitution,
  RestitutionIndicator,
  RestitutionStage,
  StructureRestitution,
  TerritoryMap,
  TerritoryScatter,
  TerritoryTable,
  TerritoryTableIndicator,
} from '@tdb/contracts';

/** In restitution: final figures, peers for everybody. */
export const openStage: RestitutionStage = {
  provisional: false,
  notice: null,
  peers: { available: true, reason: null, availableFrom: '2026-09-01' },
};

/** Before the restitution, as a structure's user reads it: its own values only. */
export const ownFiguresStage: RestitutionStage = {
  provisional: true,
  notice:
    'Valeurs provisoires : elles peuvent encore changer jusqu’à la fin de la fiabilisation (restitution à partir du 1er septembre 2026).',
  peers: {
    available: false,
    reason:
      'Les comparaisons avec les structures similaires seront disponibles à partir du 1er septembre 2026, après la fiabilisation.',
    availableFrom: '2026-09-01',
  },
};

/** Before the restitution, as an authority reads it: provisional distributions. */
export const provisionalPeersStage: RestitutionStage = {
  provisional: true,
  notice:
    'Chiffres provisoires, pour les contrôles de fiabilisation : les valeurs et les distributions peuvent encore changer. Les structures verront leurs comparaisons à partir du 1er septembre 2026.',
  peers: { available: true, reason: null, availableFrom: '2026-09-01' },
};

export function buildDistribution(
  level: DistributionLevel,
  territoryCode: string,
  overrides: Partial<DistributionDto> = {},
): DistributionDto {
  return {
    level,
    territoryCode,
    suppressed: false,
    n: 120,
    mean: 86,
    median: 88,
    deciles: [70, 75, 80, 84, 88, 90, 92, 94, 97],
    ...overrides,
  };
}

export function suppressedDistribution(level: DistributionLevel, territoryCode: string): DistributionDto {
  return { level, territoryCode, suppressed: true, n: null, mean: null, median: null, deciles: null };
}

export function buildRestitutionIndicator(
  overrides: Partial<RestitutionIndicator> = {},
): RestitutionIndicator {
  return {
    code: 'P01',
    label: "Taux d'occupation",
    axis: 'PRESTATIONS',
    unit: '%',
    direction: 'higher_is_better',
    provisional: false,
    provisionalNotice: null,
    value: 91,
    reason: null,
    decile: { NATION: 7, REGION: 6, DEPARTMENT: null },
    national: buildDistribution('NATION', 'FR'),
    regional: buildDistribution('REGION', '11', {
      n: 30,
      median: 89,
      deciles: [72, 78, 82, 86, 89, 91, 93, 95, 98],
    }),
    departmental: suppressedDistribution('DEPARTMENT', '75'),
    trend: [
      { campaignYear: 2024, value: 85 },
      { campaignYear: 2025, value: 88 },
      { campaignYear: 2026, value: 91 },
    ],
    ...overrides,
  };
}

export const structureRestitution: StructureRestitution = {
  campaignYear: 2026,
  finess: '750000001',
  name: 'RÉSIDENCE LES CHÊNES',
  categoryCode: 'EHPAD',
  categoryLabel: 'EHPAD',
  regionCode: '11',
  departmentCode: '75',
  submissionStatus: 'VALIDATED',
  computedAt: '2026-06-01T10:00:00.000Z',
  stage: openStage,
  indicators: [
    buildRestitutionIndicator(),
    buildRestitutionIndicator({
      code: 'R01',
      label: "Taux d'absentéisme",
      axis: 'RESSOURCES',
      direction: 'lower_is_better',
      value: 12,
      decile: { NATION: 3, REGION: null, DEPARTMENT: null },
      national: buildDistribution('NATION', 'FR', {
        median: 14,
        deciles: [6, 9, 12.5, 13, 14, 15, 17, 19, 22],
      }),
      regional: suppressedDistribution('REGION', '11'),
      departmental: null,
      trend: [{ campaignYear: 2026, value: 12 }],
    }),
  ],
};

export const tableIndicators: TerritoryTableIndicator[] = [
  { code: 'P01', label: "Taux d'occupation", unit: '%', direction: 'higher_is_better' },
  { code: 'R01', label: "Taux d'absentéisme", unit: '%', direction: 'lower_is_better' },
];

export const territoryTable: TerritoryTable = {
  campaignYear: 2026,
  indicators: tableIndicators,
  total: 2,
  page: 1,
  pageSize: 50,
  sort: 'name',
  stage: openStage,
  rows: [
    {
      finess: '750000001',
      name: 'RÉSIDENCE LES CHÊNES',
      categoryCode: 'EHPAD',
      departmentCode: '75',
      regionCode: '11',
      submissionStatus: 'VALIDATED',
      values: {
        P01: { value: 91, nationalDecile: 7, regionalDecile: 6 },
        R01: { value: 12, nationalDecile: 3, regionalDecile: null },
      },
    },
    {
      finess: '920000002',
      name: 'EHPAD LES TILLEULS',
      categoryCode: 'EHPAD',
      departmentCode: '92',
      regionCode: '11',
      submissionStatus: 'CONFIRMED',
      values: {
        P01: { value: 72, nationalDecile: 1, regionalDecile: 1 },
        R01: { value: null, nationalDecile: null, regionalDecile: null },
      },
    },
  ],
};

export const territoryMap: TerritoryMap = {
  campaignYear: 2026,
  stage: openStage,
  indicator: tableIndicators[0] as TerritoryTableIndicator,
  categoryCode: 'EHPAD',
  national: { code: 'FR', name: 'France', status: 'OK', suppressed: false, n: 1200, median: 88 },
  regions: [{ code: '11', name: 'Île-de-France', status: 'OK', suppressed: false, n: 60, median: 89 }],
  departments: [
    { code: '75', name: 'Paris', regionCode: '11', status: 'OK', suppressed: false, n: 30, median: 80 },
    {
      code: '92',
      name: 'Hauts-de-Seine',
      regionCode: '11',
      status: 'OK',
      suppressed: false,
      n: 30,
      median: 95,
    },
    {
      code: '2A',
      name: 'Corse-du-Sud',
      regionCode: '94',
      status: 'SUPPRESSED',
      suppressed: true,
      n: null,
      median: null,
    },
    {
      code: '974',
      name: 'La Réunion',
      regionCode: '04',
      status: 'NO_DATA',
      suppressed: false,
      n: null,
      median: null,
    },
  ],
};

export const territoryScatter: TerritoryScatter = {
  campaignYear: 2026,
  stage: openStage,
  categoryCode: 'EHPAD',
  x: tableIndicators[0] as TerritoryTableIndicator,
  y: tableIndicators[1] as TerritoryTableIndicator,
  points: [
    { finess: '750000001', name: 'RÉSIDENCE LES CHÊNES', x: 91, y: 12, highlighted: true },
    { finess: '920000002', name: 'EHPAD LES TILLEULS', x: 72, y: 18, highlighted: false },
    { finess: '920000003', name: 'EHPAD LES ROSES', x: 85, y: 9, highlighted: false },
  ],
  medians: { x: 85, y: 12 },
  nationalMedians: { x: 88, y: 14 },
};

export const organisationRestitution: OrganisationRestitution = {
  campaignYear: 2026,
  finess: '750000010',
  name: 'ASSOCIATION LES AMIS DES CHÊNES',
  indicators: tableIndicators,
  structures: [
    {
      finess: '750000001',
      name: 'RÉSIDENCE LES CHÊNES',
      categoryCode: 'EHPAD',
      departmentCode: '75',
      submissionStatus: 'VALIDATED',
      values: { P01: { value: 91, nationalDecile: 7 }, R01: { value: 12, nationalDecile: 3 } },
    },
    {
      finess: '920000002',
      name: 'EHPAD LES TILLEULS',
      categoryCode: 'EHPAD',
      departmentCode: '92',
      submissionStatus: 'SUBMITTED',
      values: { P01: { value: 72, nationalDecile: 1 }, R01: { value: null, nationalDecile: null } },
    },
  ],
  medians: { P01: { n: 2, median: 81.5 }, R01: { n: 1, median: null } },
  stage: openStage,
};

/** The benchmark of "nb_places" over Paris: EHPAD shown, IME suppressed. */
export function buildItemBenchmark(overrides: Partial<ItemBenchmark> = {}): ItemBenchmark {
  return {
    campaignYear: 2026,
    item: {
      code: 'nb_places',
      label: 'Nombre de places installées',
      unit: 'places',
      type: 'integer',
      domain: 'Caractérisation',
      ogLevel: false,
    },
    territory: { level: 'DEPARTMENT', code: '75', name: 'Paris' },
    minimumGroupSize: 5,
    groups: [
      {
        categoryCode: 'EHPAD',
        categoryLabel: 'EHPAD',
        suppressed: false,
        n: 6,
        mean: 40,
        min: 7,
        deciles: [9.5, 12, 21, 30, 35.5, 41, 45.5, 50, 75],
        max: 100,
      },
      {
        categoryCode: 'IME',
        categoryLabel: 'IME',
        suppressed: true,
        n: null,
        mean: null,
        min: null,
        deciles: null,
        max: null,
      },
    ],
    structures: null,
    structuresTotal: 9,
    ...overrides,
  };
}
