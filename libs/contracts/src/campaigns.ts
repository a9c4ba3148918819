/** Shapes of the campaigns API (campaigns, submissions, entry), shared by the API and the SPA. */
import type { ActionOptionDto } from './actions';
import type { AtypiaFlagDto } from './atypia';
import type { IndicatorValueDto } from './indicators';

export type CampaignState = 'DRAFT' | 'OPEN' | 'CLOSED';
export type CampaignPhaseCode = 'PREPARATION' | 'COLLECTION' | 'FIABILISATION' | 'RESTITUTION' | 'CLOSED';
export type SubmissionStatusCode = 'NOT_STARTED' | 'IN_PROGRESS' | 'VALIDATED' | 'INVALIDATED' | 'CONFIRMED';
export type SubmissionActionCode =
  'SAVE' | 'VALIDATE' | 'REOPEN' | 'INVALIDATE' | 'CONFIRM' | 'MARK_CONSULTED' | 'UNCONFIRM';
export type WorkflowRoleCode =
  | 'STRUCTURE_ENTRY'
  | 'STRUCTURE_VALIDATION'
  | 'ARS_CONTROLLER'
  | 'CD_CONTROLLER'
  | 'NATIONAL_ADMIN'
  | 'READER';
export type DomainCode =
  | 'CARACTERISATION'
  | 'PRESTATIONS'
  | 'RESSOURCES_HUMAINES'
  | 'FINANCES'
  | 'SYSTEME_INFORMATION'
  | 'DEVELOPPEMENT_DURABLE';
export type ValueSource = 'FORM' | 'EXCEL' | 'BULK' | 'PREVIOUS_YEAR' | 'SEED' | 'REGISTER';

/**
 * A value a State register (FINESS equipment…) gives an item of the structure, with the file's date;
 * `prefilled` when it was written into the submission (« Issu de FINESS au JJ/MM/AAAA »): the
 * structure's current value is then its own if it differs, the register's kept for comparison.
 */
export interface RegisterValueDto {
  itemCode: string;
  /** e.g. FINESS_EQUIPEMENTS */
  source: string;
  /** e.g. FINESS */
  sourceLabel: string;
  value: number;
  /** ISO date of the register's file */
  sourceDate: string;
  /** The value written into the submission by the prefill, if it was (null: never prefilled). */
  prefilledValue: number | null;
  prefilledSourceDate: string | null;
}

/** What a prefill run wrote. */
export interface PrefillResult {
  campaignYear: number;
  /** Submissions that received at least one value */
  submissions: number;
  /** Items written */
  items: number;
}

/** A stored value: number, boolean, choice code, ISO date or text; null = not entered. */
export type ItemValue = number | boolean | string | null;
export type ValueMap = Record<string, ItemValue>;

/** ISO dates (YYYY-MM-DD); every end is inclusive. */
export interface CampaignDatesDto {
  launch: string;
  accountsSetup: string;
  collectionStart: string;
  collectionEnd: string;
  fiabilisationStart: string;
  fiabilisationEnd: string;
  restitutionStart: string;
}

export interface CampaignSummary {
  year: number;
  /** The year the data describe (year − 1). */
  dataYear: number;
  state: CampaignState;
  phase: CampaignPhaseCode;
  phaseLabel: string;
  dates: CampaignDatesDto;
  closedOn: string | null;
  /** Regulatory completeness threshold, 0..1 (0.9 since 2023). */
  threshold: number;
  dictionaryVersion: string;
  version: number;
}

export interface CampaignDetail extends CampaignSummary {
  /** Submissions of the campaign in the caller's scope, by status (in-scope structures only). */
  counts: Record<SubmissionStatusCode, number>;
  excluded: number;
}

export interface CompletenessPartDto {
  filled: number;
  expected: number;
  ratio: number;
}

export interface CompletenessDto extends CompletenessPartDto {
  byDomain: Record<DomainCode, CompletenessPartDto>;
}

