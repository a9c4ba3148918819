/** Shapes of the structures API, shared by the API DTOs and the SPA. Plain types only. */

export type CompetenceCode = 'ARS' | 'CD' | 'SHARED';

export interface Paginated<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Address {
  /** Street line, e.g. "12 RUE DES LILAS". */
  street: string | null;
  /** Complement (lieu-dit, BP…). */
  complement: string | null;
  postalCode: string | null;
  city: string | null;
  /** INSEE commune code. */
  communeCode: string | null;
}

/** An ESMS (établissement or service, FINESS géographique) as listed in a search. */
export interface StructureSummary {
  finess: string;
  /** Full name: FINESS "raison sociale longue", or the short one when there is none. */
  name: string;
  categoryCode: string;
  /** Short label of the category ("EHPAD", "Inst. déf. auditifs"); the full one is in /reference. */
  categoryLabel: string;
  finessCategoryCode: string;
  departmentCode: string;
  departmentName: string;
  regionCode: string;
  regionName: string;
  competence: CompetenceCode;
  city: string | null;
  ogFiness: string;
  ogName: string | null;
}

export interface StructureHistoryEntry {
  at: string;
  /** Who made the change: an account later; "import FINESS …" for imports. */
  by: string;
  kind: 'IMPORT_CREATED' | 'IMPORT_UPDATED' | 'CATEGORY_CORRECTED';
  reason: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  /** What a category correction carried with it (campaigns followed, authorities informed), in French. */
  consequences: string[];
}

export interface StructureDetail extends StructureSummary {
  /** FINESS "raison sociale" (short, upper case, often truncated). */
  shortName: string | null;
  address: Address;
  phone: string | null;
  siret: string | null;
  openedOn: string | null;
  location: GeoPoint | null;
  /** Set when the category was corrected by hand: the FINESS category no longer decides it. */
  categoryCorrected: boolean;
  /**
   * Set when the caller reaches the structure only to correct its category (an ARS or CD competent
   * for none of its current category, ADR 0014): the registry record, nothing of its campaigns.
   */
  registryOnly: boolean;
  og: OrganisationSummary;
  history: StructureHistoryEntry[];
  version: number;
}

/** An organisme gestionnaire (FINESS juridique). */
export interface OrganisationSummary {
  finess: string;
  name: string | null;
  departmentCode: string | null;
  structureCount: number;
}

export interface OrganisationDetail extends OrganisationSummary {
  legalStatus: string | null;
  structures: StructureSummary[];
}

export type StructureSort =
  'name' | '-name' | 'finess' | '-finess' | 'category' | '-category' | 'department' | '-department';

export interface StructureSearchQuery {
  q?: string;
  finess?: string;
  category?: string[];
  department?: string[];
  region?: string[];
  og?: string;
  competence?: CompetenceCode[];
  page?: number;
  pageSize?: number;
  sort?: StructureSort;
}

export interface CategoryCorrectionRequest {
  categoryCode: string;
  reason: string;
  /** The version the user saw (optimistic concurrency). */
  version: number;
}

export interface ImportLineError {
  line: number;
  reason: string;
}

export interface ImportReport {
  fileDate: string | null;
  linesRead: number;
  keptStructures: number;
  keptOrganisations: number;
  skippedOutOfScope: number;
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  organisationsUpdated: number;
  errors: ImportLineError[];
  /** False when errors stopped the import (nothing written) — unless partial mode kept the good lines. */
  applied: boolean;
  partial: boolean;
  durationMs: number;
}

/** The report of a State register import (e.g. the FINESS equipment extract). */
export interface RegisterImportReport {
  /** e.g. FINESS_EQUIPEMENTS */
  source: string;
  fileDate: string | null;
  linesRead: number;
  /** Rows of establishments known to the registry */
  rows: number;
  /** Rows of establishments TDB does not follow (other categories, unknown FINESS) */
  skippedUnknown: number;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Item values the mapping gives that changed (created, updated or removed) */
  valuesChanged: number;
  /** Items prefilled into the submissions of campaigns not closed */
  prefilledItems: number;
  errors: ImportLineError[];
  applied: boolean;
  durationMs: number;
}

export interface ReferenceCategory {
  code: string;
  number: number;
  label: string;
  shortLabel: string;
  public: string;
  publicLabel: string;
  competence: CompetenceCode;
  finessCodes: string[];
}

export interface ReferenceRegion {
  code: string;
  name: string;
}

export interface ReferenceDepartment {
  code: string;
  name: string;
  regionCode: string;
}

export interface ReferenceData {
  categories: ReferenceCategory[];
  regions: ReferenceRegion[];
  departments: ReferenceDepartment[];
}

/** The one error shape of the API. `message` is French, for the user. */
export interface ApiError {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field?: string; line?: number; message: string }[];
}

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; kind: 'embedded' | 'server'; latencyMs: number | null };
  version: string;
}

/** GET /api/health/live: the process answers (nothing else is checked: no database round trip). */
export interface LivenessReport {
  status: 'ok';
  uptimeSeconds: number;
  version: string;
}

/** GET /api/health/ready: whether this process can take traffic (503 with the failing checks otherwise). */
export interface ReadinessReport {
  status: 'ok' | 'error';
  /** The process is stopping (SIGTERM): it finishes its requests and takes no more. */
  stopping: boolean;
  database: HealthReport['database'];
  migrations: {
    status: 'up' | 'down';
    /** Migrations of this version of the code, and how many the database has applied. */
    registered: number;
    applied: number;
    /** Registered but not applied: the schema is older than the code. */
    pending: string[];
    /** Applied but unknown to this code (a newer version migrated the database): reported, not fatal. */
    unknown: string[];
  };
  jobs: {
    status: 'up' | 'down' | 'disabled';
    runner: 'pg-boss' | 'in-process';
    state: 'starting' | 'running' | 'disabled' | 'stopping' | 'stopped';
  };
  version: string;
}
