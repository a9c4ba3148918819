/**
 * Regional support (issue 17 §2): where a structure's question goes, and which regional FAQs an
 * actor reads. Pure: the API gives the facts.
 */
import { authorityCovers, findDepartment } from '@tdb/reference';
import type { AuthorityKind, StructureFacts } from './model';
import type { Scope } from './scope';

export interface AuthorityRef {
  kind: AuthorityKind;
  /** Region code for an ARS, department code for a CD. */
  code: string;
}

/**
 * The authorities whose referents receive a question about `s`: the ARS of its region when the
 * competence is the ARS's or shared, the Département when it is the Département's or shared (both
 * for a shared competence, as an EHPAD).
 */
export function supportAuthorities(s: StructureFacts): AuthorityRef[] {
  const authorities: AuthorityRef[] = [];
  if (authorityCovers('ARS', s.competence)) authorities.push({ kind: 'ARS', code: s.regionCode });
  if (authorityCovers('CD', s.competence)) authorities.push({ kind: 'CD', code: s.departmentCode });
  return authorities;
}

/** The region of an authority: an ARS's own code, a Département's region (null if unknown). */
export function regionOfAuthority(authority: AuthorityRef): string | null {
  if (authority.kind === 'ARS') return authority.code;
  return findDepartment(authority.code)?.regionCode ?? null;
}

/**
 * The regional FAQs an actor reads besides the national one: `all` for the national administrator;
 * the regions of its ARS and Départements; `structures` and `ogs` (whose regions the API reads from
 * the registry: an OG may span two regions) for the structures' side.
 */
export interface FaqReach {
  all: boolean;
  regions: string[];
  structures: string[];
  ogs: string[];
}

export function faqReach(scope: Scope): FaqReach {
  const regions = new Set<string>();
  for (const a of scope.authorities) {
    const region = regionOfAuthority(a);
    if (region !== null) regions.add(region);
  }
  return { all: scope.all, regions: [...regions], structures: [...scope.structures], ogs: [...scope.ogs] };
}

/** Whether an FAQ entry of `region` (null = national) is read by an actor reaching `regions`. */
export function faqEntryVisible(reach: FaqReach, region: string | null, structureRegions: string[]): boolean {
  return region === null || reach.all || reach.regions.includes(region) || structureRegions.includes(region);
}
