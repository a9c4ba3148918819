/**
 * The facts the policy decides on. Plain data only: the API loads them (from the database or the
 * token), the policy never fetches anything and never reads the clock.
 */
import type {
  FormDomain,
  GrantInput,
  OrganisationKind,
  OrganisationRef,
  Role,
  UserRight,
} from '@tdb/contracts';
import type { Competence } from '@tdb/reference';

/**
 * One profile of the acting account. Structurally compatible with the `Grant` of @tdb/contracts, so
 * the API can pass an account's grants as they are. Dates are ISO (YYYY-MM-DD), inclusive; null =
 * unbounded.
 */
export interface ActorGrant {
  organisation: OrganisationRef;
  role: Role;
  /** USER only; empty for the other roles (APE, APR and the national administrator hold every right). */
  rights: UserRight[];
  /** USER with ENTRY only: null = every domain of the form. */
  entryDomains: FormDomain[] | null;
  validFrom: string | null;
  validUntil: string | null;
}

/** The acting account: its id (for "is it myself?") and all its profiles, active or not. */
export interface Actor {
  accountId: string;
  grants: ActorGrant[];
}

/** An ESMS (FINESS géographique) as the policy needs it. */
export interface StructureFacts {
  finess: string;
  /** FINESS juridique of its organisme gestionnaire. */
  ogFiness: string;
  /** INSEE department code ("45", "2A", "971"). */
  departmentCode: string;
  /** INSEE region code ("24"). */
  regionCode: string;
  competence: Competence;
  /** TDB category code ("EHPAD", "SAVS", "EANM"…), used to name the category in refusals. */
  categoryCode: string;
}

/**
 * An organisme gestionnaire (FINESS juridique) and its ESMS. An OG is within an authority's
 * competence when at least one of its ESMS is. Structures whose `ogFiness` differs from `finess`
 * are ignored (inconsistent facts never widen a right).
 */
export interface OrganisationFacts {
  finess: string;
  structures: StructureFacts[];
}

/**
 * Why a request is refused, for the API to choose the HTTP status: FORBIDDEN → 403,
 * INVALID_REQUEST → 400 (malformed grant, unknown category…), LAST_APE → 409 (integrity rule),
 * INACTIVE_GRANT → 403 (the only profile that would allow it is expired or not yet valid),
 * PRINCIPAL_HELD → 409 (the organisation has its principal administrator: say what becomes of it).
 */
export type RefusalCode = 'FORBIDDEN' | 'INVALID_REQUEST' | 'LAST_APE' | 'INACTIVE_GRANT' | 'PRINCIPAL_HELD';

/** A decision; a refusal carries a French reason shown as is in the UI. */
export type Decision = { allowed: true } | { allowed: false; reason: string; code: RefusalCode };

export const ALLOWED: Decision = Object.freeze({ allowed: true as const });

export function refused(reason: string, code: RefusalCode = 'FORBIDDEN'): Decision {
  return { allowed: false, reason, code };
}

/** The two kinds of authority (tutelle) that hold APR, CONTROLLER and READER profiles. */
export type AuthorityKind = 'ARS' | 'CD';

/**
 * A grant whose management (create, revoke, see or modify its account) is being decided, with the
 * facts about its organisation: `targetStructure` when it is on an ESMS, `targetOrganisation` when
 * on an OG. `targetHasApe` (default true) says whether that ESMS/OG already has an APE: an APR may
 * create USER grants there only when it has none. `remainingApeCount` is used when the grant is
 * removed (revoke, account disabled): how many APE grants that organisation keeps afterwards.
 */
export interface ManagedGrant extends GrantInput {
  targetStructure?: StructureFacts;
  targetOrganisation?: OrganisationFacts;
  targetHasApe?: boolean;
  remainingApeCount?: number;
}

/** The roles each kind of organisation may carry. */
export const ROLES_BY_KIND: Readonly<Record<OrganisationKind, readonly Role[]>> = {
  NATIONAL: ['NATIONAL_ADMIN'],
  ARS: ['APR', 'CONTROLLER', 'READER'],
  CD: ['APR', 'CONTROLLER', 'READER'],
  OG: ['APE', 'USER'],
  ESMS: ['APE', 'USER'],
};

export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['NATIONAL', 'ARS', 'CD', 'OG', 'ESMS'];
export const ROLES: readonly Role[] = ['NATIONAL_ADMIN', 'APR', 'CONTROLLER', 'READER', 'APE', 'USER'];
export const USER_RIGHTS: readonly UserRight[] = ['ENTRY', 'VALIDATION', 'READ'];
export const FORM_DOMAINS: readonly FormDomain[] = [
  'CARACTERISATION',
  'PRESTATIONS',
  'RESSOURCES_HUMAINES',
  'FINANCES',
  'SYSTEME_INFORMATION',
  'DEVELOPPEMENT_DURABLE',
];

export function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === 'string' && (ORGANISATION_KINDS as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a role may be held in an organisation of that kind (APE/USER ↔ OG/ESMS, etc.). */
export function roleFitsOrganisation(role: unknown, kind: unknown): boolean {
  return isRole(role) && isOrganisationKind(kind) && ROLES_BY_KIND[kind].includes(role);
}

export function isAuthorityKind(kind: unknown): kind is AuthorityKind {
  return kind === 'ARS' || kind === 'CD';
}

export function sameOrganisation(a: OrganisationRef, b: OrganisationRef): boolean {
  return a.kind === b.kind && a.code === b.code;
}
