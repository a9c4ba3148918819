import type {
  AtypiaTableRow,
  CampaignDetail,
  CampaignSummary,
  OgSubmissionDetail,
  SubmissionDetail,
  SubmissionSummary,
} from '@tdb/contracts';
import type { CampaignDictionary } from '@/features/campaigns/api/get-dictionary';

/** A small literal dictionary: five items for EHPAD (one OG-level), one for IME only. */
export const dictionary: CampaignDictionary = {
  version: '2026.1',
  campaignYear: 2026,
  dataYear: 2025,
  items: [
    {
      code: 'nb_places',
      label: 'Nombre de places installées',
      help: 'Au 31 décembre.',
      domain: 'CARACTERISATION',
      type: 'integer',
      unit: 'places',
      min: 0,
      max: 1000,
      categories: 'ALL',
      requiredIn: 'ALL',
      ogLevel: false,
    },
    {
      code: 'siege_social',
      label: 'Adresse du siège',
      domain: 'CARACTERISATION',
      type: 'text',
      categories: 'ALL',
      requiredIn: [],
      ogLevel: true,
    },
    {
      code: 'taux_occupation',
      label: "Taux d'occupation",
      domain: 'PRESTATIONS',
      type: 'percentage',
      unit: '%',
      categories: ['EHPAD'],
      requiredIn: ['EHPAD'],
      ogLevel: false,
    },
    {
      code: 'dpi',
      label: 'Dossier patient informatisé',
      domain: 'SYSTEME_INFORMATION',
      type: 'boolean',
      categories: 'ALL',
      requiredIn: [],
      ogLevel: false,
    },
    {
      code: 'statut_juridique',
      label: 'Statut juridique',
      domain: 'FINANCES',
      type: 'choice',
      choices: [
        { code: 'PUBLIC', label: 'Public' },
        { code: 'PRIVE', label: 'Privé non lucratif' },
      ],
      categories: 'ALL',
      requiredIn: [],
      ogLevel: false,
    },
    {
      code: 'nb_eleves',
      label: "Nombre d'élèves",
      domain: 'CARACTERISATION',
      type: 'integer',
      categories: ['IME'],
      requiredIn: ['IME'],
      ogLevel: false,
    },
  ],
  indicatorsByItem: {
    nb_places: [
      { code: 'P15', label: "Taux d'occupation des lits ou places", categories: ['EHPAD'] },
      { code: 'P01', label: 'Taux de personnes en dérogation', categories: ['IME'] },
    ],
  },
};

export function buildCampaign(overrides: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    year: 2026,
    dataYear: 2025,
    state: 'OPEN',
    phase: 'COLLECTION',
    phaseLabel: 'Collecte',
    dates: {
      launch: '2026-01-15',
      accountsSetup: '2026-03-01',
      collectionStart: '2026-04-15',
      collectionEnd: '2026-05-31',
      fiabilisationStart: '2026-06-01',
      fiabilisationEnd: '2026-08-31',
      restitutionStart: '2026-09-01',
    },
    closedOn: null,
    threshold: 0.9,
    dictionaryVersion: '2026.1',
    version: 3,
    ...overrides,
  };
}

export function buildCampaignDetail(overrides: Partial<CampaignDetail> = {}): CampaignDetail {
  return {
    ...buildCampaign(overrides),
    counts: { NOT_STARTED: 4, IN_PROGRESS: 3, VALIDATED: 2, INVALIDATED: 1, CONFIRMED: 0 },
    excluded: 0,
    ...overrides,
  };
}

export function buildSubmissionSummary(overrides: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    campaignYear: 2026,
    finess: '750000001',
    name: 'RÉSIDENCE LES CHÊNES',
    categoryCode: 'EHPAD',
    categoryLabel: 'EHPAD',
    departmentCode: '75',
    regionCode: '11',
    ogFiness: '750000010',
    competence: 'SHARED',
    inScope: true,
    scopeReason: null,
    status: 'IN_PROGRESS',
    statusLabel: 'En cours de saisie',
    consultedByCd: false,
    completeness: 0.25,
    updatedAt: '2026-04-20T10:00:00.000Z',
    version: 4,
    extension: null,
    ...overrides,
  };
}

