/**
 * Who reads which audit entries: the national administrator all of them; an APR the entries about
 * its own organisation (its controllers, readers, tokens…) and about the OG and ESMS of its
 * competence. Other profiles read none.
 */
import type { OrganisationRef } from '@tdb/contracts';
import type { Actor, ActorGrant, OrganisationFacts, StructureFacts } from './model';
import { isAuthorityKind, sameOrganisation } from './model';
import type { Scope } from './scope';
import { organisationInScope, structureInScope } from './scope';
import { activeGrants } from './validity';

/**
 * What an audit entry is about: the organisation of the grant or account concerned, with its facts
 * when it is an ESMS (`structure`) or an OG (`organisationFacts`).
 */
export interface AuditSubject {
  organisation: OrganisationRef;
  structure?: StructureFacts;
  organisationFacts?: OrganisationFacts;
}

/**
 * For the API's SQL filter: `all`, or the entries whose subject organisation is one of
 * `organisations`, or an ESMS / OG within `scope` (the APR's authorities only).
 */
export type AuditVisibility = { all: true } | { all: false; organisations: OrganisationRef[]; scope: Scope };

export function auditVisibilityOfGrants(grants: readonly ActorGrant[]): AuditVisibility {
  if (grants.some((g) => g.role === 'NATIONAL_ADMIN' && g.organisation.kind === 'NATIONAL'))
    return { all: true };
  const organisations: OrganisationRef[] = [];
  const scope: Scope = { all: false, authorities: [], ogs: [], structures: [] };
  for (const grant of grants) {
    const { kind, code } = grant.organisation;
    if (grant.role !== 'APR' || !isAuthorityKind(kind)) continue;
    if (organisations.some((o) => o.kind === kind && o.code === code)) continue;
    organisations.push({ kind, code });
    scope.authorities.push({ kind, code, role: 'APR' });
  }
  return { all: false, organisations, scope };
}

/** The audit entries the actor may read on `today`. */
export function auditVisibility(actor: Actor, today: string): AuditVisibility {
  return auditVisibilityOfGrants(activeGrants(actor, today));
}

/** Whether an entry about `subject` is visible (facts must match the subject organisation). */
export function auditSubjectVisible(visibility: AuditVisibility, subject: AuditSubject): boolean {
  if (visibility.all) return true;
  if (typeof subject !== 'object' || subject === null) return false;
  const organisation = subject.organisation;
  if (typeof organisation !== 'object' || organisation === null) return false;
  if (visibility.organisations.some((o) => sameOrganisation(o, organisation))) return true;
  const { structure, organisationFacts } = subject;
  if (organisation.kind === 'ESMS' && structure && structure.finess === organisation.code) {
    return structureInScope(visibility.scope, structure);
  }
  if (organisation.kind === 'OG' && organisationFacts && organisationFacts.finess === organisation.code) {
    return organisationInScope(visibility.scope, organisationFacts);
  }
  return false;
}
