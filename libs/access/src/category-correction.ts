import { authorityCovers, type Competence } from '@tdb/reference';
import type { Actor, AuthorityKind, StructureFacts } from './model';
import { activeGrants } from './validity';

const AUTHORITY_KINDS: readonly AuthorityKind[] = ['ARS', 'CD'];

/**
 * The authorities to inform of a category correction (domain §11b: « l'ARS, en lien avec le CD »):
 * those competent for the old or the new category, in the structure's territory, except the one
 * that made the correction. A correction inside one authority's exclusive competence informs nobody;
 * one touching a shared category, or handing the structure to the other authority, informs it. The
 * national administrator corrects for everyone, so every authority involved is informed.
 */
export function authoritiesToInform(
  actor: Actor,
  before: StructureFacts,
  newCompetence: Competence,
  today: string,
): AuthorityKind[] {
  const acting = new Set<AuthorityKind>();
  for (const grant of activeGrants(actor, today)) {
    if (grant.role !== 'APR' && grant.role !== 'CONTROLLER') continue;
    const { kind, code } = grant.organisation;
    if (kind === 'ARS' && code === before.regionCode) acting.add('ARS');
    if (kind === 'CD' && code === before.departmentCode) acting.add('CD');
  }
  return AUTHORITY_KINDS.filter(
    (kind) =>
      !acting.has(kind) && (authorityCovers(kind, before.competence) || authorityCovers(kind, newCompetence)),
  );
}
