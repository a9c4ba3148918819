/**
 * @tdb/access — the one authorization policy of TDB: who may do what, on which structure, on which
 * day. Pure TypeScript (no framework, no clock, no I/O): the API gives the facts, the policy decides.
 */
export type {
  Actor,
  ActorGrant,
  AuthorityKind,
  Decision,
  ManagedGrant,
  OrganisationFacts,
  RefusalCode,
  StructureFacts,
} from './model';
export {
  ALLOWED,
  FORM_DOMAINS,
  ROLES,
  ROLES_BY_KIND,
  USER_RIGHTS,
  refused,
  roleFitsOrganisation,
} from './model';
export { activeGrants, inactiveGrants, isGrantActive, isIsoDate, isWellFormedActorGrant } from './validity';
export { authoritiesToInform } from './category-correction';
export type { AuthorityRole, AuthorityScope, Coverage, Scope } from './scope';
export {
  coversAsAuthority,
  organisationCoverage,
  organisationInScope,
  scopeOf,
  scopeOfGrants,
  structureCoverage,
  structureInScope,
} from './scope';
export type { TerritoryLevel, TerritoryRef } from './territory';
export { ownTerritory, readsTerritories, territoryInScope } from './territory';
export { validateGrantShape } from './shape';
export type { HeldRights } from './delegation';
export { missingRights } from './delegation';
export type { AuditSubject, AuditVisibility } from './audit';
export { auditSubjectVisible, auditVisibility } from './audit';
export type { AccessAction, AccessRequest, AccountChange, ResourceFreeAction } from './policy';
export {
  ACCOUNT_CHANGES,
  ACTIONS,
  ACTION_LABELS,
  RESOURCE_FREE_ACTIONS,
  canManageGrant,
  decide,
  isResourceFreeAction,
} from './policy';
export { workflowRoleOf } from './workflow-role';
export type { PrincipalRole } from './principal';
export {
  DEFAULT_TRANSFER_RIGHTS,
  TRANSFER_PREVIOUS,
  grantAfterTransfer,
  isPrincipalGrant,
  principalRoleOf,
  transferOptionLabel,
  transferOptions,
  transferOutcomeText,
  validateTransfer,
} from './principal';
export { FORM_DOMAIN_LABELS, RIGHT_LABELS, ROLE_LABELS, grantLabel, organisationLabel } from './labels';
export type { AuthorityRef, FaqReach } from './support';
export { faqEntryVisible, faqReach, regionOfAuthority, supportAuthorities } from './support';