/** A problem on one item: `blocking` errors stop validation, warnings do not. */
export interface ItemIssue {
  itemCode: string;
  itemLabel: string;
  domain: DomainCode;
  message: string;
  blocking: boolean;
}

export interface TransitionDto {
  action: SubmissionActionCode;
  actionLabel: string;
  from: SubmissionStatusCode;
  to: SubmissionStatusCode;
  reason: string | null;
  actorName: string;
  at: string;
}

export interface ReferentDto {
  id: string;
  organisationKind: 'ARS' | 'CD';
  organisationCode: string;
  organisationName: string;
  name: string;
  email: string;
  phone: string | null;
  roleLabel: string | null;
}

/** Who enters what in a structure (from the entry grants): what its coordinator follows. */
export interface EntryAssignment {
  accountId: string;
  name: string;
  email: string;
  /** 'APE', or the rights of a USER grant. */
  role: string;
  /** Null = every domain. */
  domains: DomainCode[] | null;
  /** Completeness of the assigned domains. */
  completeness: CompletenessPartDto;
}

export interface SubmissionSummary {
  campaignYear: number;
  finess: string;
  name: string;
  categoryCode: string;
  categoryLabel: string;
  departmentCode: string;
  regionCode: string;
  ogFiness: string;
  competence: 'ARS' | 'CD' | 'SHARED';
  inScope: boolean;
  scopeReason: string | null;
  status: SubmissionStatusCode;
  statusLabel: string;
  consultedByCd: boolean;
  completeness: number;
  updatedAt: string;
  version: number;
  /** The current extension of the entry granted by the authority, if any (even past its last day). */
  extension: SubmissionExtension | null;
}

/** « Délai accordé par l'ARS Centre-Val de Loire jusqu'au 30 juin 2026 » (ADR 0011). */
export interface SubmissionExtension {
  /** Last day of entry, inclusive (YYYY-MM-DD). */
  until: string;
  reason: string;
  grantedBy: string;
  /** « ARS Centre-Val de Loire », « Département Cher », « Administration nationale ». */
  authority: string;
  grantedAt: string;
  /** Whether the last day has not passed yet (Paris time). */
  current: boolean;
  /** The sentence shown to the structure and the authority. */
  label: string;
}

export interface GrantExtensionRequest {
  /** New last day of entry (YYYY-MM-DD), after the end of the collection. */
  until: string;
  reason: string;
}

export interface ExtendCollectionResult {
  /** Non-validated structures of the campaign given the extension. */
  extended: number;
  until: string;
}

export interface SubmissionDetail extends SubmissionSummary {
  campaign: CampaignSummary;
  ogName: string;
  /** The structure's own values (items not entered at OG level). */
  values: ValueMap;
  /** Values of the OG-level items, entered once by the organisme gestionnaire. */
  ogValues: ValueMap;
  ogVersion: number;
  /** Last campaign's values of the same structure (OG-level included), for "Reprendre la valeur N-1". */
  previousValues: ValueMap;
  previousYear: number | null;
  completenessDetail: CompletenessDto;
  issues: ItemIssue[];
  /** Actions the caller may take now (the status machine's answer for its role). */
  availableActions: SubmissionActionCode[];
  /** Every action with, when refused, the machine's reason (issue 14 §2). */
  actions: ActionOptionDto<SubmissionActionCode>[];
  /** Whether the caller may grant or withdraw an extension now, and if not why. */
  extensionAction: ActionOptionDto<'EXTEND'>;
  role: WorkflowRoleCode | null;
  /** Domains the caller may enter (empty = read only). */
  editableDomains: DomainCode[];
  /** Whether the caller may enter the OG-level items. */
  canEditOgItems: boolean;
  transitions: TransitionDto[];
  referents: ReferentDto[];
  assignments: EntryAssignment[];
  /** The structure's indicators, computed at each save (with last year's values). */
  indicators: IndicatorValueDto[];
  /** Open atypia flags of the structure (own rules at each save, peer rules from the campaign job). */
  flags: AtypiaFlagDto[];
  /** Values of the State's registers for the structure's items (prefill and coherence). */
  registerValues: RegisterValueDto[];
}

