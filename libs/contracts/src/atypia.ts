import type { ActionOptionDto } from './actions';
/** Shapes of the atypia API (flags, their thread, the fiabilisation work), shared by API and SPA. */

export type AtypiaFlagStatus = 'OPEN' | 'JUSTIFIED' | 'ACCEPTED' | 'TO_CORRECT' | 'RESOLVED';
export type AtypiaKind = 'bounds' | 'coherence' | 'year_over_year' | 'peer_outlier';

/** A flag raised by an atypia rule on a structure's submission; `message` says why, in figures. */
export interface AtypiaFlagDto {
  id: string;
  campaignYear: number;
  finess: string;
  ruleCode: string;
  ruleLabel: string;
  kind: AtypiaKind;
  /** 'high' | 'medium' | 'low'. */
  severity: string;
  targetKind: 'item' | 'indicator';
  targetCode: string;
  value: number | null;
  /** The figures behind the flag (bounds, peer group percentiles, N-1…). */
  reference: Record<string, unknown>;
  message: string;
  status: AtypiaFlagStatus;
  version: number;
  updatedAt: string;
}

/** A flag in the ARS/CD table: with its structure and who reviews it. */
export interface AtypiaTableRow extends AtypiaFlagDto {
  structureName: string;
  categoryCode: string;
  categoryLabel: string;
  departmentCode: string;
  regionCode: string;
  submissionStatus: string;
  controllerId: string | null;
  controllerName: string | null;
  priority: number;
  messages: number;
}

export interface AtypiaMessageDto {
  id: string;
  kind: 'JUSTIFICATION' | 'COMMENT' | 'DECISION' | 'SYSTEM';
  decision: 'ACCEPTED' | 'TO_CORRECT' | null;
  body: string;
  authorName: string;
  at: string;
}

/** The item or indicator a flag is raised on, as the dictionary or the indicator definitions name it. */
export interface AtypiaTargetDto {
  /** French label; the code when the definitions no longer have it. */
  label: string;
  /** Unit of the flag's figures ("€", "%", "ETP"…), null when they have none. */
  unit: string | null;
  /** Its value in the submission now (after a correction); null when absent or not a number. */
  currentValue: number | null;
}

export interface AtypiaThread {
  flag: AtypiaTableRow;
  target: AtypiaTargetDto;
  messages: AtypiaMessageDto[];
  /** What the caller may do on this flag now. */
  canJustify: boolean;
  canDecide: boolean;
  /** Every action on the flag with, when refused, why (issue 14 §2). */
  actions: ActionOptionDto<'JUSTIFY' | 'COMMENT' | 'ACCEPT' | 'TO_CORRECT'>[];
}

export interface ChangedValue {
  itemCode: string;
  itemLabel: string;
  oldValue: unknown;
  newValue: unknown;
  actorName: string;
  at: string;
}

/** "What changed since it was validated". */
export interface ChangesSinceValidation {
  validatedAt: string | null;
  count: number;
  changes: ChangedValue[];
}

/** The answer to one decision taken on several flags at once. */
export interface AtypiaDecisionResult {
  decision: 'ACCEPTED' | 'TO_CORRECT';
  flags: AtypiaTableRow[];
  /** FINESS of the submissions sent back (INVALIDATED) by a TO_CORRECT decision. */
  invalidated: string[];
}

/** Who reviews a structure during the fiabilisation, and how urgent it is. */
export interface FiabilisationAssignmentDto {
  campaignYear: number;
  finess: string;
  structureName: string;
  controllerId: string | null;
  controllerName: string | null;
  /** 0 (none) to 3 (most urgent). */
  priority: number;
  note: string | null;
  version: number;
  updatedAt: string;
}

/** An account of an ARS or a Département to whom structures may be assigned. */
export interface FiabilisationControllerDto {
  id: string;
  name: string;
  email: string;
  organisationKind: 'ARS' | 'CD';
  organisationCode: string;
  role: 'APR' | 'CONTROLLER';
}

/** The indicators and rules an ARS or a Département looks at first. */
export interface FiabilisationPrioritiesDto {
  campaignYear: number;
  organisationKind: 'ARS' | 'CD';
  organisationCode: string;
  indicatorCodes: string[];
  ruleCodes: string[];
  /** 0 while nothing was recorded. */
  version: number;
  updatedAt: string | null;
}
