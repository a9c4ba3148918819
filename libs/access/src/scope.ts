/**
 * The perimeter of an actor as plain data, for list queries (the API turns it into SQL) and for
 * single-resource checks. `structureInScope` is the reference semantics of that SQL filter.
 */
import { authorityCovers } from '@tdb/reference';
import type { Actor, ActorGrant, AuthorityKind, OrganisationFacts, StructureFacts } from './model';
import { isAuthorityKind } from './model';
import { activeGrants } from './validity';

export type AuthorityRole = 'APR' | 'CONTROLLER' | 'READER';

export interface AuthorityScope {
  kind: AuthorityKind;
  /** Region code for an ARS, department code for a CD. */
  code: string;
  role: AuthorityRole;
}

/**
 * What an actor sees. `all`: every structure (national administrator). `authorities`: ESMS of the
 * authority's territory (ARS: regionCode; CD: departmentCode) whose competence it covers (ARS or
 * SHARED for an ARS, CD or SHARED for a CD). `ogs`: ESMS whose ogFiness is listed. `structures`:
 * ESMS whose finess is listed. A structure is in scope when any of these matches.
 */
export interface Scope {
  all: boolean;
  authorities: AuthorityScope[];
  ogs: string[];
  structures: string[];
}

/** The scope given by a list of grants, taken as active. */
export function scopeOfGrants(grants: readonly ActorGrant[]): Scope {
  const scope: Scope = { all: false, authorities: [], ogs: [], structures: [] };
  for (const grant of grants) {
    const { kind, code } = grant.organisation;
    if (grant.role === 'NATIONAL_ADMIN' && kind === 'NATIONAL') {
      scope.all = true;
    } else if (
      isAuthorityKind(kind) &&
      (grant.role === 'APR' || grant.role === 'CONTROLLER' || grant.role === 'READER')
    ) {
      const role = grant.role;
      if (!scope.authorities.some((a) => a.kind === kind && a.code === code && a.role === role)) {
        scope.authorities.push({ kind, code, role });
      }
    } else if (kind === 'OG' && (grant.role === 'APE' || grant.role === 'USER')) {
      if (!scope.ogs.includes(code)) scope.ogs.push(code);
    } else if (kind === 'ESMS' && (grant.role === 'APE' || grant.role === 'USER')) {
      if (!scope.structures.includes(code)) scope.structures.push(code);
    }
  }
  return scope;
}

/** The perimeter of the actor on `today` (expired and future grants give nothing). */
export function scopeOf(actor: Actor, today: string): Scope {
  return scopeOfGrants(activeGrants(actor, today));
}

/**
 * Where a structure stands for an authority: `covered` (its territory and competence), `outside`
 * (another territory, or facts that cannot be read) or `exclusive` (its territory, but the exclusive
 * competence of the other kind of authority: a SAVS for an ARS, an IME for a CD).
 */
export type Coverage = 'covered' | 'outside' | 'exclusive';

export function structureCoverage(
  authority: { kind: AuthorityKind; code: string },
  s: StructureFacts,
): Coverage {
  const territory = authority.kind === 'ARS' ? s.regionCode : s.departmentCode;
  if (territory !== authority.code) return 'outside';
  if (s.competence !== 'ARS' && s.competence !== 'CD' && s.competence !== 'SHARED') return 'outside';
  return authorityCovers(authority.kind, s.competence) ? 'covered' : 'exclusive';
}

/** The structures that really belong to the OG (same ogFiness); the others are ignored. */
export function structuresOf(organisation: OrganisationFacts): StructureFacts[] {
  const structures = Array.isArray(organisation.structures) ? organisation.structures : [];
  return structures.filter((s) => s.ogFiness === organisation.finess);
}

/** An OG is covered when one of its ESMS is; `exclusive` when none is but one is exclusive. */
export function organisationCoverage(
  authority: { kind: AuthorityKind; code: string },
  organisation: OrganisationFacts,
): Coverage {
  let result: Coverage = 'outside';
  for (const s of structuresOf(organisation)) {
    const coverage = structureCoverage(authority, s);
    if (coverage === 'covered') return 'covered';
    if (coverage === 'exclusive') result = 'exclusive';
  }
  return result;
}

export function structureInScope(scope: Scope, s: StructureFacts): boolean {
  return (
    scope.all ||
    scope.structures.includes(s.finess) ||
    scope.ogs.includes(s.ogFiness) ||
    scope.authorities.some((a) => structureCoverage(a, s) === 'covered')
  );
}

/**
 * Whether the scope reaches the structure as an authority that checks it (its ARS or Département,
 * competence covered) or as the national administration — not merely as the structure itself or
 * its OG. Before the restitution, only such readers see the peers' provisional distributions.
 */
export function coversAsAuthority(scope: Scope, s: StructureFacts): boolean {
  return scope.all || scope.authorities.some((a) => structureCoverage(a, s) === 'covered');
}

/** An OG is in scope when it is itself (OG grant) or one of its ESMS is. */
export function organisationInScope(scope: Scope, organisation: OrganisationFacts): boolean {
  return (
    scope.all ||
    scope.ogs.includes(organisation.finess) ||
    structuresOf(organisation).some((s) => structureInScope(scope, s))
  );
}