export function buildSubmissionDetail(overrides: Partial<SubmissionDetail> = {}): SubmissionDetail {
  return {
    ...buildSubmissionSummary(overrides),
    campaign: buildCampaign(),
    ogName: 'ASSOCIATION LES AMIS DES CHÊNES',
    values: { nb_places: 80 },
    ogValues: { siege_social: '1 rue de Paris' },
    ogVersion: 2,
    previousValues: { nb_places: 78, taux_occupation: 95.5, dpi: true },
    previousYear: 2025,
    completenessDetail: {
      filled: 1,
      expected: 4,
      ratio: 0.25,
      byDomain: {
        CARACTERISATION: { filled: 1, expected: 1, ratio: 1 },
        PRESTATIONS: { filled: 0, expected: 1, ratio: 0 },
        RESSOURCES_HUMAINES: { filled: 0, expected: 0, ratio: 1 },
        FINANCES: { filled: 0, expected: 1, ratio: 0 },
        SYSTEME_INFORMATION: { filled: 0, expected: 1, ratio: 0 },
        DEVELOPPEMENT_DURABLE: { filled: 0, expected: 0, ratio: 1 },
      },
    },
    issues: [
      {
        itemCode: 'taux_occupation',
        itemLabel: "Taux d'occupation",
        domain: 'PRESTATIONS',
        message: 'Donnée obligatoire à renseigner avant la validation.',
        blocking: true,
      },
    ],
    availableActions: ['SAVE', 'VALIDATE'],
    actions: [
      { action: 'SAVE', allowed: true, reason: null },
      { action: 'VALIDATE', allowed: true, reason: null },
    ],
    extensionAction: {
      action: 'EXTEND',
      allowed: false,
      reason:
        "Seule l'autorité compétente (ARS ou Département) ou l'administrateur national accorde un délai.",
    },
    role: 'STRUCTURE_ENTRY',
    editableDomains: [
      'CARACTERISATION',
      'PRESTATIONS',
      'RESSOURCES_HUMAINES',
      'FINANCES',
      'SYSTEME_INFORMATION',
      'DEVELOPPEMENT_DURABLE',
    ],
    canEditOgItems: false,
    transitions: [],
    referents: [
      {
        id: 'r1',
        organisationKind: 'ARS',
        organisationCode: '11',
        organisationName: 'ARS Île-de-France',
        name: 'Claire Martin',
        email: 'claire.martin@ars.sante.fr',
        phone: '0102030405',
        roleLabel: 'Référente TDB',
      },
    ],
    assignments: [],
    indicators: [],
    flags: [],
    registerValues: [],
    ...overrides,
  };
}

type OgRow = OgSubmissionDetail['structures'][number];

export function buildOgRow(overrides: Partial<OgRow> = {}): OgRow {
  return {
    ...buildSubmissionSummary(overrides),
    values: {},
    previousValues: {},
    availableActions: ['SAVE'],
    role: 'STRUCTURE_ENTRY',
    editableDomains: ['CARACTERISATION', 'PRESTATIONS', 'FINANCES', 'SYSTEME_INFORMATION'],
    issues: [],
    ...overrides,
  };
}

export function buildOgDetail(overrides: Partial<OgSubmissionDetail> = {}): OgSubmissionDetail {
  return {
    campaign: buildCampaign(),
    ogFiness: '750000010',
    ogName: 'ASSOCIATION LES AMIS DES CHÊNES',
    values: { siege_social: '1 rue de Paris' },
    previousValues: {},
    version: 2,
    canEditOgItems: true,
    structures: [
      buildOgRow({ values: { nb_places: 80 }, version: 4 }),
      buildOgRow({
        finess: '750000002',
        name: 'EHPAD LES TILLEULS',
        values: { nb_places: 40 },
        version: 7,
        status: 'IN_PROGRESS',
        completeness: 0.95,
        availableActions: ['SAVE', 'VALIDATE'],
      }),
    ],
    ...overrides,
  };
}

/** An atypia flag of RÉSIDENCE LES CHÊNES on nb_places, as the table lists it. */
export function buildAtypiaRow(overrides: Partial<AtypiaTableRow> = {}): AtypiaTableRow {
  return {
    id: '00000000-0000-4000-8000-0000000f1a01',
    campaignYear: 2026,
    finess: '750000001',
    ruleCode: 'nb_places.yoy',
    ruleLabel: 'Évolution du nombre de places',
    kind: 'year_over_year',
    severity: 'high',
    targetKind: 'item',
    targetCode: 'nb_places',
    value: 120,
    reference: { previous: 80, maxChange: 0.3 },
    message: 'Nombre de places : 120 contre 80 en 2025 (+50 %, au-delà de +30 %).',
    status: 'OPEN',
    version: 2,
    updatedAt: '2026-06-02T10:00:00.000Z',
    structureName: 'RÉSIDENCE LES CHÊNES',
    categoryCode: 'EHPAD',
    categoryLabel: 'EHPAD',
    departmentCode: '75',
    regionCode: '11',
    submissionStatus: 'VALIDATED',
    controllerId: null,
    controllerName: null,
    priority: 0,
    messages: 0,
    ...overrides,
  };
}