export interface SaveValuesRequest {
  version: number;
  values: ValueMap;
  source?: 'FORM' | 'PREVIOUS_YEAR';
}

export interface SaveOgValuesRequest {
  version: number;
  values: ValueMap;
  source?: 'FORM' | 'PREVIOUS_YEAR';
}

export interface TransitionRequestDto {
  action: Exclude<SubmissionActionCode, 'SAVE'>;
  reason?: string;
  version: number;
}

export interface ValueHistoryEntry {
  itemCode: string;
  oldValue: ItemValue;
  newValue: ItemValue;
  source: ValueSource;
  actorName: string;
  at: string;
}

/** Per-item refusal of a save: `path` is the item code (or "structures[2].values.code" in bulk). */
export interface ValueError {
  path: string;
  finess: string | null;
  itemCode: string | null;
  message: string;
}

export interface OgSubmissionDetail {
  campaign: CampaignSummary;
  ogFiness: string;
  ogName: string;
  values: ValueMap;
  previousValues: ValueMap;
  version: number;
  canEditOgItems: boolean;
  structures: Array<
    SubmissionSummary & {
      values: ValueMap;
      previousValues: ValueMap;
      availableActions: SubmissionActionCode[];
      editableDomains: DomainCode[];
      role: WorkflowRoleCode | null;
      issues: ItemIssue[];
    }
  >;
}

export interface BulkRequest {
  organisation?: { finess: string; version?: number; values: ValueMap };
  structures: Array<{ finess: string; version?: number; values: ValueMap }>;
}

export interface BulkResult {
  organisation: { finess: string; version: number; changed: number } | null;
  structures: Array<{ finess: string; version: number; changed: number; completeness: number }>;
}

export interface FollowUpRow {
  departmentCode: string;
  departmentName: string;
  categoryCode: string;
  categoryLabel: string;
  counts: Record<SubmissionStatusCode, number>;
  total: number;
}

export interface FollowUp {
  campaignYear: number;
  phase: CampaignPhaseCode;
  totals: Record<SubmissionStatusCode, number>;
  total: number;
  rows: FollowUpRow[];
  /** In-scope structures that have not validated while the collection is open or over. */
  late: LateStructure[];
}

export interface MailingPreview {
  subject: string;
  body: string;
  /** The email of the first recipient structure, placeholders filled. */
  sample: { to: string; subject: string; body: string } | null;
  structures: number;
  recipients: number;
  /** Structures with no account to write to. */
  withoutRecipient: number;
}

export interface MailingResult {
  structures: number;
  recipients: number;
  withoutRecipient: number;
}

/** A late structure of the follow-up: `daysLeft` ≥ 0 during the collection, < 0 once it is over. */
export interface LateStructure extends SubmissionSummary {
  daysLeft: number;
  overdue: boolean;
}

export type AuthorityRef = { kind: 'ARS' | 'CD'; code: string };

/** Body of the reminder and launch email routes (preview and send). */
export interface MailingRequest {
  organisation: AuthorityRef;
  subject?: string;
  body?: string;
}

export type CampaignMailingKind = 'LAUNCH' | 'REMINDER';

export interface CampaignMailing {
  id: string;
  campaignYear: number;
  kind: CampaignMailingKind;
  organisationKind: 'NATIONAL' | 'ARS' | 'CD';
  organisationCode: string;
  organisationName: string;
  subject: string;
  body: string;
  recipients: number;
  structures: number;
  sentBy: string | null;
  sentAt: string;
}

export interface CreateReferentRequest {
  organisation: AuthorityRef;
  name: string;
  email: string;
  phone?: string;
  roleLabel?: string;
}

export interface ScopeChangeRequest {
  inScope: boolean;
  reason?: string;
  version?: number;
}

export interface ScopeImportResult {
  included: number;
  excluded: number;
  unchanged: number;
}
