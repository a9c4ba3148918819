/**
 * The role an actor plays in the campaign workflow (@tdb/submission-workflow) for one structure:
 * the strongest one its active grants give. The status machine decides what that role may do.
 */
import type { WorkflowRole } from '@tdb/submission-workflow';
import type { Actor, ActorGrant, StructureFacts } from './model';
import { isAuthorityKind } from './model';
import { structureCoverage } from './scope';
import { activeGrants, isIsoDate } from './validity';

/** From the strongest to the weakest. */
const STRENGTH: readonly WorkflowRole[] = [
  'NATIONAL_ADMIN',
  'ARS_CONTROLLER',
  'CD_CONTROLLER',
  'STRUCTURE_VALIDATION',
  'STRUCTURE_ENTRY',
  'READER',
];

/** The workflow role one grant gives on the structure, or null when it does not reach it. */
function roleOfGrant(grant: ActorGrant, s: StructureFacts): WorkflowRole | null {
  const own = grant.organisation;
  if (typeof own !== 'object' || own === null) return null;
  if (grant.role === 'NATIONAL_ADMIN') return own.kind === 'NATIONAL' ? 'NATIONAL_ADMIN' : null;

  if (isAuthorityKind(own.kind)) {
    if (grant.role !== 'APR' && grant.role !== 'CONTROLLER' && grant.role !== 'READER') return null;
    if (structureCoverage({ kind: own.kind, code: own.code }, s) !== 'covered') return null;
    if (grant.role === 'READER') return 'READER';
    return own.kind === 'ARS' ? 'ARS_CONTROLLER' : 'CD_CONTROLLER';
  }

  if (grant.role !== 'APE' && grant.role !== 'USER') return null;
  const reaches =
    (own.kind === 'OG' && s.ogFiness === own.code) || (own.kind === 'ESMS' && s.finess === own.code);
  if (!reaches) return null;
  if (grant.role === 'APE') return 'STRUCTURE_VALIDATION';
  const rights: readonly unknown[] = Array.isArray(grant.rights) ? grant.rights : [];
  if (rights.includes('VALIDATION')) return 'STRUCTURE_VALIDATION';
  if (rights.includes('ENTRY')) return 'STRUCTURE_ENTRY';
  return 'READER';
}

/**
 * The strongest workflow role the actor holds for the structure on `today`, or null when the
 * structure is out of its scope (or `today` is not a date). NATIONAL_ADMIN; ARS_CONTROLLER (APR or
 * CONTROLLER of the ARS of the structure's region, competence ARS or SHARED); CD_CONTROLLER (APR
 * or CONTROLLER of the Département, competence CD or SHARED) — an actor holding both is the ARS
 * controller, the confirmer of shared structures; STRUCTURE_VALIDATION (APE of the ESMS or its OG,
 * USER with VALIDATION); STRUCTURE_ENTRY (USER with ENTRY); READER (READER of a competent
 * authority, USER with READ only). Only grants valid on `today` count.
 */
export function workflowRoleOf(actor: Actor, structure: StructureFacts, today: string): WorkflowRole | null {
  if (!isIsoDate(today) || typeof structure !== 'object' || structure === null) return null;
  let best: WorkflowRole | null = null;
  for (const grant of activeGrants(actor, today)) {
    const role = roleOfGrant(grant, structure);
    if (role !== null && (best === null || STRENGTH.indexOf(role) < STRENGTH.indexOf(best))) best = role;
  }
  return best;
}
