import type {
  Account,
  Grant,
  LoginResponse,
  ReferenceData,
  StructureDetail,
  StructureSummary,
} from '@tdb/contracts';

/** A small literal reference: two regions, three departments, three categories. */
export const reference: ReferenceData = {
  categories: [
    {
      code: 'EHPAD',
      number: 4,
      label: "Établissement d'hébergement pour personnes âgées dépendantes",
      shortLabel: 'EHPAD',
      public: 'PA',
      publicLabel: 'Personnes âgées',
      competence: 'SHARED',
      finessCodes: ['500'],
    },
    {
      code: 'IME',
      number: 10,
      label: 'Institut médico-éducatif',
      shortLabel: 'IME',
      public: 'PH_ENFANTS',
      publicLabel: 'Enfants en situation de handicap',
      competence: 'ARS',
      finessCodes: ['183'],
    },
    {
      code: 'SSIAD',
      number: 18,
      label: 'Service de soins infirmiers à domicile',
      shortLabel: 'SSIAD',
      public: 'PA_PH',
      publicLabel: 'Personnes âgées et personnes handicapées',
      competence: 'ARS',
      finessCodes: ['354'],
    },
  ],
  regions: [
    { code: '11', name: 'Île-de-France' },
    { code: '94', name: 'Corse' },
  ],
  departments: [
    { code: '75', name: 'Paris', regionCode: '11' },
    { code: '92', name: 'Hauts-de-Seine', regionCode: '11' },
    { code: '2A', name: 'Corse-du-Sud', regionCode: '94' },
  ],
};

export function buildStructureSummary(overrides: Partial<StructureSummary> = {}): StructureSummary {
  return {
    finess: '750000001',
    name: 'RÉSIDENCE LES CHÊNES',
    categoryCode: 'EHPAD',
    // The API sends the short label of the category here.
    categoryLabel: 'EHPAD',
    finessCategoryCode: '500',
    departmentCode: '75',
    departmentName: 'Paris',
    regionCode: '11',
    regionName: 'Île-de-France',
    competence: 'SHARED',
    city: 'PARIS 12E ARRONDISSEMENT',
    ogFiness: '750000010',
    ogName: 'ASSOCIATION LES AMIS DES CHÊNES',
    ...overrides,
  };
}

export function buildStructureDetail(overrides: Partial<StructureDetail> = {}): StructureDetail {
  const summary = buildStructureSummary(overrides);
  return {
    ...summary,
    shortName: 'EHPAD LES CHENES',
    address: {
      street: '12 RUE DES LILAS',
      complement: null,
      postalCode: '75012',
      city: 'PARIS',
      communeCode: '75112',
    },
    phone: '0143434343',
    siret: '12345678900012',
    openedOn: '1998-03-01',
    location: { latitude: 48.84, longitude: 2.39 },
    categoryCorrected: false,
    registryOnly: false,
    og: { finess: summary.ogFiness, name: summary.ogName, departmentCode: '75', structureCount: 3 },
    history: [
      {
        at: '2026-01-15T09:30:00.000Z',
        by: 'import FINESS du 2026-01-14',
        kind: 'IMPORT_CREATED',
        reason: null,
        changes: {},
        consequences: [],
      },
    ],
    version: 3,
    ...overrides,
  };
}

export function buildGrant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: '00000000-0000-4000-8000-00000000a001',
    organisation: { kind: 'NATIONAL', code: 'FR' },
    role: 'NATIONAL_ADMIN',
    rights: [],
    entryDomains: null,
    validFrom: null,
    validUntil: null,
    organisationLabel: 'Niveau national',
    createdAt: '2026-01-10T09:00:00.000Z',
    createdBy: null,
    ...overrides,
  };
}

/** By default the national administrator (every page and action of the SPA is open to it). */
export function buildAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'admin@tdb.example.fr',
    firstName: 'Camille',
    lastName: 'Martin',
    phone: null,
    status: 'ACTIVE',
    totpEnabled: false,
    grants: [buildGrant()],
    lastLoginAt: '2026-11-23T08:00:00.000Z',
    createdAt: '2026-01-10T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function buildLoginResponse(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return {
    accessToken: 'jeton-de-test',
    expiresIn: 900,
    account: buildAccount(),
    totpEnrollmentRequired: false,
    ...overrides,
  };
}
